import VaxCore

// spec: ledger-format.md "Validity rules" R11: one decision per shot_id.

/// Phase 5b: no two decisions share a shot_id (else which one counts is undefined, and
/// `ledger export` writes more rows than there are shots).
enum DuplicateShotCheck {
    /// - Parameter hashes: every decision's shot_id hash (`ShotKey.hash`), from all ranges.
    /// - Throws: `VerificationFailure` naming the later decision of the first duplicate.
    /// - Complexity: O(d) for d decisions; one more scan of the shot_ids only if two hashes are equal.
    static func check(_ hashes: [UInt64], database: SQLiteDatabase) throws {
        // Ordered by the upper 32 bits only (half the passes of a full sort), equal hashes
        // share a run of equal upper bits; runs are short (two of 800 k random keys share them
        // about 75 times), and each run of two or more is sorted whole. (Sorting parts on
        // several threads cost more than it saved: 45 ms instead of 16 on 800 k keys.)
        var sorted = hashes
        ShotKey.radixSort(&sorted, highBitsOnly: true)
        var found: [UInt64] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] >> 32 == sorted[start] >> 32 { end += 1 }
            if end - start > 1 {
                let run = sorted[start..<end].sorted()
                for i in run.indices.dropFirst() where run[i] == run[i - 1] { found.append(run[i]) }
            }
            start = end
        }
        let suspects = Set(found)
        guard !suspects.isEmpty else { return }
        // Equal hashes: find the entries and compare their bytes.
        var seen: [[UInt8]: Int] = [:]
        let statement = try database.prepare(
            "SELECT seq, shot_id FROM entry NOT INDEXED WHERE shot_id IS NOT NULL ORDER BY seq")
        while try statement.step() {
            guard statement.withBytes(1, { suspects.contains(ShotKey.hash($0)) }) else { continue }
            let seq = Int(statement.int64(0))
            let shot = statement.bytes(1)
            if let first = seen[shot] {
                throw VerificationFailure(
                    seq, String(decoding: shot, as: UTF8.self),
                    "a second decision for this shot (the first is entry \(first))")
            }
            seen[shot] = seq
        }
    }
}
