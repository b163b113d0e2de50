import Testing
import VaxCore
import VaxPassport

/// The evidence a passport may rest on (issue 14, finding 1).
@Suite struct LinkEvidenceTests {
    static func evidence(fn: String = "exact", gn: String = "exact", dob: String, id: String, extra: String = "")
        -> String
    {
        "fn=\(fn);mn=exact;gn=\(gn);dob=\(dob);sex=agree;id=\(id);prov=same" + extra
    }

    /// (outcome, evidence, weakness or nil for strong)
    static let cases: [(Outcome, String, LinkEvidence.Weakness?)] = [
        (.verified, evidence(dob: "exact", id: "exact"), nil),
        (.verified, evidence(gn: "folded", dob: "missing", id: "exact"), nil),  // verified: all agree
        (.corrected, evidence(gn: "different", dob: "placeholder", id: "exact"), nil),  // ID and year
        (.corrected, evidence(dob: "missing", id: "exact"), nil),  // ID and the exact name
        (.corrected, evidence(fn: "folded", gn: "folded", dob: "yearOnly", id: "exact"), nil),  // ID and year
        (.corrected, evidence(fn: "folded", gn: "folded", dob: "different", id: "exact"), .idUncorroborated),
        (.relinked, evidence(dob: "placeholder", id: "variant"), nil),
        (.relinked, evidence(dob: "yearOff", id: "legacy"), nil),
        (.relinked, evidence(dob: "exact", id: "missing"), nil),
        (.relinked, evidence(fn: "folded", gn: "similar", dob: "exact", id: "missing"), nil),
        // The three wrong-person passports of the 1 M check under the first rule:
        (.corrected, evidence(gn: "folded", dob: "missing", id: "exact"), .idUncorroborated),  // Thu / Thư
        (.relinked, evidence(dob: "exact", id: "different"), .recordedIDDiffers),  // a namesake's record
        (.relinked, evidence(dob: "swapped", id: "missing"), .birthDateDisagrees),  // someone outside
        // Name only, placeholder or no birth date (the demo check of issue 14).
        (.relinked, evidence(dob: "placeholder", id: "missing"), .placeholderBirthDate),
        (.relinked, evidence(dob: "missing", id: "missing"), .missingBirthDate),
        (.relinked, evidence(dob: "yearOnly", id: "missing"), .birthDateDisagrees),
        (.relinked, evidence(dob: "partialAgree", id: "missing"), .birthDateDisagrees),
        (.relinked, evidence(dob: "yearOff", id: "differentSelfConsistent"), .recordedIDDiffers),
        (.relinked, evidence(fn: "folded", gn: "similar", dob: "swapped", id: "different"), .recordedIDDiffers),
        (.relinked, evidence(gn: "missing", dob: "exact", id: "missing"), .nameDisagrees),
        (.verified, evidence(dob: "exact", id: "exact", extra: ";dose_conflict=1"), .doseConflict),
        (.relinked, "", .missingBirthDate),
    ]

    @Test(arguments: cases.indices)
    func linksAreStrongOnlyWithAnIDOrAFullBirthDate(index: Int) {
        let (outcome, text, weakness) = Self.cases[index]
        let evidence = LinkEvidence(outcome: outcome, evidence: text)
        #expect(evidence.weakness == weakness, "case \(index)")
        #expect(evidence.isStrong == (weakness == nil))
    }

    @Test func aCitizenWithAWeakLinkIsHeldBack() {
        var index = EligibilityIndex()
        let date = PartialDate(year: 2021, month: 7, day: 1)!
        let later = PartialDate(year: 2021, month: 8, day: 1)!
        let weak = LinkEvidence(outcome: .relinked, evidence: Self.evidence(dob: "placeholder", id: "missing"))
        index.append(
            citizenID: CitizenID(rawValue: 1), role: .link, seq: 1, vaccinatedOn: date, doseNumber: 1,
            vaccine: 2, isStrong: weak.isStrong)
        index.append(
            citizenID: CitizenID(rawValue: 2), role: .link, seq: 2, vaccinatedOn: date, doseNumber: 1,
            vaccine: 2)
        index.append(
            citizenID: CitizenID(rawValue: 2), role: .link, seq: 3, vaccinatedOn: later, doseNumber: 2,
            vaccine: 2, isStrong: weak.isStrong)
        index.append(
            citizenID: CitizenID(rawValue: 3), role: .link, seq: 4, vaccinatedOn: date, doseNumber: 1,
            vaccine: 2)
        index.sort()
        var verdicts: [UInt64: CitizenVerdict] = [:]
        index.forEachCitizen { verdicts[$0.rawValue] = $1 }
        #expect(verdicts[1] == .skip(.weakEvidence))
        #expect(verdicts[2] == .skip(.weakEvidence))  // one weak link among strong ones is enough
        guard case .issue(_, let seqs)? = verdicts[3] else {
            Issue.record("citizen 3 rests on a strong link")
            return
        }
        #expect(seqs == [4])
    }
}
