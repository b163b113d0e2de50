import VaxCore

// The checks of review entries (kind 7, docs/ledger-format.md "Review entries") and complaint
// entries (kind 8, "Complaint entries"): each on its own during the parallel walk (a review
// entry settles an earlier review decision or complaint of the same shot; a complaint
// concerns an earlier decision of the same shot), and across the ledger afterwards (no case
// settled twice, no complaint recorded twice).

extension LedgerVerifier {
    /// A review or complaint entry, as the entry walk collects them for the checks across
    /// the ledger.
    enum PersonEntry {
        case review(ReviewRecord)
        case complaint(ComplaintRecord)
    }

    /// What is wrong with review entry `seq`, or nil: it must decode and name an earlier
    /// decision entry of the same shot whose outcome is `review`, or an earlier complaint
    /// entry of the same shot (a decision on a complaint may concern a shot of any outcome).
    static func reviewProblem(body: UnsafeRawBufferPointer, seq: Int, lookup: SQLiteStatement) -> String? {
        guard case .review(let record)? = EntryCodec.decode(body: body, shotID: nil) else {
            return "a malformed review entry"
        }
        let ref = record.settlesSeq
        guard ref < seq else { return "the review entry settles entry \(ref), which is not earlier" }
        lookup.bind(1, Int64(ref))
        defer { lookup.reset() }
        guard (try? lookup.step()) == true else { return "the review entry settles entry \(ref), which does not exist" }
        let target = lookup.withBytes(0) { target -> (kind: UInt8?, isReview: Bool, complaintShot: String?) in
            if target.first == EntryKind.complaint.rawValue {
                guard case .complaint(let complaint)? = EntryCodec.decode(body: target, shotID: nil) else {
                    return (target.first, false, nil)
                }
                return (target.first, false, complaint.shotID)
            }
            let isReview =
                target.first == EntryKind.decision.rawValue && target.count > DecisionBody.outcome.offset
                && target[DecisionBody.outcome.offset] == Outcome.review.rawValue
            return (target.first, isReview, nil)
        }
        if target.kind == EntryKind.complaint.rawValue {
            guard target.complaintShot == record.shotID else {
                return "the review entry settles entry \(ref), a complaint about another shot"
            }
            return nil
        }
        guard target.isReview else {
            return "the review entry settles entry \(ref), which is not a review decision or a complaint"
        }
        guard lookup.isText(1), lookup.text(1) == record.shotID else {
            return "the review entry settles entry \(ref), a decision of another shot"
        }
        return nil
    }

    /// What is wrong with complaint entry `seq`, or nil: it must decode and name an earlier
    /// decision entry (kind 2) of the same shot.
    static func complaintProblem(body: UnsafeRawBufferPointer, seq: Int, lookup: SQLiteStatement) -> String? {
        guard case .complaint(let record)? = EntryCodec.decode(body: body, shotID: nil) else {
            return "a malformed complaint entry"
        }
        let ref = record.concernsSeq
        guard ref < seq else { return "the complaint concerns entry \(ref), which is not earlier" }
        lookup.bind(1, Int64(ref))
        defer { lookup.reset() }
        guard (try? lookup.step()) == true else { return "the complaint concerns entry \(ref), which does not exist" }
        let isDecision = lookup.withBytes(0) { $0.first == EntryKind.decision.rawValue }
        guard isDecision else { return "the complaint concerns entry \(ref), which is not a decision" }
        guard lookup.isText(1), lookup.text(1) == record.shotID else {
            return "the complaint concerns entry \(ref), a decision of another shot"
        }
        return nil
    }

    /// The first review or complaint entry, in seq order, that breaks a rule across the
    /// ledger; nil if there is none:
    /// - a review entry settling entry t comes after a final review entry (link or
    ///   not_registered) of its shot that is itself after t: the case was already settled
    ///   (a shot's machine decision is settled at most once; a complaint reopens the shot,
    ///   and its first final decision after it settles it);
    /// - a complaint entry repeats the complaint_id and shot_id of an earlier one.
    /// - Parameter entries: every review and complaint entry in seq order (collected by the
    ///   entry walk).
    /// - Complexity: O(entries); memory O(reviewed shots + complaints).
    static func reviewSettlementProblem(_ entries: [(seq: Int, entry: PersonEntry)]) -> (Int, String, String)? {
        var lastFinal: [String: Int] = [:]
        var complaints = Set<String>()
        for (seq, entry) in entries {
            switch entry {
            case .review(let record):
                if let earlier = lastFinal[record.shotID], earlier > record.settlesSeq {
                    return (seq, record.shotID, "the shot was already settled by a person in entry \(earlier)")
                }
                if record.choice.isFinal { lastFinal[record.shotID] = seq }
            case .complaint(let record):
                let key = record.complaintID + "\u{0}" + record.shotID
                if !complaints.insert(key).inserted {
                    return (seq, record.shotID, "complaint \(record.complaintID) about this shot is already recorded")
                }
            }
        }
        return nil
    }
}
