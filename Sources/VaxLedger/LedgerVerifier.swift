public import VaxCore
public import VaxCrypto

/// What `LedgerVerifier.verify` found.
public struct VerificationReport: Sendable {
    /// The first thing that does not hold: the entry (sequence number, shot_id) and what is wrong.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        /// The first entry that does not hold, when one can be named.
        public var seq: Int?
        /// That entry's shot_id, for a decision.
        public var shotID: String?
        /// What is wrong.
        public var message: String
        public var description: String {
            var out = ""
            if let seq { out += "entry \(seq)" }
            if let shotID { out += " (shot_id \(shotID))" }
            return out.isEmpty ? message : out + ": " + message
        }
    }

    /// Entries in the ledger.
    public var treeSize = 0
    /// Sealed batches, the header's included.
    public var batches = 0
    /// The latest checkpoint's chain head and Merkle root, once verified.
    public var chainHead: SHA256Digest?
    public var root: SHA256Digest?
    /// The latest checkpoint's text.
    public var latestCheckpoint: String?
    /// nil if everything holds.
    public var failure: Failure?

    /// Whether everything holds.
    public var isValid: Bool { failure == nil }
}

/// Verifies a ledger: every chain link, every stored Merkle node, every checkpoint's root,
/// head and signature, and optionally a checkpoint held outside the ledger.
public enum LedgerVerifier {
    /// Verifies the ledger at `path`, in parallel over aligned ranges of entries.
    /// - Parameters:
    ///   - publicKey: the key the auditor expects; nil trusts the key in the header.
    ///   - heldCheckpoint: a checkpoint text kept outside the ledger that it must still contain.
    ///   - threads: worker threads (results do not depend on it).
    /// - Returns: the report; `failure` names the first entry that does not hold.
    /// - Throws: `.corruption` for a file SQLite cannot read, `.badInput` for a non-ledger.
    /// - Complexity: O(n) hashes, about 3 per entry.
    public static func verify(
        path: String, publicKey: Ed25519PublicKey? = nil, heldCheckpoint: String? = nil,
        threads: Int = processorCount
    ) throws -> VerificationReport {
        var report = VerificationReport()
        func fail(_ seq: Int?, _ shot: String?, _ message: String) -> VerificationReport {
            report.failure = .init(seq: seq, shotID: shot, message: message)
            return report
        }
        let reader = try LedgerReader(path: path)
        let database = reader.database
        if let problem = try schemaProblem(database) { return fail(nil, nil, problem) }

        // The header and the key.
        let header: RunHeader
        do { header = try reader.header() } catch {
            return fail(0, nil, "the run header is missing or does not decode")
        }
        let key = header.signerPublicKey
        if let publicKey, publicKey != key {
            return fail(0, nil, "the ledger is signed by a different key than the one given")
        }
        let hashing = LedgerHashing()
        let origin = try Checkpoint.origin(
            headerChain: {
                guard let bytes = try reader.canonicalBytes(seq: 0) else { return LedgerHashing.zero }
                return bytes.withUnsafeBytes { raw in
                    hashing.chain(
                        previous: LedgerHashing.zero, seq: 0, shotID: UnsafeRawBufferPointer(start: nil, count: 0),
                        body: UnsafeRawBufferPointer(rebasing: raw[9...]))
                }
            }())

        // Checkpoints: each must parse, be signed by the key and name this ledger.
        var checkpoints: [Int: Checkpoint] = [:]
        var sizes: [Int] = []
        let listing = try database.prepare("SELECT tree_size, note FROM checkpoint ORDER BY tree_size")
        while try listing.step() {
            let size = Int(listing.int64(0))
            guard listing.isInteger(0), listing.isText(1) else {
                return fail(max(0, size - 1), nil, "checkpoint row has wrong column types")
            }
            let checkpoint: Checkpoint
            do { checkpoint = try Checkpoint(text: listing.text(1), key: key) } catch let error as VaxError {
                return fail(max(0, size - 1), nil, "the \(error.message) (checkpoint of tree size \(size))")
            }
            guard checkpoint.treeSize == size, checkpoint.origin == origin else {
                return fail(max(0, size - 1), nil, "checkpoint of tree size \(size) names another size or ledger")
            }
            checkpoints[size] = checkpoint
            sizes.append(size)
        }
        let count = Int(try database.scalarInt("SELECT count(*) FROM entry") ?? 0)
        let maxSeq = Int(try database.scalarInt("SELECT max(seq) FROM entry") ?? -1)
        guard let last = sizes.last else { return fail(nil, nil, "the ledger has no checkpoint") }
        // The entries the checkpoints cover; gaps and extras are named after the walk below.
        let size = last

        // Stored Merkle nodes.
        var stored: [Int64: SHA256Digest] = [:]
        let nodes = try database.prepare("SELECT id, hash FROM node")
        while try nodes.step() {
            let id = nodes.int64(0)
            guard nodes.isInteger(0), nodes.isBlob(1), nodes.withBytes(1, { $0.count }) == 32 else {
                return fail(Int((id & 0xFF_FFFF_FFFF) << (id >> 40)), nil, "a Merkle node row is malformed")
            }
            stored[id] = SHA256Digest(nodes.bytes(1))
        }

        // Entries, in parallel over ranges aligned to 256 leaves.
        let blockSize = LedgerFormat.blockSize
        let blocks = (size + blockSize - 1) / blockSize
        // Chunk starts sit just after a checkpoint, rounded up to a block, so that each worker
        // re-reads fewer than 256 entries to pick up the chain from that checkpoint's head.
        var starts: Set<Int> = [0]
        let parts = max(1, threads * 4)
        for k in 1..<max(parts, 1) {
            let target = blocks * k / parts * blockSize
            guard let s = sizes.last(where: { $0 <= target }) else { continue }
            let aligned = (s + blockSize - 1) / blockSize * blockSize
            if aligned < size { starts.insert(aligned) }
        }
        let sortedStarts = starts.sorted()
        let chunks = sortedStarts.indices.map { i in
            sortedStarts[i]..<(i + 1 < sortedStarts.count ? sortedStarts[i + 1] : size)
        }
        let frozenCheckpoints = checkpoints
        let frozenSizes = sizes
        let results = mapChunks(chunks, threads: threads) { range -> ChunkResult in
            // The chain restarts at the last checkpoint at or before the range.
            var startIndex = 0
            var lo = 0
            var hi = frozenSizes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if frozenSizes[mid] <= range.lowerBound {
                    startIndex = mid + 1
                    lo = mid + 1
                } else {
                    hi = mid
                }
            }
            let chainStart = startIndex == 0 ? 0 : frozenSizes[startIndex - 1]
            let head = startIndex == 0 ? LedgerHashing.zero : frozenCheckpoints[chainStart]!.chainHead
            return verifyRange(
                path: path, range: range, chainStart: chainStart, head: head,
                checkpoints: frozenCheckpoints, sizes: frozenSizes)
        }
        var blockHashes: [SHA256Digest] = []
        var evidenceDefinitions = 0
        var maxEvidenceCode = -1
        var partialRoots: [Int: SHA256Digest] = [:]
        var headAtSize: [Int: SHA256Digest] = [:]
        var firstPassport = Int.max
        var lastRecord = -1
        for result in results {
            if let thrown = result.thrown { throw thrown }
            if let failure = result.failure {
                report.failure = failure
                return report
            }
            for code in result.evidenceDefinitions {
                if code != evidenceDefinitions {
                    return fail(nil, nil, "evidence code \(code) is defined out of order")
                }
                evidenceDefinitions += 1
            }
            maxEvidenceCode = max(maxEvidenceCode, result.maxEvidenceCode)
            firstPassport = min(firstPassport, result.firstPassport)
            lastRecord = max(lastRecord, result.lastRecord)
            blockHashes += result.blockHashes
            for (s, r) in result.partialRoots { partialRoots[s] = r }
            for (s, h) in result.heads { headAtSize[s] = h }
        }
        if maxEvidenceCode >= evidenceDefinitions {
            return fail(nil, nil, "a decision uses evidence code \(maxEvidenceCode), which is never defined")
        }
        if lastRecord > firstPassport {
            return fail(lastRecord, nil, "a record follows the first passport entry (seq \(firstPassport))")
        }
        if maxSeq + 1 > size { return fail(size, nil, "entries after the last checkpoint (appended unsealed)") }
        if count != size {
            return fail(nil, nil, "entry count \(count) does not match the sequence numbers 0..<\(size)")
        }

        // Levels ≥ 8 recomputed and compared with every stored node.
        var levels: [[SHA256Digest]] = Array(repeating: [], count: LedgerFormat.storedLevel)
        levels.append(Array(blockHashes.prefix(size / blockSize)))
        while levels.last!.count > 1 {
            let below = levels.last!
            levels.append((0..<(below.count / 2)).map { hashing.node(below[2 * $0], below[2 * $0 + 1]) })
        }
        var expectedNodes = 0
        for level in LedgerFormat.storedLevel..<levels.count {
            for (index, hash) in levels[level].enumerated() {
                expectedNodes += 1
                if stored[LedgerFormat.nodeID(level: level, index: index)] != hash {
                    return fail(
                        index << level, nil,
                        "the stored Merkle node (level \(level), index \(index)) is missing or wrong")
                }
            }
        }
        if stored.count != expectedNodes {
            return fail(nil, nil, "the node table holds \(stored.count - expectedNodes) extra rows")
        }

        // Each checkpoint's root and head, recomputed.
        for s in sizes {
            var parts: [SHA256Digest] = []
            var start = 0
            for level in stride(from: levels.count - 1, through: LedgerFormat.storedLevel, by: -1)
            where s >> level & 1 == 1 {
                parts.append(levels[level][start >> level])
                start += 1 << level
            }
            if s % blockSize != 0, let partial = partialRoots[s] { parts.append(partial) }
            var root = parts.removeLast()
            while let left = parts.popLast() { root = hashing.node(left, root) }
            let checkpoint = checkpoints[s]!
            if root != checkpoint.root {
                return fail(s - 1, nil, "the checkpoint of tree size \(s) has a root that the entries do not give")
            }
            if headAtSize[s] != checkpoint.chainHead {
                return fail(s - 1, nil, "the checkpoint of tree size \(s) has a wrong chain head")
            }
        }

        let latest = checkpoints[last]!
        report.treeSize = size
        report.batches = sizes.count
        report.chainHead = latest.chainHead
        report.root = latest.root
        report.latestCheckpoint = latest.text

        // A checkpoint held outside: the ledger must still contain exactly what it covered.
        if let heldCheckpoint {
            let held: Checkpoint
            do { held = try Checkpoint(text: heldCheckpoint, key: publicKey ?? key) } catch let error as VaxError {
                return fail(nil, nil, "the held \(error.message)")
            }
            if held.origin != origin {
                return fail(nil, nil, "the held checkpoint is for another ledger (\(held.origin))")
            }
            if held.treeSize > size {
                return fail(
                    size, nil,
                    "the ledger was truncated: the held checkpoint covers \(held.treeSize) entries, the ledger has \(size)"
                )
            }
            guard let mine = checkpoints[held.treeSize], mine.root == held.root, mine.chainHead == held.chainHead else {
                return fail(
                    max(0, held.treeSize - 1), nil,
                    "the ledger was rewritten or forked: it does not contain the held checkpoint's tree")
            }
        }
        if let (seq, shot, message) = try reviewSettlementProblem(database) { return fail(seq, shot, message) }
        return report
    }

    private static func schemaProblem(_ database: SQLiteDatabase) throws -> String? {
        let expected = Set(LedgerFormat.schema + [LedgerFormat.shotIndex])
        let statement = try database.prepare("SELECT sql FROM sqlite_schema")
        while try statement.step() {
            let sql = statement.isNull(0) ? "" : statement.text(0)
            if !expected.contains(sql) { return "the ledger's schema has an unexpected object: \(sql.prefix(80))" }
        }
        return nil
    }

    /// What is wrong with passport entry `seq`, or nil: it must decode and name only earlier
    /// link decisions (verified, corrected, relinked) of its own citizen.
    static func passportProblem(body: UnsafeRawBufferPointer, seq: Int, lookup: SQLiteStatement) -> String? {
        guard case .passport(let record)? = EntryCodec.decode(body: body, shotID: nil) else {
            return "a malformed passport entry"
        }
        for ref in record.decisionSeqs {
            guard ref < seq else { return "the passport names entry \(ref), which is not earlier" }
            lookup.bind(1, Int64(ref))
            defer { lookup.reset() }
            guard (try? lookup.step()) == true else { return "the passport names entry \(ref), which does not exist" }
            let problem = lookup.withBytes(0) { decision -> String? in
                let outcomeAt = LedgerFormat.decisionOutcomeOffset
                let citizenAt = LedgerFormat.decisionCitizenOffset
                guard decision.first == EntryKind.decision.rawValue, decision.count >= citizenAt + 8 else {
                    return "the passport names entry \(ref), which is not a decision"
                }
                guard Outcome(rawValue: decision[outcomeAt])?.isLink == true else {
                    return "the passport names entry \(ref), which is not a link"
                }
                let citizen = (citizenAt..<(citizenAt + 8)).reduce(UInt64(0)) { $0 << 8 | UInt64(decision[$1]) }
                guard citizen == record.citizenID.rawValue else {
                    return "the passport names entry \(ref), a link of another citizen"
                }
                return nil
            }
            if let problem { return problem }
        }
        return nil
    }

    struct ChunkResult {
        var blockHashes: [SHA256Digest] = []
        var partialRoots: [(Int, SHA256Digest)] = []
        var heads: [(Int, SHA256Digest)] = []
        /// Evidence codes defined in the range, in order, and the largest code a decision uses.
        var evidenceDefinitions: [Int] = []
        var maxEvidenceCode = -1
        /// The first passport entry and the last decision, reject or evidence entry in the range:
        /// passports come after every record.
        var firstPassport = Int.max
        var lastRecord = -1
        var failure: VerificationReport.Failure?
        /// A fault reading the file (damage, I/O), rethrown by the caller.
        var thrown: VaxError?
    }

    /// Checks entries [chainStart, range.upperBound): chain links and tags over all of them,
    /// leaves and blocks for `range`, seals against the checkpoints.
    static func verifyRange(
        path: String, range: Range<Int>, chainStart: Int, head: SHA256Digest,
        checkpoints: [Int: Checkpoint], sizes: [Int]
    ) -> ChunkResult {
        var result = ChunkResult()
        let hashing = LedgerHashing()
        // Private copies of what this range needs: shared collections touched per entry would
        // bounce their reference counts between cores.
        let firstCheckpoint = sizes.firstIndex { $0 > chainStart } ?? sizes.count
        let last = sizes.firstIndex { $0 > range.upperBound } ?? sizes.count
        let mySizes = [Int](unsafeUninitializedCapacity: last - firstCheckpoint + 1) { buffer, count in
            for i in firstCheckpoint..<last { buffer[i - firstCheckpoint] = sizes[i] }
            buffer[last - firstCheckpoint] = Int.max  // sentinel
            count = last - firstCheckpoint + 1
        }
        let myHeads = (firstCheckpoint..<last).map { checkpoints[sizes[$0]]!.chainHead }
        var cursor = 0  // mySizes[cursor] is the next checkpoint size at or after seq + 1
        do {
            let database = try SQLiteDatabase(path: path, readOnly: true)
            // Reading through a memory map saves a copy per page.
            try database.execute("PRAGMA mmap_size=1099511627776")
            let statement = try database.prepare(
                "SELECT seq, shot_id, tag, body FROM entry WHERE seq >= ?1 AND seq < ?2 ORDER BY seq")
            // Passport entries look up the decisions they name (whose own bytes some range checks).
            let lookup = try database.prepare("SELECT body, shot_id FROM entry WHERE seq = ?1")
            statement.bind(1, Int64(chainStart))
            statement.bind(2, Int64(range.upperBound))
            var chain = head
            var expected = chainStart
            var block = MerkleFrontier()
            func fail(_ seq: Int, _ message: String) {
                let shot: String? = statement.isText(1) ? statement.text(1) : nil
                result.failure = .init(seq: seq, shotID: shot, message: message)
            }
            while try statement.step() {
                let seq = Int(statement.int64(0))
                guard seq == expected else {
                    result.failure = .init(seq: expected, shotID: nil, message: "the entry is missing (deleted)")
                    return result
                }
                guard statement.isInteger(0), statement.isNull(1) || statement.isText(1), statement.isBlob(2),
                    statement.isBlob(3)
                else {
                    fail(seq, "a column has the wrong type")
                    return result
                }
                let outcome: String? = statement.withBytes(1) { shot in
                    statement.withBytes(2) { tag in
                        statement.withBytes(3) { body -> String? in
                            guard let kind = body.first.flatMap(EntryKind.init(rawValue:)) else {
                                return "the entry's kind is unknown"
                            }
                            if (kind == .decision) != statement.isText(1) {
                                return "shot_id is set on a non-decision or missing"
                            }
                            if kind == .header && seq != 0 || kind != .header && seq == 0 {
                                return "the header is out of place"
                            }
                            chain = hashing.chain(previous: chain, seq: seq, shotID: shot, body: body)
                            var first = chain.words.0.bigEndian
                            let tagMatches =
                                tag.count == LedgerFormat.tagSize
                                && withUnsafeBytes(of: &first) { $0.elementsEqual(tag) }
                            if !tagMatches { return "the entry does not match its hash: changed, inserted or moved" }
                            if seq >= range.lowerBound {
                                block.append(hashing.leaf(seq: seq, shotID: shot, body: body), hashing: hashing) {
                                    _, _, _ in
                                }
                            }
                            if seq >= range.lowerBound {
                                // Evidence codes: checked globally once all ranges are done.
                                func u32(_ at: Int) -> Int {
                                    (at..<(at + 4)).reduce(0) { $0 << 8 | Int(body[$1]) }
                                }
                                if kind == .passport {
                                    result.firstPassport = min(result.firstPassport, seq)
                                    if let problem = passportProblem(body: body, seq: seq, lookup: lookup) {
                                        return problem
                                    }
                                } else if kind == .review {
                                    if let problem = reviewProblem(body: body, seq: seq, lookup: lookup) {
                                        return problem
                                    }
                                } else if kind != .seal && kind != .header {
                                    result.lastRecord = seq
                                }
                                if kind == .evidence {
                                    guard body.count >= 5 else { return "a malformed evidence entry" }
                                    result.evidenceDefinitions.append(u32(1))
                                } else if kind == .decision {
                                    let at = LedgerFormat.decisionEvidenceOffset
                                    guard body.count >= at + 4 else { return "a malformed decision" }
                                    result.maxEvidenceCode = max(result.maxEvidenceCode, u32(at))
                                }
                            }
                            let atCheckpoint = mySizes[cursor] == seq + 1
                            if kind == .seal {
                                guard atCheckpoint else { return "a seal without its checkpoint" }
                                let ordinal = firstCheckpoint + cursor
                                guard case .seal(let batch, let count)? = EntryCodec.decode(body: body, shotID: nil),
                                    batch == ordinal
                                else { return "the seal is malformed or out of order" }
                                let previous = ordinal == 0 ? 0 : sizes[ordinal - 1]
                                if count != seq - previous {
                                    return "the seal counts \(count) entries, the batch has \(seq - previous)"
                                }
                                if chain != myHeads[cursor] { return "the chain does not reach the checkpoint's head" }
                            } else if atCheckpoint {
                                return "a checkpoint whose last entry is not a seal"
                            }
                            return nil
                        }
                    }
                }
                if let outcome {
                    fail(seq, outcome)
                    return result
                }
                if mySizes[cursor] == seq + 1 {
                    cursor += 1
                    if seq >= range.lowerBound {
                        result.heads.append((seq + 1, chain))
                        if block.size < LedgerFormat.blockSize {
                            result.partialRoots.append((seq + 1, block.root(hashing: hashing)))
                        }
                    }
                }
                if seq >= range.lowerBound && block.size == LedgerFormat.blockSize {
                    result.blockHashes.append(block.levels[LedgerFormat.storedLevel]!)
                    block = MerkleFrontier()
                }
                expected += 1
            }
            if expected != range.upperBound {
                result.failure = .init(seq: expected, shotID: nil, message: "the entry is missing (deleted)")
            }
        } catch let error as VaxError {
            result.thrown = error
        } catch {
            result.failure = .init(seq: nil, shotID: nil, message: "\(error)")
        }
        return result
    }
}
