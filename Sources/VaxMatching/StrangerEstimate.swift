import VaxCore

/// How many of a sample's ID-less name links are people outside the register, estimated
/// from where the doses were given, and whether those links meet a precision target.
///
/// A link made by name and birth date alone, with no ID recorded on the shot, is where
/// someone outside the register who shares a registered citizen's name and birth date
/// (a lookalike) is linked wrongly: nothing in the record tells them apart. One thing in
/// the data does, in aggregate: people are vaccinated mostly where they live, so a true
/// link's vaccination site lies outside the citizen's province about as often as a link
/// proven by the shot's own recorded ID does (6.7-6.8 % on generated data), while a
/// stranger's site has nothing to do with the namesake's province. If a share f of the
/// ID-less links are strangers, their share made outside the citizen's province is
/// s = (1 − f)·a + f·b, with a the proven links' share and b ≤ 1 the strangers'; so
/// f ≥ (s − a) / (1 − a) whatever b is. With s at the lower end of its 95 % interval and
/// a at the upper end of its own, that bound holds with at least 95 % confidence.
/// When 1 − f, the best precision such links can then have, is below the target, the
/// stratum's ID-less links go to review (`MatchModel.idlessLinksToReview`), unless a dose
/// of the same person, or of a household member on the same phone, proven by its own
/// recorded ID supports them (the group rules).
///
/// The bound assumes that true ID-less links are made away from home no more often than
/// proven ones. Where people who give no ID travel more (migrant workers without papers), it
/// overstates the strangers: more review, never a wrong link.
///
/// Shots with and without a recorded phone are estimated apart: without a phone a dose
/// cannot find its person's other doses, so that stratum holds more true links the group
/// rules could not prove, and its stranger share differs.
public struct StrangerEstimate: Sendable, Equatable {
    public struct Stratum: Sendable, Equatable {
        public var stratum: MatchModel.PhoneStratum
        /// ID-less name links in the sample (no ID recorded, no proven dose of the citizen).
        public var links: Int
        /// Those made outside the citizen's registered province.
        public var away: Int
        /// The lower 95 % bound of the strangers' share among them.
        public var strangerShareAtLeast: Double
        /// Whether these links go to review for the target.
        public var toReview: Bool
    }

    /// Links proven by the shot's own recorded ID, and those made outside the province.
    public var provenLinks: Int
    public var provenAway: Int
    public var strata: [Stratum]

    /// Fewer ID-less links than this in a stratum say nothing (the bound is then left at 0).
    static let minimumLinks = 100

    /// One link of the sample as the estimate sees it.
    struct SampledLink: Sendable {
        /// Proven by the shot's own recorded ID, or made without any ID recorded (and no
        /// dose of the citizen proven in the sample), in its phone stratum.
        enum Kind: Sendable, Equatable { case proven, idless(MatchModel.PhoneStratum) }
        var kind: Kind
        /// Made outside the citizen's registered province.
        var away: Bool
    }

    /// The estimate over a sample's decisions (`results[i]` is the decision of `shots[i]`,
    /// made with the group rules among the sample).
    static func make(shots: [RecordedShot], results: [MatchResult], targetPrecision: Double) -> StrangerEstimate {
        precondition(shots.count == results.count, "one decision per shot")
        func linkedLevels(_ r: MatchResult) -> ComparisonVector? {
            guard r.outcome.isLink, let citizen = r.citizenID else { return nil }
            return r.candidates.first { $0.citizenID == citizen }?.levels
        }
        var links: [SampledLink] = []
        var provenCitizens = Set<CitizenID>()
        for r in results where r.outcome == .verified || r.outcome == .corrected {
            guard let levels = linkedLevels(r), let citizen = r.citizenID else { continue }
            provenCitizens.insert(citizen)
            links.append(SampledLink(kind: .proven, away: levels.province == .different))
        }
        for (shot, r) in zip(shots, results) where r.outcome == .relinked && shot.recordedID == .missing {
            guard let levels = linkedLevels(r), let citizen = r.citizenID, !provenCitizens.contains(citizen) else { continue }
            links.append(SampledLink(kind: .idless(.init(phone: shot.phone)), away: levels.province == .different))
        }
        return make(links: links, targetPrecision: targetPrecision)
    }

    /// The estimate over sampled links.
    static func make(links: [SampledLink], targetPrecision: Double) -> StrangerEstimate {
        var proven = 0, provenAway = 0
        var idless: [MatchModel.PhoneStratum: (links: Int, away: Int)] = [:]
        for link in links {
            switch link.kind {
            case .proven:
                proven += 1
                if link.away { provenAway += 1 }
            case .idless(let stratum):
                idless[stratum, default: (0, 0)].links += 1
                if link.away { idless[stratum, default: (0, 0)].away += 1 }
            }
        }
        let a = EstimatedRate.wilson(successes: Double(provenAway), trials: Double(proven)).upper
        let strata = MatchModel.PhoneStratum.allCases.map { stratum -> Stratum in
            let (n, k) = idless[stratum] ?? (0, 0)
            var share = 0.0
            if n >= minimumLinks && proven >= minimumLinks && a < 1 {
                let s = EstimatedRate.wilson(successes: Double(k), trials: Double(n)).lower
                share = max(0, (s - a) / (1 - a))
            }
            return Stratum(stratum: stratum, links: n, away: k, strangerShareAtLeast: share,
                           toReview: 1 - share < targetPrecision)
        }
        return StrangerEstimate(provenLinks: proven, provenAway: provenAway, strata: strata)
    }

    /// Sends the strata that miss the target to review, and records why.
    func apply(to model: inout MatchModel) {
        model.idlessLinksToReview = Set(strata.filter(\.toReview).map(\.stratum))
        model.thresholdOrigin += "; " + description
    }

    /// One line for the model file and the operator.
    public var description: String {
        let proven = "proven links \(provenLinks) (\(percent(provenAway, provenLinks)) outside the citizen's province)"
        let parts = strata.map { s in
            "ID-less links \(s.stratum.rawValue) \(s.links) (\(percent(s.away, s.links)) outside), "
                + "strangers at least \(formatFixed(100 * s.strangerShareAtLeast, 2)) %: \(s.toReview ? "review" : "link")"
        }
        return ([proven] + parts).joined(separator: "; ")
    }

    private func percent(_ k: Int, _ n: Int) -> String {
        n == 0 ? "-" : formatFixed(100 * Double(k) / Double(n), 2) + " %"
    }
}
