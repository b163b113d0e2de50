import VaxCore

// spec: ledger-format.md "Verification" step 5a.

/// Part of phase 4: a passport entry names only earlier link decisions of its own citizen.
enum PassportReferenceCheck {
    /// What is wrong with passport entry `seq`, or nil: it must decode and name only earlier
    /// link decisions (verified, corrected, relinked) of its own citizen, or earlier review
    /// entries (kind 7) in which a person linked a shot to its citizen.
    static func problem(body: UnsafeRawBufferPointer, seq: Int, lookup: SQLiteStatement) -> String? {
        guard case .passport(let record)? = EntryCodec.decode(body: body, shotID: nil) else {
            return "a malformed passport entry"
        }
        for ref in record.decisionSeqs {
            guard ref < seq else { return "the passport names entry \(ref), which is not earlier" }
            lookup.bind(1, Int64(ref))
            defer { lookup.reset() }
            guard (try? lookup.step()) == true else { return "the passport names entry \(ref), which does not exist" }
            let problem = lookup.withBytes(0) { decision -> String? in
                if decision.first == EntryKind.review.rawValue {
                    guard case .review(let review)? = EntryCodec.decode(body: decision, shotID: nil),
                        review.choice == .link
                    else { return "the passport names entry \(ref), a review entry that is not a link" }
                    guard review.citizenID == record.citizenID else {
                        return "the passport names entry \(ref), a person's link of another citizen"
                    }
                    return nil
                }
                guard decision.first == EntryKind.decision.rawValue,
                    decision.count >= DecisionBody.citizenID.range.upperBound
                else {
                    return "the passport names entry \(ref), which is not a decision"
                }
                guard Outcome(rawValue: UInt8(DecisionBody.get(DecisionBody.outcome, in: decision)))?.isLink == true
                else {
                    return "the passport names entry \(ref), which is not a link"
                }
                guard DecisionBody.get(DecisionBody.citizenID, in: decision) == record.citizenID.rawValue else {
                    return "the passport names entry \(ref), a link of another citizen"
                }
                return nil
            }
            if let problem { return problem }
        }
        return nil
    }
}
