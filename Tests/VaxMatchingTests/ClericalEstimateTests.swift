import Testing
import VaxCore
import VaxInterchange
import VaxMatching
import VaxTestSupport

/// A run's decisions with known truth: outcomes and error rates chosen so that precision and
/// recall are far from 1, where an interval that is too narrow shows.
struct SyntheticRun {
    var decisions: [SampledDecision] = []
    var truth: [CitizenID?] = []

    init(count: Int) {
        var rng = SplitMix64(seed: 77)
        let outcomes: [(Outcome, Double)] = [(.verified, 0.6), (.corrected, 0.2), (.relinked, 0.1), (.review, 0.03),
                                             (.unmatched, 0.07)]
        let wrong: [Outcome: Double] = [.verified: 0.005, .corrected: 0.02, .relinked: 0.08]
        for i in 0..<count {
            var u = rng.unit(), outcome = Outcome.unmatched
            for (o, share) in outcomes {
                if u < share { outcome = o; break }
                u -= share
            }
            let own = CitizenID(rawValue: UInt64(1_000_000 + i))
            let strata = ShotStrata(ageBand: ["18-39", "40-59", "60-79"][i % 3], sex: i % 2 == 0 ? "M" : "F",
                                    province: "01", recordedID: i % 5 == 0 ? .missing : .citizen(own))
            var linked: CitizenID?
            var owner: CitizenID? = own
            if outcome.isLink {
                let isWrong = rng.unit() < wrong[outcome]!
                linked = isWrong ? CitizenID(rawValue: UInt64(500_000 + i)) : own
                if isWrong && rng.chance(0.5) { owner = nil }
            } else {
                owner = rng.unit() < (outcome == .review ? 0.6 : 0.3) ? own : nil
                linked = outcome == .review ? CitizenID(rawValue: UInt64(500_000 + i)) : nil
            }
            decisions.append(SampledDecision(shotID: "S\(i)", outcome: outcome, citizenID: linked, score: 0.5,
                                             strata: strata))
            truth.append(owner)
        }
    }

    /// The clerk, simulated with the answer key.
    func check(_ d: SampledDecision) -> SampledDecision {
        var d = d
        let owner = truth[Int(d.shotID.dropFirst())!]
        if d.outcome.isLink {
            d.isCorrect = d.citizenID == owner
        } else {
            d.isCorrect = owner == nil
        }
        if d.isCorrect == false { d.trueCitizenID = owner }
        return d
    }

    /// True precision and recall within the decisions passing `filter`.
    func truePrecisionRecall(_ filter: (SampledDecision) -> Bool = { _ in true }) -> (Double, Double) {
        var links = 0, correct = 0, linkable = 0
        for (d, owner) in zip(decisions, truth) where filter(d) {
            if d.outcome.isLink { links += 1 }
            if d.outcome.isLink && d.citizenID == owner { correct += 1 }
            if owner != nil { linkable += 1 }
        }
        return (Double(correct) / Double(links), Double(correct) / Double(linkable))
    }
}

// spec: issue 16 "Quality on real data": the intervals estimated from a checked sample cover
// the true values in most repeated draws (95 % intervals: at least 90 of 100 seeds).
@Suite struct ClericalEstimateTests {
    static let run = SyntheticRun(count: 20_000)

    @Test func intervalsFromACheckedSampleCoverTheTruth() {
        let run = Self.run
        let (precision, recall) = run.truePrecisionRecall()
        let (womenPrecision, womenRecall) = run.truePrecisionRecall { $0.strata.sex == "F" }
        var covered = [0, 0, 0, 0]
        var widths = 0.0
        for seed in 0..<100 {
            var sampler = ClericalSampler(size: 1_000, seed: UInt64(seed))
            for d in run.decisions { sampler.offer(d) }
            let units = sampler.sample.map(run.check).compactMap(ClericalEstimate.Unit.init)
            let e = ClericalEstimate(units: units, sizes: sampler.sizes)
            let women = e.domains.first { $0.name == "sex=F" }!
            func covers(_ r: EstimatedRate, _ v: Double) -> Int { r.lower <= v && v <= r.upper ? 1 : 0 }
            covered[0] += covers(e.overall.precision, precision)
            covered[1] += covers(e.overall.recall, recall)
            covered[2] += covers(women.precision, womenPrecision)
            covered[3] += covers(women.recall, womenRecall)
            widths += e.overall.recall.upper - e.overall.recall.lower
        }
        print("clerical coverage of 100 draws (precision, recall, women precision, women recall): \(covered), mean recall width \(widths / 100)")
        #expect(covered.allSatisfy { $0 >= 90 }, "covered of 100: \(covered)")
        // Not trivially wide: a recall interval narrower than 0.1 on average.
        #expect(widths / 100 < 0.1, "mean width \(widths / 100)")
    }

    @Test func theSampleIsStratifiedAndBounded() {
        var sampler = ClericalSampler(size: 500, seed: 3)
        for d in Self.run.decisions { sampler.offer(d) }
        #expect(sampler.sample.count == 500)
        #expect(sampler.sizes.reduce(0, +) == Self.run.decisions.count)
        for outcome in Outcome.allCases {
            #expect(sampler.sample.filter { $0.outcome == outcome }.count == 100)
        }
    }

    @Test func aCheckedSampleFileRoundTrips() throws {
        var sampler = ClericalSampler(size: 50, seed: 9)
        for d in Self.run.decisions.prefix(2_000) { sampler.offer(Self.run.check(d)) }
        let (read, sizes) = try withTemporaryDirectory { dir in
            try sampler.write(path: dir + "/sample.csv")
            return try ClericalEstimate.read(path: dir + "/sample.csv")
        }
        #expect(sizes == sampler.sizes)
        #expect(read.map(\.shotID) == sampler.sample.map(\.shotID))
        #expect(read.map(\.isCorrect) == sampler.sample.map(\.isCorrect))
        #expect(read.map(\.trueCitizenID) == sampler.sample.map(\.trueCitizenID))
        let fromFile = ClericalEstimate(units: read.compactMap(ClericalEstimate.Unit.init), sizes: sizes)
        let direct = ClericalEstimate(units: sampler.sample.compactMap(ClericalEstimate.Unit.init), sizes: sampler.sizes)
        #expect(fromFile.overall.precision == direct.overall.precision)
        #expect(fromFile.overall.recall == direct.overall.recall)
    }
}

@Test func weakestStrataIgnoreMeasuresWithTooFewTrials() {
    var e = Evaluation()
    let strata = ShotStrata(ageBand: "18-39", sex: "M", province: "01", recordedID: .missing)
    // 60 wrong links of people outside the register: no recall to measure, precision 0.
    for i in 0..<60 {
        e.add(outcome: .relinked, citizenID: CitizenID(rawValue: UInt64(i + 1)), truth: nil, tags: ["lookalike"],
              strata: strata)
    }
    let weakest = e.weakestStrata(count: 3, minimum: 50)
    #expect(weakest.first?.weakness == 0)
    #expect(e.passportErrorRate.value == 1)
}
