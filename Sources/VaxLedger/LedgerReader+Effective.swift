public import VaxCore

extension LedgerReader {
    /// The people's decisions recorded in this ledger (its review entries) and the complaints
    /// they settle (complaint entries), read in seq order.
    /// - Throws: `.corruption` for a review or complaint entry that does not decode.
    /// - Complexity: one scan of the entries without a shot_id.
    public func personDecisions() throws -> PersonDecisions {
        let scan = try database.prepare(
            "SELECT seq, body FROM entry WHERE shot_id IS NULL AND substr(body, 1, 1) IN (x'07', x'08') ORDER BY seq")
        var out = PersonDecisions()
        while try scan.step() {
            let seq = Int(scan.int64(0))
            switch scan.withBytes(1, { EntryCodec.decode(body: $0, shotID: nil) }) {
            case .review(let record)?: out.add(seq: seq, record: record)
            case .complaint(let record)?: out.add(seq: seq, complaint: record)
            default:
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
        }
        return out
    }

    /// Calls `body` for each shot's effective decision, in sequence (input) order, with the
    /// seq of the machine's decision: a person's latest final review decision supersedes the
    /// machine's for its shot (`PersonDecisions.effective`); a defer changes nothing.
    /// Unverified, like every reader: run `ledger verify` to trust it.
    /// - Throws: `.corruption` for an entry that does not decode.
    /// - Complexity: O(entries); memory O(review and complaint entries).
    public func forEachEffectiveDecision(
        _ body: (_ seq: Int, _ machine: Decision, _ effective: Decision) throws -> Void
    ) throws {
        let people = try personDecisions()
        try forEachDecision { seq, decision in try body(seq, decision, people.effective(decision, seq: seq)) }
    }
}
