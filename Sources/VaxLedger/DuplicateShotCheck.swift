import VaxCore

// spec: ledger-format.md "Validity rules" R11: one decision per shot_id.

/// Phase 5b: no two decisions share a shot_id (else which one counts is undefined, and
/// `ledger export` writes more rows than there are shots).
enum DuplicateShotCheck {
    /// - Parameter shots: every decision's `ShotKey`, from all ranges.
    /// - Throws: `VerificationFailure` naming the later decision of the first duplicate.
    /// - Complexity: O(d log d) for d decisions, plus one lookup per pair of equal hashes.
    static func check(_ shots: [ShotKey], database: SQLiteDatabase) throws {
        var sorted = shots
        sorted.sort()
        guard sorted.count > 1 else { return }
        let lookup = try database.prepare("SELECT shot_id FROM entry WHERE seq = ?1")
        func shotID(_ seq: Int) throws -> [UInt8]? {
            lookup.bind(1, Int64(seq))
            defer { lookup.reset() }
            return try lookup.step() ? lookup.bytes(0) : nil
        }
        var duplicate: (first: Int, second: Int)?
        for i in 1..<sorted.count where sorted[i].hash == sorted[i - 1].hash {
            // Equal hashes: compare the bytes with every earlier one of the same hash.
            var j = i - 1
            while j >= 0 && sorted[j].hash == sorted[i].hash {
                if let a = try shotID(sorted[j].seq), a == (try shotID(sorted[i].seq)) {
                    let pair = (first: sorted[j].seq, second: sorted[i].seq)
                    if duplicate == nil || pair.second < duplicate!.second { duplicate = pair }
                }
                j -= 1
            }
        }
        if let duplicate {
            let shot = try shotID(duplicate.second).map { String(decoding: $0, as: UTF8.self) }
            throw VerificationFailure(
                duplicate.second, shot, "a second decision for this shot (the first is entry \(duplicate.first))")
        }
    }
}
