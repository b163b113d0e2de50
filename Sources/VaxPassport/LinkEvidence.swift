public import VaxCore

// The evidence a passport may rest on. A link decision in the ledger records its outcome,
// score, corrected fields and an evidence text, "fn=exact;mn=missing;gn=folded;dob=placeholder;
// sex=agree;id=missing;prov=same" (VaxMatching's ComparisonVector levels, then ";sibling_dose=1"
// when found through another dose of the citizen and ";dose_conflict=1" when a dose number
// contradicts the citizen's other doses; a review, never a link, may end ";strangers_many=1":
// held back because the model expects many people outside the register among ID-less links).
//
// A passport tells a border officer "this person, named and born as the register says, had
// these doses". Each dose's record must therefore name the holder by two identifiers that
// agree with the register, and none that names someone else. A link is strong when:
//   1. the recorded citizen ID supports it (outcome verified, or id=exact / variant / legacy)
//      and another identifier corroborates it: the birth date agrees at least in part (exact,
//      swapped, partialAgree, the year's 01/01 placeholder, the same year with another day, or
//      the same day and month with the year one off), or both the
//      family and given names agree exactly, tones included. An ID alone is not enough: a
//      relative's ID typed for the person vaccinated is a common error, and a relative's name
//      often differs only in a tone (Thu, Thư), which folding hides;
//   2. or no ID was recorded at all (id=missing), the full birth date agrees as written
//      (dob=exact: a swapped day and month is a different date that happens to fit), and the
//      family and given names agree (exact, folded or similar).
// Everything else is weak: a name-only link with a placeholder, partial, missing, swapped or
// different birth date; a link whose record carries a valid ID that is not the holder's
// (id=different: the record names another person, whatever the name and date say); a link
// with a dose conflict. A citizen whose passport would rest on any weak link is held back
// (weak_evidence): dn counts every linked dose, so one wrong link makes the certificate wrong.
//
// Measured (1 M citizens / 800 k shots, seed 1): under the first rule (ID, or a full or
// swapped date with agreeing names) 3 of 317 373 passports were wrong-person, one of each
// kind the stricter rules now exclude: an ID-only link whose name differed in a tone and had
// no birth date, a link against a recorded ID of another person, and a swapped birth date.

/// How strongly one link decision ties a shot to its citizen.
public struct LinkEvidence: Sendable, Equatable {
    /// Why a link is too weak for a passport, when it is.
    public enum Weakness: String, Sendable, Equatable, CaseIterable {
        /// No supporting ID and the birth date is the 01/01 placeholder.
        case placeholderBirthDate = "placeholder_birth_date"
        /// No supporting ID and no birth date recorded.
        case missingBirthDate = "missing_birth_date"
        /// No supporting ID and the birth date is not exactly the registered one.
        case birthDateDisagrees = "birth_date_disagrees"
        /// No supporting ID and a name part disagrees.
        case nameDisagrees = "name_disagrees"
        /// The record carries a valid citizen ID that is not the holder's.
        case recordedIDDiffers = "recorded_id_differs"
        /// The ID supports the link but neither the birth date nor the exact name corroborates it.
        case idUncorroborated = "id_uncorroborated"
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
        let dob = fields["dob"] ?? "missing"
        if idSupported {
            // A verified link agrees with the register in every field by definition.
            if outcome == .verified { return nil }
            let corroboratingDates: Set<String> = ["exact", "swapped", "partialAgree", "placeholder", "yearOnly", "yearOff"]
            if corroboratingDates.contains(dob) { return nil }
            if fields["fn"] == "exact" && fields["gn"] == "exact" { return nil }
            return .idUncorroborated
        }
        switch fields["id"] ?? "missing" {
        case "missing": break
        default: return .recordedIDDiffers
        }
        switch dob {
        case "exact": break
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
