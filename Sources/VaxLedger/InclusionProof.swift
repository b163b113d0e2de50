public import VaxCore
public import VaxCrypto

/// A proof that one entry is in the ledger a signed checkpoint commits to (RFC 9162 §2.1.3),
/// checkable offline with only the public key. A decision's proof also proves the evidence
/// entry that defines its evidence code.
///
/// Text form (docs/ledger-format.md "Inclusion proofs"):
///
///     vaxlink inclusion proof v1\nindex <seq>\nentry <base64 canonical bytes>\n
///     path <base64 hash>\n… (leaf to root)
///     [evidence-index <seq>\nevidence-entry <base64>\nevidence-path <base64>\n…]
///     \n<checkpoint note>
public struct InclusionProof: Sendable, Equatable {
    /// One entry and its audit path.
    public struct Inclusion: Sendable, Equatable {
        public var index: Int
        /// The entry's canonical bytes.
        public var entry: [UInt8]
        public var path: [SHA256Digest]
    }

    /// The proven entry.
    public var proven: Inclusion
    /// For a decision: the entry defining its evidence code.
    public var evidence: Inclusion?
    /// The signed checkpoint text the paths lead to.
    public var checkpoint: String

    /// The proven entry's sequence number.
    public var index: Int { proven.index }

    static let magic = "vaxlink inclusion proof v1"

    /// The proof's text form.
    public var text: String {
        var out = "\(Self.magic)\n"
        func write(_ part: Inclusion, _ prefix: String) {
            out += "\(prefix)index \(part.index)\n\(prefix)entry \(Base64.encode(part.entry))\n"
            for hash in part.path { out += "\(prefix)path \(Base64.encode(hash.bytes))\n" }
        }
        write(proven, "")
        if let evidence { write(evidence, "evidence-") }
        return out + "\n" + checkpoint
    }

    /// Parses the text form.
    /// - Throws: `VaxError(.problem)` if it is malformed.
    public init(text: String) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "proof: \(why)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 4, lines[0] == Self.magic else { throw bad("not a vaxlink inclusion proof") }
        var i = 1
        func value(_ key: String) -> String? {
            guard i < lines.count, lines[i].hasPrefix(key + " ") else { return nil }
            defer { i += 1 }
            return String(lines[i].dropFirst(key.count + 1))
        }
        func part(_ prefix: String) throws -> Inclusion {
            guard let text = value(prefix + "index"), let index = Int(text), index >= 0, String(index) == text else {
                throw bad("bad \(prefix)index line")
            }
            guard let entryText = value(prefix + "entry"), let entry = Base64.decode(entryText) else {
                throw bad("bad \(prefix)entry line")
            }
            var path: [SHA256Digest] = []
            while let hashText = value(prefix + "path") {
                guard let hash = Base64.decode(hashText), hash.count == 32 else { throw bad("bad \(prefix)path line") }
                path.append(SHA256Digest(hash))
            }
            return Inclusion(index: index, entry: entry, path: path)
        }
        let proven = try part("")
        let evidence = i < lines.count && lines[i].hasPrefix("evidence-") ? try part("evidence-") : nil
        guard i < lines.count, lines[i].isEmpty else { throw bad("unexpected line, or no checkpoint") }
        self.proven = proven
        self.evidence = evidence
        self.checkpoint = lines[(i + 1)...].joined(separator: "\n")
    }

    init(proven: Inclusion, evidence: Inclusion?, checkpoint: String) {
        self.proven = proven
        self.evidence = evidence
        self.checkpoint = checkpoint
    }

    /// Checks the checkpoint's signature by `key` and the paths from the entries to its root.
    /// - Returns: the proven entry, decoded (a decision with its evidence text).
    /// - Throws: `VaxError(.problem)` naming what does not hold.
    public func check(key: Ed25519PublicKey) throws -> LedgerEntry {
        let signed = try Checkpoint(text: checkpoint, key: key)
        let hashing = LedgerHashing()
        var evidenceText: (code: Int, text: String)? = nil
        if let evidence {
            guard case .evidence(let code, let text) = try Self.verify(evidence, in: signed, hashing: hashing, nil),
                evidence.index < proven.index
            else { throw VaxError(.problem, "proof: the evidence part is not an earlier evidence entry") }
            evidenceText = (code, text)
        }
        return try Self.verify(proven, in: signed, hashing: hashing, evidenceText)
    }

    private static func verify(
        _ part: Inclusion, in signed: Checkpoint, hashing: LedgerHashing, _ evidence: (code: Int, text: String)?
    ) throws -> LedgerEntry {
        let entry = part.entry
        guard entry.count >= 9 else { throw VaxError(.problem, "proof: the entry is too short") }
        var seq: UInt64 = 0
        for b in entry[0..<8] { seq = seq << 8 | UInt64(b) }
        let shotCount = Int(entry[8])
        guard seq == UInt64(part.index), entry.count >= 9 + shotCount else {
            throw VaxError(.problem, "proof: the entry's sequence number is not the proven index")
        }
        let shot = Array(entry[9..<(9 + shotCount)])
        let body = Array(entry[(9 + shotCount)...])
        let leaf = shot.withUnsafeBytes { s in
            body.withUnsafeBytes { b in hashing.leaf(seq: part.index, shotID: s, body: b) }
        }
        guard
            verifyInclusion(
                leaf: leaf, index: part.index, size: signed.treeSize, path: part.path, root: signed.root,
                hashing: hashing)
        else {
            throw VaxError(.problem, "proof: the path does not lead to the checkpoint's root")
        }
        let decoded = body.withUnsafeBytes { b in
            EntryCodec.decode(
                body: b, shotID: shotCount == 0 ? nil : String(decoding: shot, as: UTF8.self),
                evidence: { code in code == evidence?.code ? evidence?.text : nil })
        }
        guard let decoded else {
            throw VaxError(.problem, "proof: the entry does not decode (or its evidence is not proven)")
        }
        return decoded
    }

    /// The proof for the decision on `shotID` against the ledger's latest checkpoint.
    /// - Throws: `.badInput` if there is no decision for the shot, `.corruption` for a damaged file.
    /// - Complexity: O(log n) stored nodes plus at most 4 × 256 leaf hashes.
    public static func make(reader: LedgerReader, shotID: String) throws -> InclusionProof {
        guard let seq = try reader.seq(ofShot: shotID) else {
            throw VaxError(.badInput, "the ledger holds no decision for that shot", field: "shot")
        }
        let header = try reader.header()
        guard let checkpoint = try reader.latestCheckpoint(key: header.signerPublicKey) else {
            throw VaxError(.corruption, "the ledger has no checkpoint", file: reader.path)
        }
        let hashing = LedgerHashing()
        var builder = PathBuilder(reader: reader, hashing: hashing)
        func inclusion(_ seq: Int) throws -> Inclusion {
            Inclusion(
                index: seq, entry: try reader.canonicalBytes(seq: seq)!,
                path: try builder.path(seq, 0, checkpoint.treeSize))
        }
        let proven = try inclusion(seq)
        // A malformed body (which verify rejects) must not be read past its end here.
        guard proven.entry.count == 9 + Int(proven.entry[8]) + DecisionBody.size else {
            throw VaxError(.corruption, "the decision is malformed; run 'vaxlink ledger verify'", file: reader.path)
        }
        // The evidence code sits at a fixed offset of the decision body.
        let bodyStart = 9 + Int(proven.entry[8]) + DecisionBody.evidenceCode.offset
        let code = proven.entry[bodyStart..<(bodyStart + 4)].reduce(0) { $0 << 8 | Int($1) }
        let table = try reader.evidenceTable()
        guard code < table.seqs.count else {
            throw VaxError(.corruption, "the decision's evidence code is undefined; run 'vaxlink ledger verify'")
        }
        return InclusionProof(proven: proven, evidence: try inclusion(table.seqs[code]), checkpoint: checkpoint.text)
    }
}

/// RFC 6962 §2.1.1 PATH over stored nodes and recomputed leaves.
struct PathBuilder {
    let reader: LedgerReader
    let hashing: LedgerHashing

    mutating func path(_ m: Int, _ lo: Int, _ hi: Int) throws -> [SHA256Digest] {
        let n = hi - lo
        if n <= 1 { return [] }
        let k = largestPowerOfTwo(below: n)
        if m < lo + k { return try path(m, lo, lo + k) + [mth(lo + k, hi)] }
        return try path(m, lo + k, hi) + [mth(lo, lo + k)]
    }

    func mth(_ lo: Int, _ hi: Int) throws -> SHA256Digest {
        let n = hi - lo
        if n & (n - 1) == 0, n >= LedgerFormat.blockSize, lo % n == 0 {
            let level = n.trailingZeroBitCount
            guard let node = try reader.node(level: level, index: lo >> level) else {
                throw VaxError(
                    .corruption, "the ledger lacks a Merkle node; run 'vaxlink ledger verify'", file: reader.path)
            }
            return node
        }
        if n <= LedgerFormat.blockSize {
            var frontier = MerkleFrontier()
            for leaf in try reader.leafHashes(lo..<hi, hashing: hashing) {
                frontier.append(leaf, hashing: hashing) { _, _, _ in }
            }
            return frontier.root(hashing: hashing)
        }
        let k = largestPowerOfTwo(below: n)
        return hashing.node(try mth(lo, lo + k), try mth(lo + k, hi))
    }
}

/// The largest power of two strictly below `n` (n ≥ 2).
func largestPowerOfTwo(below n: Int) -> Int {
    1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
}
