import VaxCore

// spec: ledger-format.md "Verification" steps 4 (entries 0..N−1), 5 and 5a, across ranges.

/// Phase 5: what no single range can see, from the ranges' results in order: evidence codes
/// defined 0, 1, 2, … and every used code defined; no record after the first passport; the
/// entries are exactly 0..<size.
enum RecordOrderCheck {
    /// The ranges' block hashes, partial roots and chain heads, merged for phases 6 and 7.
    struct Result {
        var blockHashes: [SHA256Digest] = []
        var partialRoots: [Int: SHA256Digest] = [:]
        var heads: [Int: SHA256Digest] = [:]
        var shots: [UInt64] = []
        /// The review entries in seq order.
        var personEntries: [(seq: Int, entry: LedgerVerifier.PersonEntry)] = []
    }

    /// - Parameters:
    ///   - count: rows in the entry table; `maxSeq`: the largest seq (−1 if none).
    /// - Parameter results: the chain walk's result, the ranges' in entry order, the reader's.
    /// - Throws: the failure at the smallest entry, or a `VerificationFailure` of its own; the
    ///   first task's `VaxError`.
    static func check(_ results: [EntryRangeCheck.ChunkResult], size: Int, count: Int, maxSeq: Int) throws -> Result {
        var merged = Result()
        var evidenceDefinitions = 0
        var firstPassport = Int.max
        var lastRecord = -1
        // The first failing entry of all tasks (the reader, the chain walk and the ranges
        // check each entry; at the same entry the earlier check in `EntryCheck` order wins).
        if let thrown = results.lazy.compactMap(\.thrown).first { throw thrown }
        let failures = results.compactMap(\.failure)
        if let first = failures.min(by: { $0.precedes($1) }) { throw VerificationFailure(first.failure) }
        merged.shots.reserveCapacity(results.reduce(0) { $0 + $1.shots.count })
        for result in results {
            // spec: ledger-format.md "Validity rules" R12: each code defined before its first use.
            if result.maxEvidenceExcess >= evidenceDefinitions {
                throw VerificationFailure(
                    result.maxEvidenceExcessSeq, nil, "the decision uses an evidence code that is not defined before it"
                )
            }
            for code in result.evidenceDefinitions {
                if code != evidenceDefinitions {
                    throw VerificationFailure(nil, nil, "evidence code \(code) is defined out of order")
                }
                evidenceDefinitions += 1
            }
            firstPassport = min(firstPassport, result.firstPassport)
            lastRecord = max(lastRecord, result.lastRecord)
            merged.blockHashes += result.blockHashes
            merged.shots += result.shots
            merged.personEntries += result.personEntries
            for (s, r) in result.partialRoots { merged.partialRoots[s] = r }
            for (s, h) in result.heads { merged.heads[s] = h }
        }
        if lastRecord > firstPassport {
            throw VerificationFailure(
                lastRecord, nil, "a record follows the first passport entry (seq \(firstPassport))")
        }
        if maxSeq + 1 > size {
            throw VerificationFailure(size, nil, "entries after the last checkpoint (appended unsealed)")
        }
        if count != size {
            throw VerificationFailure(nil, nil, "entry count \(count) does not match the sequence numbers 0..<\(size)")
        }
        return merged
    }
}
