import VaxCore

// spec: ledger-format.md "Verification" steps 4, 5 and 5a, over one range of entries.

/// Part of phase 4: the entries of one range of a chunk, on their own (ranges run in
/// parallel): leaves and 256-leaf block hashes, each body's rules (`BodyRules`), the
/// references of passport and review entries, seals against the checkpoints, and what the
/// later phases need (evidence codes, shot_id hashes, partial roots).
enum EntryRangeCheck {
    /// What one range found, merged in entry order by `RecordOrderCheck`.
    struct ChunkResult {
        var blockHashes: [SHA256Digest] = []
        var partialRoots: [(Int, SHA256Digest)] = []
        var heads: [(Int, SHA256Digest)] = []
        /// Evidence codes defined in the range, in order, and the largest code a decision uses.
        var evidenceDefinitions: [Int] = []
        /// The largest (evidence code − definitions earlier in the range) of a decision, and
        /// that decision: it is valid iff smaller than the definitions before the range.
        var maxEvidenceExcess = Int.min
        var maxEvidenceExcessSeq = -1
        /// Every decision's shot_id hash, for the duplicate check.
        var shots: [UInt64] = []
        /// The review and complaint entries, in seq order, for the checks across the ledger.
        var personEntries: [(seq: Int, entry: LedgerVerifier.PersonEntry)] = []
        /// The first passport entry and the last decision, reject or evidence entry in the range:
        /// passports come after every record.
        var firstPassport = Int.max
        var lastRecord = -1
        /// The first entry of the range that does not hold; the range stops there.
        var failure: RankedFailure?
        /// A fault reading the file (damage, I/O), rethrown by the caller.
        var thrown: VaxError?
    }

    /// What the checks of a range share: the checkpoint sizes and the format version.
    struct Context: Sendable {
        let sizes: [Int]
        let version: UInt8
    }

    /// Checks entries `range` (indices into `chunk`). `block` is the Merkle frontier of the
    /// 256-leaf block the range starts in (empty when it starts on a block boundary).
    /// - Returns: the findings, and the frontier of the block the range ends in (empty when
    ///   it ends on a boundary), which the next range continues.
    static func check(
        _ chunk: EntryChunk, range: Range<Int>, block startBlock: MerkleFrontier, context: Context, lane: VerifierLane
    ) -> (ChunkResult, MerkleFrontier) {
        var result = ChunkResult()
        var block = startBlock
        guard !range.isEmpty else { return (result, block) }
        result.shots.reserveCapacity(range.count)
        let hashing = lane.hashing
        let version = context.version
        // A private copy of the checkpoint sizes this range reaches: a shared array touched
        // per entry would bounce its reference count between cores.
        let firstSeq = chunk.first + range.lowerBound
        let lastSeq = chunk.first + range.upperBound - 1
        let allSizes = context.sizes
        let firstCheckpoint = partitionPoint(allSizes) { $0 <= firstSeq }
        let endCheckpoint = partitionPoint(allSizes) { $0 <= lastSeq + 1 }
        var sizes = Array(allSizes[firstCheckpoint..<endCheckpoint])
        sizes.append(Int.max)  // sentinel
        var cursor = 0  // sizes[cursor] is the next checkpoint size at or after seq + 1
        for i in range {
            let entry = chunk.entry(i)
            let seq = entry.seq
            let kind = entry.kind
            block.append(hashing.leaf(input: entry.leafInput), hashing: hashing) { _, _, _ in }
            let atCheckpoint = sizes[cursor] == seq + 1
            do {
                if let problem = try bodyProblem(
                    entry, kind: kind, atCheckpoint: atCheckpoint, ordinal: firstCheckpoint + cursor,
                    sizes: allSizes, version: version, lane: lane, result: &result)
                {
                    result.failure = RankedFailure(
                        check: .body, failure: .init(seq: seq, shotID: entry.shotText, message: problem))
                    return (result, block)
                }
            } catch let error as VaxError {
                result.thrown = error
                return (result, block)
            } catch {
                result.failure = RankedFailure(check: .body, failure: .init(seq: nil, shotID: nil, message: "\(error)"))
                return (result, block)
            }
            if atCheckpoint {
                cursor += 1
                if block.size < LedgerFormat.blockSize {
                    result.partialRoots.append((seq + 1, block.root(hashing: hashing)))
                }
            }
            if block.size == LedgerFormat.blockSize {
                result.blockHashes.append(block.levels[LedgerFormat.storedLevel]!)
                block = MerkleFrontier()
            }
        }
        return (result, block)
    }

    /// What is wrong with one entry's own bytes and references, or nil; records what the
    /// checks across ranges need in `result`.
    @inline(__always)
    private static func bodyProblem(
        _ entry: EntryChunk.Entry, kind: EntryKind, atCheckpoint: Bool, ordinal: Int, sizes: [Int], version: UInt8,
        lane: VerifierLane, result: inout ChunkResult
    ) throws -> String? {
        let seq = entry.seq
        let body = entry.body
        if let problem = BodyRules.problem(kind: kind, body: body, shotID: entry.shotID) { return problem }
        switch kind {
        case .decision:
            // Evidence codes: each decision's code must be defined before it; the definitions
            // before this range are counted once all ranges are done.
            let code = Int(DecisionBody.get(DecisionBody.evidenceCode, in: body))
            let excess = code - result.evidenceDefinitions.count
            if excess > result.maxEvidenceExcess {
                result.maxEvidenceExcess = excess
                result.maxEvidenceExcessSeq = seq
            }
            result.shots.append(ShotKey.hash(entry.shotID))
            result.lastRecord = seq
        case .evidence:
            result.evidenceDefinitions.append(Int(DecisionBody.u32(body, at: 1)))
            result.lastRecord = seq
        case .reject:
            result.lastRecord = seq
        case .passport:
            result.firstPassport = min(result.firstPassport, seq)
            if let problem = PassportReferenceCheck.problem(body: body, seq: seq, lookup: try lane.lookup()) {
                return problem
            }
        case .review:
            // spec: ledger-format.md "Review entries": settles an earlier review decision or
            // complaint of the same shot.
            if let problem = LedgerVerifier.reviewProblem(body: body, seq: seq, lookup: try lane.lookup()) {
                return problem
            }
            if case .review(let record)? = EntryCodec.decode(body: body, shotID: nil) {
                result.personEntries.append((seq, .review(record)))
            }
        case .complaint:
            // spec: ledger-format.md "Complaint entries": concerns an earlier decision of the same shot.
            if let problem = LedgerVerifier.complaintProblem(body: body, seq: seq, lookup: try lane.lookup()) {
                return problem
            }
            if case .complaint(let record)? = EntryCodec.decode(body: body, shotID: nil) {
                result.personEntries.append((seq, .complaint(record)))
            }
        case .header:
            break
        case .seal:
            guard atCheckpoint else { return "a seal without its checkpoint" }
            guard case .seal(let batch, let count)? = EntryCodec.decode(body: body, shotID: nil), batch == ordinal
            else { return "the seal is malformed or out of order" }
            let previous = ordinal == 0 ? 0 : sizes[ordinal - 1]
            if count != seq - previous { return "the seal counts \(count) entries, the batch has \(seq - previous)" }
            // spec: ledger-format.md "Validity rules" R13
            if body.count != EntryCodec.sealSize(version: version) {
                return "the seal is not of format version \(version)"
            }
        }
        if atCheckpoint && kind != .seal { return "a checkpoint whose last entry is not a seal" }
        return nil
    }

    /// The first index of sorted `values` where `belongs` is false.
    private static func partitionPoint(_ values: [Int], _ belongs: (Int) -> Bool) -> Int {
        var (lo, hi) = (0, values.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(values[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// What one worker thread of the verifier owns: its hasher and, opened when a passport or
/// review entry first needs it, its own connection for looking up the entries they name.
///
/// `@unchecked Sendable`: one task at a time runs on a lane.
final class VerifierLane: @unchecked Sendable {
    let hashing = LedgerHashing()
    private let path: String
    private var statement: SQLiteStatement?

    init(path: String) { self.path = path }

    /// The statement that reads one entry's body and shot_id by seq (`?1`).
    func lookup() throws -> SQLiteStatement {
        if let statement { return statement }
        let database = try SQLiteDatabase(path: path, readOnly: true)
        // Lookups jump about the file: through a memory map each page is read without a
        // system call (a passport batch names about 2.5 decisions a passport).
        try database.execute("PRAGMA mmap_size=1099511627776")
        // One read transaction for all lookups: in autocommit every lookup took and released
        // the file's shared lock (four system calls), a sixth of verifying a passport batch.
        try database.execute("BEGIN")
        let made = try database.prepare("SELECT body, shot_id FROM entry WHERE seq = ?1")
        statement = made
        return made
    }
}
