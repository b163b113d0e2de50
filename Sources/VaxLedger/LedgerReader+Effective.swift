public import VaxCore

extension LedgerReader {
    /// The people's decisions recorded in this ledger (its review entries).
    /// - Throws: `.corruption` for a review entry that does not decode.
    /// - Complexity: one scan of the entries without a shot_id.
    public func personDecisions() throws -> PersonDecisions {
        var out = PersonDecisions()
        for (seq, record) in try reviewRecords() { out.add(seq: seq, record: record) }
        return out
    }

    /// Calls `body` for each shot's effective decision, in sequence (input) order, with the
    /// seq of the machine's decision: a person's final review decision supersedes the
    /// machine's for its shot (`PersonDecisions.effective`); a defer changes nothing.
    /// Unverified, like every reader: run `ledger verify` to trust it.
    /// - Throws: `.corruption` for an entry that does not decode.
    /// - Complexity: O(entries); memory O(review entries).
    public func forEachEffectiveDecision(
        _ body: (_ seq: Int, _ machine: Decision, _ effective: Decision) throws -> Void
    ) throws {
        let people = try personDecisions()
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
            if case .decision(let decision) = entry { try body(seq, decision, people.effective(decision, seq: seq)) }
        }
    }
}
