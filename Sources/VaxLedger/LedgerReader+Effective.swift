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
        try forEachDecision { seq, decision in try body(seq, decision, people.effective(decision, seq: seq)) }
    }
}
