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
        var shots: [ShotKey] = []
    }

    /// - Parameters:
    ///   - count: rows in the entry table; `maxSeq`: the largest seq (−1 if none).
    /// - Throws: the first range's failure, or a `VerificationFailure` of its own; the first
    ///   range's `VaxError`.
    static func check(_ results: [EntryRangeCheck.ChunkResult], size: Int, count: Int, maxSeq: Int) throws -> Result {
        var merged = Result()
        var evidenceDefinitions = 0
        var firstPassport = Int.max
        var lastRecord = -1
        for result in results {
            if let thrown = result.thrown { throw thrown }
            if let failure = result.failure { throw VerificationFailure(failure) }
            // spec: ledger-format.md "Validity rules" R12: each code defined before its first use.
            if result.maxEvidenceExcess >= evidenceDefinitions {
                throw VerificationFailure(
                    result.maxEvidenceExcessSeq, nil, "the decision uses an evidence code that is not defined before it")
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
