public import VaxCore

// The evidence a passport may rest on. A link decision in the ledger records its outcome,
// score, corrected fields and an evidence text, "fn=exact;mn=missing;gn=folded;dob=placeholder;
// sex=agree;id=missing;prov=same" (VaxMatching's ComparisonVector levels, then ";sibling_dose=1"
// when found through another dose of the citizen and ";dose_conflict=1" when a dose number
// contradicts the citizen's other doses).
//
// A link is strong enough for a document a border officer trusts when one of these holds:
//   1. the recorded citizen ID supports it: outcome verified, or id=exact / variant / legacy
//      (a corrected link keeps its ID: the name or date differ, the person does not);
//   2. without an ID, the full birth date agrees (dob=exact, or swapped day and month) and
//      the family and given names agree (exact, folded or similar).
// Anything else is weak: a link by name alone with a placeholder (01/01), year-only,
// missing or different birth date, or with a dose conflict. The issue-14 check found every
// wrong-person passport among single name-only links with a placeholder or missing birth
// date. A citizen whose passport would rest on any weak link is held back (weak_evidence):
// dn counts every linked dose, so one wrong link makes the certificate wrong.

/// How strongly one link decision ties a shot to its citizen.
public struct LinkEvidence: Sendable, Equatable {
    /// Why a link is too weak for a passport, when it is.
    public enum Weakness: String, Sendable, Equatable, CaseIterable {
        /// No supporting ID and the birth date is the 01/01 placeholder.
        case placeholderBirthDate = "placeholder_birth_date"
        /// No supporting ID and no birth date recorded.
        case missingBirthDate = "missing_birth_date"
        /// No supporting ID and the birth date agrees only in part or not at all.
        case birthDateDisagrees = "birth_date_disagrees"
        /// No supporting ID and a name part disagrees.
        case nameDisagrees = "name_disagrees"
        /// The dose contradicts the citizen's other doses.
        case doseConflict = "dose_conflict"
    }

    /// The decision's outcome.
    public var outcome: Outcome
    /// The evidence fields by name ("dob" → "placeholder").
    public var fields: [String: String]

    /// The evidence of a decision as the ledger records it.
    public init(outcome: Outcome, evidence: String) {
        self.outcome = outcome
        var fields: [String: String] = [:]
        for part in evidence.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        self.fields = fields
    }

    /// Whether the recorded citizen ID supports the link.
    public var idSupported: Bool {
        outcome == .verified || ["exact", "variant", "legacy"].contains(fields["id"] ?? "")
    }

    /// Why the link is too weak for a passport; nil when it is strong enough.
    public var weakness: Weakness? {
        guard outcome.isLink else { return .nameDisagrees }
        if fields["dose_conflict"] == "1" { return .doseConflict }
        if idSupported { return nil }
        switch fields["dob"] ?? "missing" {
        case "exact", "swapped": break
        case "placeholder": return .placeholderBirthDate
        case "missing": return .missingBirthDate
        default: return .birthDateDisagrees
        }
        let agreeing: Set<String> = ["exact", "folded", "similar"]
        guard agreeing.contains(fields["fn"] ?? ""), agreeing.contains(fields["gn"] ?? "") else {
            return .nameDisagrees
        }
        return nil
    }

    /// Whether a passport may rest on this link.
    public var isStrong: Bool { weakness == nil }
}
