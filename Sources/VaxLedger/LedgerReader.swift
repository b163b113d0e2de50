public import VaxCore
public import VaxCrypto

/// Reads a ledger file without verifying it (use `LedgerVerifier` for that).
///
/// One owner; not thread-safe.
public final class LedgerReader {
    let database: SQLiteDatabase
    private lazy var entryBySeq = try? database.prepare("SELECT shot_id, body FROM entry WHERE seq = ?1")
    private lazy var nodeByID = try? database.prepare("SELECT hash FROM node WHERE id = ?1")

    /// Opens `path` read-only.
    /// - Throws: `.badInput` if there is no such ledger, `.corruption` if it is damaged.
    public convenience init(path: String) throws {
        try self.init(database: SQLiteDatabase(path: path, readOnly: true))
        let tables = try database.scalarInt(
            "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN ('entry','node','checkpoint')")
        guard tables == 3 else { throw VaxError(.badInput, "not a vaxlink ledger", file: path) }
    }

    init(database: SQLiteDatabase) throws {
        self.database = database
    }

    /// Evidence texts by code, and the sequence number defining each.
    struct EvidenceTable {
        var texts: [String] = []
        var seqs: [Int] = []
        /// Passport entries seen on the way (they are not input records either).
        var passports = 0
    }
    private var cachedEvidence: EvidenceTable?

    /// The evidence definitions (entries of kind 5), read once. O(entries without shot_id).
    func evidenceTable() throws -> EvidenceTable {
        if let cachedEvidence { return cachedEvidence }
        var table = EvidenceTable()
        let statement = try database.prepare("SELECT seq, body FROM entry WHERE shot_id IS NULL ORDER BY seq")
        while try statement.step() {
            let seq = Int(statement.int64(0))
            let isPassport = statement.withBytes(1) { $0.first == EntryKind.passport.rawValue }
            if isPassport { table.passports += 1 }
            let entry = statement.withBytes(1) { body -> LedgerEntry? in
                body.first == EntryKind.evidence.rawValue ? EntryCodec.decode(body: body, shotID: nil) : nil
            }
            guard let entry else { continue }
            guard case .evidence(let code, let text) = entry, code == table.texts.count else {
                throw VaxError(.corruption, "evidence codes are out of order at entry \(seq)", file: path)
            }
            table.texts.append(text)
            table.seqs.append(seq)
        }
        cachedEvidence = table
        return table
    }

    /// The path of the ledger file.
    public var path: String { database.path }

    /// The decoded entry `seq`, or nil if there is none.
    /// - Throws: `.corruption` if the stored entry does not decode.
    public func entry(seq: Int) throws -> LedgerEntry? {
        guard let statement = entryBySeq else { throw database.error(1, "prepare") }
        defer { statement.reset() }
        statement.bind(1, Int64(seq))
        guard try statement.step() else { return nil }
        return try decodeRow(statement, seq: seq)
    }

    private func decodeRow(_ statement: SQLiteStatement, seq: Int) throws -> LedgerEntry {
        let shot: String? = statement.isNull(0) ? nil : statement.text(0)
        let texts = shot == nil ? [] : try evidenceTable().texts
        let resolve = { (code: Int) -> String? in code < texts.count ? texts[code] : nil }
        guard let entry = statement.withBytes(1, { EntryCodec.decode(body: $0, shotID: shot, evidence: resolve) })
        else {
            throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
        }
        return entry
    }

    /// The sequence number of the decision for `shotID`, if any. O(log n) when found through
    /// the entry_shot index; O(n) when the index finds nothing.
    ///
    /// The index is not covered by any hash (a forger can rewrite it without the key), so it
    /// only proposes rows: each is re-read by seq from the table, whose bytes the chain
    /// covers, and kept only if its own shot_id is `shotID`. When the index proposes nothing,
    /// a scan of the table (NOT INDEXED) makes sure that "no such shot" is true.
    // spec: ledger-format.md "Validity rules", the entry_shot paragraph.
    public func seq(ofShot shotID: String) throws -> Int? {
        let wanted = Array(shotID.utf8)
        let confirm = try database.prepare("SELECT shot_id, body FROM entry WHERE seq = ?1")
        func isDecision(_ seq: Int64) throws -> Bool {
            confirm.bind(1, seq)
            defer { confirm.reset() }
            guard try confirm.step(), confirm.isText(0) else { return false }
            return confirm.bytes(0) == wanted && confirm.withBytes(1) { $0.first == EntryKind.decision.rawValue }
        }
        for sql in [
            "SELECT seq FROM entry WHERE shot_id = ?1 ORDER BY seq",
            "SELECT seq FROM entry NOT INDEXED WHERE shot_id = ?1 ORDER BY seq",
        ] {
            let statement = try database.prepare(sql)
            statement.bind(1, text: shotID)
            while try statement.step() {
                let seq = statement.int64(0)
                if try isDecision(seq) { return Int(seq) }
            }
        }
        return nil
    }

    /// The latest checkpoint, checked against `key`.
    public func latestCheckpoint(key: Ed25519PublicKey) throws -> Checkpoint? {
        let statement = try database.prepare("SELECT note FROM checkpoint ORDER BY tree_size DESC LIMIT 1")
        guard try statement.step() else { return nil }
        do {
            return try Checkpoint(text: statement.text(0), key: key)
        } catch let error as VaxError {
            throw VaxError(.corruption, "the latest \(error.message)", file: path)
        }
    }

    /// chain(size − 1) of a version-2 ledger, from the seal at size − 1 alone: the chain hash
    /// that seal commits, extended by the seal's own canonical bytes. nil if that entry is
    /// not a version-2 seal. Unverified: `LedgerVerifier` checks every seal's chain.
    func chainHead(atSize size: Int) throws -> SHA256Digest? {
        guard size > 0, let canonical = try canonicalBytes(seq: size - 1) else { return nil }
        return canonical.withUnsafeBytes { raw -> SHA256Digest? in
            let body = UnsafeRawBufferPointer(rebasing: raw[(9 + Int(raw[8]))...])
            guard let before = EntryCodec.sealChain(body) else { return nil }
            return LedgerHashing().chain(
                previous: before, seq: size - 1, shotID: UnsafeRawBufferPointer(rebasing: raw[9..<(9 + Int(raw[8]))]),
                body: body)
        }
    }

    /// The run header (entry 0).
    public func header() throws -> RunHeader {
        guard case .header(let header)? = try entry(seq: 0) else {
            throw VaxError(.corruption, "the ledger has no run header", file: path)
        }
        return header
    }

    /// The stored Merkle node of `level` (≥ 8) and `index`, if present.
    func node(level: Int, index: Int) throws -> SHA256Digest? {
        guard let statement = nodeByID else { throw database.error(1, "prepare") }
        defer { statement.reset() }
        statement.bind(1, LedgerFormat.nodeID(level: level, index: index))
        guard try statement.step() else { return nil }
        let bytes = statement.bytes(0)
        guard bytes.count == 32 else { throw VaxError(.corruption, "a Merkle node is not 32 bytes", file: path) }
        return SHA256Digest(bytes)
    }

    /// Leaf hashes of the entries in `range`, which must all exist.
    func leafHashes(_ range: Range<Int>, hashing: LedgerHashing) throws -> [SHA256Digest] {
        guard !range.isEmpty else { return [] }
        let statement = try database.prepare(
            "SELECT seq, shot_id, body FROM entry WHERE seq >= ?1 AND seq < ?2 ORDER BY seq")
        statement.bind(1, Int64(range.lowerBound))
        statement.bind(2, Int64(range.upperBound))
        var out: [SHA256Digest] = []
        out.reserveCapacity(range.count)
        while try statement.step() {
            let seq = Int(statement.int64(0))
            guard seq == range.lowerBound + out.count else { break }
            out.append(
                statement.withBytes(1) { shot in
                    statement.withBytes(2) { body in hashing.leaf(seq: seq, shotID: shot, body: body) }
                })
        }
        guard out.count == range.count else {
            throw VaxError(
                .corruption, "the ledger lacks entries \(range.lowerBound)..<\(range.upperBound)", file: path)
        }
        return out
    }

    /// The canonical bytes of entry `seq` (docs/ledger-format.md), or nil if there is none.
    public func canonicalBytes(seq: Int) throws -> [UInt8]? {
        guard let statement = entryBySeq else { throw database.error(1, "prepare") }
        defer { statement.reset() }
        statement.bind(1, Int64(seq))
        guard try statement.step() else { return nil }
        let shot = statement.bytes(0)
        guard shot.count <= 255 else {
            throw VaxError(
                .corruption, "entry \(seq) has a shot_id over 255 bytes; run 'vaxlink ledger verify'", file: path)
        }
        return LedgerHashing.canonical(seq: seq, shotID: shot, body: statement.bytes(1))
    }

    /// Calls `body` for each machine decision with its seq, in sequence (input) order.
    /// - Complexity: O(entries).
    public func forEachDecision(_ body: (_ seq: Int, Decision) throws -> Void) throws {
        let texts = try evidenceTable().texts
        let resolve = { (code: Int) -> String? in code < texts.count ? texts[code] : nil }
        let statement = try database.prepare(
            "SELECT seq, shot_id, body FROM entry WHERE shot_id IS NOT NULL ORDER BY seq")
        while try statement.step() {
            let seq = Int(statement.int64(0))
            let shot = statement.text(1)
            guard let entry = statement.withBytes(2, { EntryCodec.decode(body: $0, shotID: shot, evidence: resolve) })
            else {
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
            if case .decision(let decision) = entry { try body(seq, decision) }
        }
    }
}
