import VaxCore

// The checks of review entries (kind 7, docs/ledger-format.md "Review entries"): each on its
// own during the parallel walk (it settles an earlier review decision of the same shot), and
// across the ledger afterwards (no shot settled twice, nothing after a final decision).

extension LedgerVerifier {
    /// What is wrong with review entry `seq`, or nil: it must decode and name an earlier
    /// decision entry of the same shot whose outcome is `review`.
    static func reviewProblem(body: UnsafeRawBufferPointer, seq: Int, lookup: SQLiteStatement) -> String? {
        guard case .review(let record)? = EntryCodec.decode(body: body, shotID: nil) else {
            return "a malformed review entry"
        }
        let ref = record.settlesSeq
        guard ref < seq else { return "the review entry settles entry \(ref), which is not earlier" }
        lookup.bind(1, Int64(ref))
        defer { lookup.reset() }
        guard (try? lookup.step()) == true else { return "the review entry settles entry \(ref), which does not exist" }
        let isReviewDecision = lookup.withBytes(0) { decision -> Bool in
            decision.first == EntryKind.decision.rawValue && decision.count > DecisionBody.outcome.offset
                && decision[DecisionBody.outcome.offset] == Outcome.review.rawValue
        }
        guard isReviewDecision else { return "the review entry settles entry \(ref), which is not a review decision" }
        guard lookup.isText(1), lookup.text(1) == record.shotID else {
            return "the review entry settles entry \(ref), a decision of another shot"
        }
        return nil
    }

    /// The first review entry, in seq order, that decides a shot a person already decided
    /// for good (link or not_registered); nil if there is none.
    /// - Parameter reviews: every review entry in seq order (collected by the entry walk).
    static func reviewSettlementProblem(_ reviews: [(seq: Int, record: ReviewRecord)]) -> (Int, String, String)? {
        var finalBy: [String: Int] = [:]
        for (seq, record) in reviews {
            if let earlier = finalBy[record.shotID] {
                return (seq, record.shotID, "the shot was already settled by a person in entry \(earlier)")
            }
            if record.choice.isFinal { finalBy[record.shotID] = seq }
        }
        return nil
    }
}
