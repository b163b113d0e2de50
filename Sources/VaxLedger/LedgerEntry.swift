public import VaxCore
import VaxCrypto

/// One entry of the ledger, decoded.
public enum LedgerEntry: Sendable, Equatable {
    /// The run header (entry 0).
    case header(RunHeader)
    /// One shot's decision, its evidence text resolved.
    case decision(Decision)
    /// One input row that could not be read.
    case reject(RowIssue)
    /// Closes batch `batch` (0 = the header's batch), which held `entries` entries before it.
    case seal(batch: Int, entries: Int)
    /// Defines evidence code `code` (0, 1, 2, … in ledger order) as `text`.
    case evidence(code: Int, text: String)
    /// A vaccine passport issued from earlier link decisions.
    case passport(PassportRecord)
    /// A person's decision about a shot in review (kind 7).
    case review(ReviewRecord)
    /// A citizen's complaint about one shot (kind 8).
    case complaint(ComplaintRecord)
}

/// Encodes and decodes entry bodies (docs/ledger-format.md "Entries").
enum EntryCodec {
    static let noCitizen = UInt64.max

    /// Writes a decision's body into `w`, its evidence as `evidenceCode` (defined by an earlier
    /// evidence entry). The shot_id is not in the body: it is its own column.
    static func encode(_ d: Decision, evidenceCode: UInt32, into w: inout ByteWriter) throws {
        guard d.line >= 0, d.line <= Int(UInt32.max) else {
            throw VaxError(.badInput, "line number out of the ledger's range", line: d.line)
        }
        // Every field goes to its offset in `DecisionBody`'s table (no array per decision: this
        // runs once per shot on the writer's load path).
        let start = w.bytes.count
        w.bytes.append(contentsOf: repeatElement(0, count: DecisionBody.size))
        w.bytes.withUnsafeMutableBytes { all in
            let body = UnsafeMutableRawBufferPointer(rebasing: all[start...])
            DecisionBody.set(DecisionBody.kind, UInt64(EntryKind.decision.rawValue), in: body)
            DecisionBody.set(DecisionBody.line, UInt64(d.line), in: body)
            DecisionBody.set(DecisionBody.provinceCode, UInt64(UInt8(truncatingIfNeeded: d.provinceCode)), in: body)
            DecisionBody.set(DecisionBody.outcome, UInt64(d.outcome.rawValue), in: body)
            DecisionBody.set(DecisionBody.citizenID, d.citizenID?.rawValue ?? noCitizen, in: body)
            DecisionBody.set(DecisionBody.score, d.score.bitPattern, in: body)
            DecisionBody.set(DecisionBody.matchWeight, d.matchWeight.bitPattern, in: body)
            DecisionBody.set(DecisionBody.corrections, UInt64(d.corrections.rawValue), in: body)
            DecisionBody.set(DecisionBody.evidenceCode, UInt64(evidenceCode), in: body)
            DecisionBody.setDigest(DecisionBody.rawSHA256, d.rawSHA256, in: body)
        }
    }

    static func encode(_ r: RowIssue, into w: inout ByteWriter) throws {
        guard r.line >= 0, r.line <= Int(UInt32.max) else {
            throw VaxError(.badInput, "line number out of the ledger's range", line: r.line)
        }
        w.u8(EntryKind.reject.rawValue)
        w.u32(UInt32(r.line))
        w.string(r.key)
        w.string(r.code)
        w.string(r.message)
        if let column = r.column {
            w.u8(1)
            w.string(column)
        } else {
            w.u8(0)
        }
        w.digest(r.rawSHA256)
    }

    static func encodeEvidence(code: UInt32, text: String, into w: inout ByteWriter) {
        w.u8(EntryKind.evidence.rawValue)
        w.u32(code)
        w.string(text)
    }

    /// Writes a passport entry's body; the record must have no `problem`.
    static func encode(_ p: PassportRecord, into w: inout ByteWriter) {
        precondition(p.problem == nil, "passport records are checked before they are encoded")
        w.u8(EntryKind.passport.rawValue)
        w.string(p.uvci)
        w.u64(p.citizenID.rawValue)
        w.digest(p.payloadSHA256)
        w.u32(UInt32(p.decisionSeqs.count))
        for seq in p.decisionSeqs { w.u64(UInt64(seq)) }
    }

    /// A seal; version 2 also commits `chainBefore` = chain(seq − 1), version 1 passes nil.
    static func encodeSeal(batch: Int, entries: Int, chainBefore: SHA256Digest? = nil, into w: inout ByteWriter) {
        w.u8(EntryKind.seal.rawValue)
        w.u64(UInt64(batch))
        w.u64(UInt64(entries))
        if let chainBefore { w.digest(chainBefore) }
    }

    /// Bytes of a seal body in format `version`.
    static func sealSize(version: UInt8) -> Int { version == 1 ? 17 : 49 }

    /// The chain hash a version-2 seal body commits (its last 32 bytes), or nil for another size.
    static func sealChain(_ body: UnsafeRawBufferPointer) -> SHA256Digest? {
        guard body.count == sealSize(version: 2), body.first == EntryKind.seal.rawValue else { return nil }
        return SHA256Digest(bytes: UnsafeRawBufferPointer(rebasing: body[17...]))
    }

    /// Decodes a body with its shot_id column (nil = SQL NULL); nil if not canonical.
    /// `evidence` resolves a decision's evidence code to its text (nil: undefined).
    static func decode(
        body: UnsafeRawBufferPointer, shotID: String?,
        evidence: (Int) -> String? = { _ in nil }
    ) -> LedgerEntry? {
        var r = ByteReader(body)
        guard let kind = r.u8().flatMap(EntryKind.init(rawValue:)) else { return nil }
        let entry: LedgerEntry?
        switch kind {
        case .header:
            guard shotID == nil else { return nil }
            entry = RunHeader.decode(&r).map(LedgerEntry.header)
        case .decision:
            guard let shotID, !shotID.isEmpty, shotID.utf8.count <= 255 else { return nil }
            guard body.count == DecisionBody.size else { return nil }
            func get(_ field: DecisionBody.Field) -> UInt64 { DecisionBody.get(field, in: body) }
            let citizen = get(DecisionBody.citizenID)
            let corrections = UInt8(get(DecisionBody.corrections))
            guard let outcome = Outcome(rawValue: UInt8(get(DecisionBody.outcome))), corrections & 0xF0 == 0,
                let evidence = evidence(Int(get(DecisionBody.evidenceCode))),
                citizen == noCitizen || citizen < 1_000_000_000_000
            else { return nil }
            let raw = SHA256Digest(bytes: UnsafeRawBufferPointer(rebasing: body[DecisionBody.rawSHA256.range]))
            r.offset = DecisionBody.size
            entry = .decision(
                Decision(
                    shotID: shotID, line: Int(get(DecisionBody.line)),
                    provinceCode: Int(get(DecisionBody.provinceCode)),
                    outcome: outcome, citizenID: citizen == noCitizen ? nil : CitizenID(rawValue: citizen),
                    score: Double(bitPattern: get(DecisionBody.score)),
                    matchWeight: Double(bitPattern: get(DecisionBody.matchWeight)),
                    corrections: CorrectedFields(rawValue: corrections), evidence: evidence, rawSHA256: raw))
        case .reject:
            guard shotID == nil else { return nil }
            guard let line = r.u32(), let key = r.string(), let code = r.string(), let message = r.string(),
                let hasColumn = r.u8(), hasColumn <= 1
            else { return nil }
            var column: String? = nil
            if hasColumn == 1 {
                guard let c = r.string() else { return nil }
                column = c
            }
            guard let raw = r.digest() else { return nil }
            entry = .reject(
                RowIssue(
                    line: Int(line), key: key, code: code, message: message, column: column,
                    rawSHA256: raw))
        case .evidence:
            guard shotID == nil, let code = r.u32(), let text = r.string() else { return nil }
            entry = .evidence(code: Int(code), text: text)
        case .passport:
            // A citizen ID past 12 digits is not canonical (CitizenID would trap on it; found by
            // fuzzing, Tests/Fuzz/FailCases/ledger/passport-citizen-13-digits.bin).
            guard shotID == nil, let uvci = r.string(), let citizen = r.u64(), citizen < 1_000_000_000_000,
                let digest = r.digest(), let count = r.u32(), Int(count) <= (r.bytes.count - r.offset) / 8
            else { return nil }
            var seqs: [Int] = []
            seqs.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let seq = r.u64(), seq < 1 << 62 else { return nil }
                seqs.append(Int(seq))
            }
            let record = PassportRecord(
                uvci: uvci, citizenID: CitizenID(rawValue: citizen), payloadSHA256: digest, decisionSeqs: seqs)
            guard record.problem == nil else { return nil }
            entry = .passport(record)
        case .review:
            guard shotID == nil, let record = decodeReview(&r) else { return nil }
            entry = .review(record)
        case .complaint:
            guard shotID == nil, let record = decodeComplaint(&r) else { return nil }
            entry = .complaint(record)
        case .seal:
            guard shotID == nil, let batch = r.u64(), let count = r.u64(),
                batch < 1 << 62, count < 1 << 62
            else { return nil }
            // Version 2 adds the chain before the seal; which size is right, the header says.
            if !r.isAtEnd { _ = r.digest() }
            entry = .seal(batch: Int(batch), entries: Int(count))
        }
        // Trailing bytes make a body non-canonical.
        return r.isAtEnd ? entry : nil
    }
}

/// Hashes of the format, over one reused hasher.
struct LedgerHashing {
    let hasher = SHA256Hasher()
    static let zero = SHA256Digest.zero

    /// Feeds canonical(seq) = u64be(seq) ‖ u8(len) ‖ shot_id ‖ body into the hasher.
    @inline(__always)
    private func feedCanonical(seq: Int, shotID: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) {
        var prefix: (UInt64, UInt8) = (UInt64(seq).bigEndian, UInt8(shotID.count))
        withUnsafeBytes(of: &prefix) { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<9])) }
        hasher.update(shotID)
        hasher.update(body)
    }

    /// chain(seq) = SHA256(previous ‖ canonical(seq)).
    func chain(previous: SHA256Digest, seq: Int, shotID: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer)
        -> SHA256Digest
    {
        var p = previous
        withUnsafeBytes(of: &p.words) { raw in
            // The digest's words are big-endian values; write them out as bytes.
            var be = (
                raw.load(fromByteOffset: 0, as: UInt64.self).bigEndian,
                raw.load(fromByteOffset: 8, as: UInt64.self).bigEndian,
                raw.load(fromByteOffset: 16, as: UInt64.self).bigEndian,
                raw.load(fromByteOffset: 24, as: UInt64.self).bigEndian
            )
            withUnsafeBytes(of: &be) { hasher.update($0) }
        }
        feedCanonical(seq: seq, shotID: shotID, body: body)
        return hasher.finish()
    }

    /// leaf(seq) = SHA256(0x00 ‖ canonical(seq)).
    func leaf(seq: Int, shotID: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> SHA256Digest {
        var zero: UInt8 = 0
        withUnsafeBytes(of: &zero) { hasher.update($0) }
        feedCanonical(seq: seq, shotID: shotID, body: body)
        return hasher.finish()
    }

    /// chain(seq) = SHA256(previous ‖ canonical), canonical(seq) already laid out in memory.
    func chain(previous: SHA256Digest, canonical: UnsafeRawBufferPointer) -> SHA256Digest {
        var be = (
            previous.words.0.bigEndian, previous.words.1.bigEndian, previous.words.2.bigEndian,
            previous.words.3.bigEndian
        )
        withUnsafeBytes(of: &be) { hasher.update($0) }
        hasher.update(canonical)
        return hasher.finish()
    }

    /// leaf(seq) from `0x00 ‖ canonical(seq)` laid out in memory.
    func leaf(input: UnsafeRawBufferPointer) -> SHA256Digest { hasher.hash(input) }

    /// node = SHA256(0x01 ‖ left ‖ right).
    func node(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        // The word 1 written big-endian ends in the byte 0x01: bytes 7..<72 are 0x01 ‖ left ‖
        // right, contiguous, hashed in one update (one node hash per leaf in the verifier).
        var buffer = (
            UInt64(1).bigEndian, left.words.0.bigEndian, left.words.1.bigEndian, left.words.2.bigEndian,
            left.words.3.bigEndian, right.words.0.bigEndian, right.words.1.bigEndian, right.words.2.bigEndian,
            right.words.3.bigEndian
        )
        return withUnsafeBytes(of: &buffer) { raw in hasher.hash(UnsafeRawBufferPointer(rebasing: raw[7..<72])) }
    }

    /// The canonical bytes of one entry, for proofs and vectors.
    static func canonical(seq: Int, shotID: [UInt8], body: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.u64(UInt64(seq))
        w.u8(UInt8(shotID.count))
        w.raw(shotID)
        w.raw(body)
        return w.bytes
    }
}
