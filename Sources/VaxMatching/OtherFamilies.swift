#if canImport(Glibc)
import Glibc
#endif
import VaxInterchange

/// When the rows of another family name need not be scored.
///
/// A given name + birth date lookup finds everyone born that day with that given name: in a
/// national register, for a common given name, about a hundred people of whom nearly all
/// carry another family name. Against 100 M citizens they were 6.1 M of the 12.9 M rows
/// that 800 k shots scored, every row a cache miss per column read. So the
/// search reads those rows' family name first (one column) and holds back the rows whose
/// family name disagrees with the recorded one (level `different`: not equal, not without
/// diacritics, not a typo away). They are scored only if the other rows do not settle the
/// shot, and dropped if the best candidate is decisive and agrees so fully that no such row
/// can come within the link margin of it:
///
/// Let B be the best candidate, its family name exact or equal without diacritics, its
/// middle and given names exact, its birth date exact, its province the shot's, its sex not
/// disagreeing; and X any row with a disagreeing family name that the recorded ID did not
/// find. Field by field, X weighs no more than B:
/// - family: B weighs at least log2(m) of its level (a term-frequency weight divides m by a
///   share of at most 1), X weighs the `different` weight: the gap is `familyGap` or more;
/// - middle and given name: B's exact weight is at least any weight X's level can have: the
///   same token weighs the same; a token equal without diacritics is at least as common
///   (every citizen with the token has its folded form) and its m smaller (checked on the
///   model, with the floors of the shares); typo, missing and different weigh less than the
///   least an exact token can (checked);
/// - birth date, province, sex: B is at the level of highest weight (checked on the model;
///   a shot without sex puts every row at `missing`);
/// - ID: the rows the recorded ID finds (the ID, its one-slip variants, the legacy number's
///   rows, the length variants) are all scored before any lookup by name, and the register
///   holds only well-formed IDs (PopulationReader), so every one-slip variant in it was
///   looked up: X is at the level of a row the ID did not find
///   (`Comparator.unsearchedIDLevel`), and B is checked to weigh no less there.
/// So X ≤ B − familyGap, and with familyGap ≥ the link margin, X can be neither the best nor
/// within the margin of it: the decision is the one that scoring X gives. Only the lesser
/// candidates kept with a link could differ (X could be its second or third). Where the
/// link is held for review by an objection the rows are scored, so that list is whole; a
/// link that a dose rule holds for review later (`reviewConflictingLinks`) lists what was
/// scored (at 1 M, one third candidate among 850 reviews differed from scoring every row).
struct OtherFamilyRule: Sendable {
    /// Whether the model's weights allow the rule at all (the checks above).
    let applies: Bool
    /// The comparator's weights of the ID levels.
    private let idWeights: [Double]

    init(model: MatchModel, weights: [[Double]]) {
        idWeights = weights[Field.citizenID.rawValue]
        func log2m(_ f: Field, _ level: Int) -> Double { log2(model.m[f.rawValue][level]) }
        let family = weights[Field.family.rawValue]
        let familyGap = min(log2m(.family, NameLevel.exact.rawValue), log2m(.family, NameLevel.folded.rawValue))
            - family[NameLevel.different.rawValue]
        func exactNameIsHighest(_ f: Field) -> Bool {
            let m = model.m[f.rawValue], u = model.u[f.rawValue]
            let e = NameLevel.exact.rawValue, d = NameLevel.folded.rawValue
            // Term-frequency weights floor a share at u · 0.05 (Comparator.tfWeight).
            let exactAtLeast = log2(m[e])
            let others = [NameLevel.similar, .missing, .different].map { weights[f.rawValue][$0.rawValue] }
            return m[e] >= m[d] && m[e] / (u[e] * 0.05) >= m[d] / (u[d] * 0.05) && others.allSatisfy { $0 <= exactAtLeast }
        }
        func highest(_ f: Field, _ level: Int) -> Bool { weights[f.rawValue].allSatisfy { $0 <= weights[f.rawValue][level] } }
        applies = familyGap >= model.linkMargin
            && exactNameIsHighest(.middle) && exactNameIsHighest(.given)
            && highest(.birthDate, DateLevel.exact.rawValue) && highest(.province, ProvinceLevel.same.rawValue)
            && weights[Field.sex.rawValue][SexLevel.agree.rawValue] >= weights[Field.sex.rawValue][SexLevel.different.rawValue]
    }

    /// Whether rows of another family name cannot rival `best` (the proof above).
    func rulesOut(_ shot: RecordedShot, best: ScoredCandidate) -> Bool {
        let l = best.levels
        guard applies, l.family == .exact || l.family == .folded, l.middle == .exact, l.given == .exact,
              l.birthDate == .exact, l.province == .same, l.sex != .different
        else { return false }
        return idWeights[l.citizenID.rawValue] >= idWeights[Comparator.unsearchedIDLevel(shot).rawValue]
    }
}
