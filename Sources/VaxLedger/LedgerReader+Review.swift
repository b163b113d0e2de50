public import VaxCore

extension LedgerReader {
    /// Every review entry (kind 7) in seq order, with its seq.
    /// - Throws: `.corruption` for an entry that does not decode.
    /// - Complexity: one scan of the entries without a shot_id.
    public func reviewRecords() throws -> [(seq: Int, record: ReviewRecord)] {
        let scan = try database.prepare(
            "SELECT seq, body FROM entry WHERE shot_id IS NULL AND substr(body, 1, 1) = x'07' ORDER BY seq")
        var out: [(Int, ReviewRecord)] = []
        while try scan.step() {
            let seq = Int(scan.int64(0))
            guard case .review(let record)? = scan.withBytes(1, { EntryCodec.decode(body: $0, shotID: nil) }) else {
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
            out.append((seq, record))
        }
        return out
    }

    /// For each shot of `shotIDs` that has a decision entry: its seq and decision.
    /// - Complexity: O(shots × log entries) with the shot index (built when a run finishes).
    public func decisions(ofShots shotIDs: some Sequence<String>) throws -> [String: (seq: Int, decision: Decision)] {
        let statement = try database.prepare("SELECT seq FROM entry WHERE shot_id = ?1 ORDER BY seq LIMIT 1")
        var out: [String: (Int, Decision)] = [:]
        for shot in shotIDs where out[shot] == nil {
            statement.bind(1, text: shot)
            let seq = try statement.step() ? Int(statement.int64(0)) : nil
            statement.reset()
            guard let seq, case .decision(let decision)? = try entry(seq: seq) else { continue }
            out[shot] = (seq, decision)
        }
        return out
    }
}
