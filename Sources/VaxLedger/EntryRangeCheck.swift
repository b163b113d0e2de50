import VaxCore

// spec: ledger-format.md "Verification" steps 4, 5 and 5a, over one range of entries.

/// Phase 4: the entries themselves, in parallel over ranges: chain links and tags, kinds
/// against shot_id, seals against the checkpoints, leaves and 256-leaf block hashes, and
/// what the later phases need (evidence codes, passports, partial roots, heads).
enum EntryRangeCheck {
    /// Checks entries 0..<size in ranges over `threads` workers; results in range order.
    static func run(
        path: String, size: Int, checkpoints: [Int: Checkpoint], sizes: [Int], version: UInt8, threads: Int
    ) -> [ChunkResult] {
        let blockSize = LedgerFormat.blockSize
        let blocks = (size + blockSize - 1) / blockSize
        let parts = max(1, threads * 4)
        // Chain walks start just after a checkpoint, rounded up to a block, so that each
        // re-reads fewer than 256 entries to pick up the chain from that checkpoint.
        var starts: Set<Int> = [0]
        for k in 1..<max(parts, 1) {
            let target = blocks * k / parts * blockSize
            guard let s = sizes.last(where: { $0 <= target }) else { continue }
            let aligned = (s + blockSize - 1) / blockSize * blockSize
            if aligned < size { starts.insert(aligned) }
        }
        let chainChunks = ranges(Array(starts), size: size)
        // One thread: one pass does both. More: the chain (serial between checkpoints: one
        // batch of 800 k entries is one walk) and the rest (leaves, blocks, bodies: any block
        // boundary will do) become separate tasks, so a batch spreads over every core.
        var tasks: [Task] = []
        if threads <= 1 {
            tasks = chainChunks.map { Task(range: $0, work: .both) }
        } else {
            tasks = chainChunks.map { Task(range: $0, work: .chain) }
            let leafStarts = (0..<parts).map { blocks * $0 / parts * blockSize }.filter { $0 < size }
            tasks += ranges(leafStarts, size: size).map { Task(range: $0, work: .leaves) }
        }
        let indices = tasks.indices.map { $0..<($0 + 1) }
        let frozenTasks = tasks
        return mapChunks(indices, threads: threads) { one -> ChunkResult in
            let task = frozenTasks[one.lowerBound]
            let range = task.range
            if task.work == .leaves {
                return verifyRange(
                    path: path, range: range, chainStart: range.lowerBound, head: LedgerHashing.zero,
                    checkpoints: checkpoints, sizes: sizes, version: version, work: .leaves)
            }
            // The chain restarts at the last checkpoint at or before the range.
            var startIndex = 0
            var lo = 0
            var hi = sizes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sizes[mid] <= range.lowerBound {
                    startIndex = mid + 1
                    lo = mid + 1
                } else {
                    hi = mid
                }
            }
            let after = startIndex == 0 ? 0 : sizes[startIndex - 1]
            // Version 1: the checkpoint's chain line. Version 2: the chain the seal before it
            // commits, so the walk starts at that seal (nil: take it from there).
            if after == 0 || version == 1 {
                let head = after == 0 ? LedgerHashing.zero : checkpoints[after]!.chainHead!
                return verifyRange(
                    path: path, range: range, chainStart: after, head: head, checkpoints: checkpoints, sizes: sizes,
                    version: version, work: task.work)
            }
            return verifyRange(
                path: path, range: range, chainStart: after - 1, head: nil, checkpoints: checkpoints, sizes: sizes,
                version: version, work: task.work)
        }
    }

    /// What a task checks: the chain (tags, heads, seals' chain hashes), the rest (leaves,
    /// blocks, bodies, seals' structure, evidence, passports, shots), or both in one pass.
    enum Work: Equatable {
        case chain, leaves, both
    }

    struct Task {
        var range: Range<Int>
        var work: Work
    }

    /// Consecutive ranges from sorted distinct `starts` (the first 0) to `size`.
    private static func ranges(_ starts: [Int], size: Int) -> [Range<Int>] {
        let sorted = Set(starts).sorted()
        return sorted.indices.map { i in sorted[i]..<(i + 1 < sorted.count ? sorted[i + 1] : size) }
    }

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
        path: String, range: Range<Int>, chainStart: Int, head: SHA256Digest?,
        checkpoints: [Int: Checkpoint], sizes: [Int], version: UInt8, work: Work = .both
    ) -> ChunkResult {
        let chainOn = work != .leaves
        let leavesOn = work != .chain
        var result = ChunkResult()
        if leavesOn { result.shots.reserveCapacity(range.count) }
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
        let myHeads = (firstCheckpoint..<last).map { checkpoints[sizes[$0]]!.chainHead ?? LedgerHashing.zero }
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
            var chain = head ?? LedgerHashing.zero
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
                            // canonical() spends one byte on the length: a longer shot_id is no
                            // entry of this format (and must not reach the hasher).
                            // spec: ledger-format.md "Validity rules" R3
                            if shot.count > 255 { return "the shot_id is longer than 255 bytes" }
                            if chainOn && head == nil && seq == chainStart {
                                // A version-2 walk starts at a seal checked by the range before.
                                guard let before = EntryCodec.sealChain(body) else {
                                    return "a checkpoint whose last entry is not a version-2 seal"
                                }
                                chain = before
                            }
                            let chainBefore = chain
                            if chainOn {
                                chain = hashing.chain(previous: chain, seq: seq, shotID: shot, body: body)
                                var first = chain.words.0.bigEndian
                                let tagMatches =
                                    tag.count == LedgerFormat.tagSize
                                    && withUnsafeBytes(of: &first) { $0.elementsEqual(tag) }
                                if !tagMatches {
                                    return "the entry does not match its hash: changed, inserted or moved"
                                }
                            }
                            if leavesOn && seq >= range.lowerBound {
                                block.append(hashing.leaf(seq: seq, shotID: shot, body: body), hashing: hashing) {
                                    _, _, _ in
                                }
                                if let problem = BodyRules.problem(kind: kind, body: body, shotID: shot) {
                                    return problem
                                }
                                if kind == .passport {
                                    result.firstPassport = min(result.firstPassport, seq)
                                    if let problem = PassportReferenceCheck.problem(
                                        body: body, seq: seq, lookup: lookup)
                                    {
                                        return problem
                                    }
                                } else if kind == .review || kind == .complaint {
                                    // spec: ledger-format.md "Review entries", "Complaint entries":
                                    // each names an earlier entry of the same shot.
                                    if let problem = LedgerVerifier.personEntryProblem(
                                        kind: kind, body: body, seq: seq, lookup: lookup)
                                    {
                                        return problem
                                    }
                                } else if kind != .seal && kind != .header {
                                    result.lastRecord = seq
                                }
                                // Evidence codes: each decision's code must be defined before it;
                                // the definitions before this range are counted once all are done.
                                if kind == .evidence {
                                    result.evidenceDefinitions.append(Int(DecisionBody.u32(body, at: 1)))
                                } else if kind == .decision {
                                    let code = Int(DecisionBody.get(DecisionBody.evidenceCode, in: body))
                                    let excess = code - result.evidenceDefinitions.count
                                    if excess > result.maxEvidenceExcess {
                                        result.maxEvidenceExcess = excess
                                        result.maxEvidenceExcessSeq = seq
                                    }
                                    result.shots.append(ShotKey.hash(shot))
                                }
                            }
                            let atCheckpoint = mySizes[cursor] == seq + 1
                            if kind == .seal && !leavesOn {
                                // The chain walk checks only what needs the chain.
                                if atCheckpoint && version == 1 && chain != myHeads[cursor] {
                                    return "the chain does not reach the checkpoint's head"
                                }
                                if version == 2 && EntryCodec.sealChain(body) != chainBefore {
                                    return "the seal does not commit the chain hash before it"
                                }
                            } else if kind == .seal {
                                guard atCheckpoint else { return "a seal without its checkpoint" }
                                let ordinal = firstCheckpoint + cursor
                                guard case .seal(let batch, let count)? = EntryCodec.decode(body: body, shotID: nil),
                                    batch == ordinal
                                else { return "the seal is malformed or out of order" }
                                let previous = ordinal == 0 ? 0 : sizes[ordinal - 1]
                                if count != seq - previous {
                                    return "the seal counts \(count) entries, the batch has \(seq - previous)"
                                }
                                // spec: ledger-format.md "Validity rules" R13
                                if body.count != EntryCodec.sealSize(version: version) {
                                    return "the seal is not of format version \(version)"
                                }
                                if !chainOn {
                                } else if version == 1 {
                                    if chain != myHeads[cursor] {
                                        return "the chain does not reach the checkpoint's head"
                                    }
                                } else if EntryCodec.sealChain(body) != chainBefore {
                                    return "the seal does not commit the chain hash before it"
                                }
                            } else if atCheckpoint && leavesOn {
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
                        if chainOn { result.heads.append((seq + 1, chain)) }
                        if leavesOn && block.size < LedgerFormat.blockSize {
                            result.partialRoots.append((seq + 1, block.root(hashing: hashing)))
                        }
                    }
                }
                if leavesOn && seq >= range.lowerBound && block.size == LedgerFormat.blockSize {
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
