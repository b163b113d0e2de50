import Testing
import VaxCore
import VaxDataGen
import VaxInterchange
import VaxMatching
import VaxStorage
import VaxWorkflows
import VaxTestSupport

// issue 16: quality per stratum on generated data, the clerical-sample path checked against
// the answer key, and thresholds set from a precision target.
@Suite struct QualityOnGeneratedDataTests {
    /// A hard-profile set matched once: (directory contents read into memory).
    struct Matched: Sendable {
        var evaluation: Evaluation
        var sampleRuns: [(precision: Bool, recall: Bool)]
        var truePrecision: Double
        var trueRecall: Double
    }

    static let matched: Matched = try! withTemporaryDirectory { dir in
        _ = try DataGenerator(parameters: .hard(citizens: 4_000, shots: 3_200, seed: 31)).generate(into: dir, threads: 2)
        _ = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: 2, threads: 2,
                                       quiet: true)
        let matcher = Matcher(store: try PopulationStore.open(dir + "/store"), model: .standard)
        let run = MatchRun(matcher: matcher, outputDirectory: dir + "/out", threads: 2, batchSize: 4096)
        run.quiet = true
        var source = try ShotsFileSource(path: dir + "/shots.csv")
        _ = try run.run(source: &source, sink: nil)
        let e = try Evaluation.evaluate(decisionsPath: dir + "/out/decisions.csv", truthPath: dir + "/truth.csv",
                                        shotsPath: dir + "/shots.csv")
        // The clerk, simulated with the answer key, checks 100 samples of 400 decisions.
        var truth: [String: CitizenID?] = [:]
        let reader = try TruthReader(path: dir + "/truth.csv")
        while let (rows, _) = try reader.readBatch(maxRows: 1 << 16) { for r in rows { truth[r.shotID] = r.citizenID } }
        var runs: [(Bool, Bool)] = []
        for seed in 0..<100 {
            let sampler = try DecisionScoring.drawSample(decisionsPath: dir + "/out/decisions.csv",
                                                         shotsPath: dir + "/shots.csv", size: 400, seed: UInt64(seed))
            let units = sampler.sample.map { d -> SampledDecision in
                var d = d
                let owner = truth[d.shotID]!
                d.isCorrect = d.outcome.isLink ? d.citizenID == owner : owner == nil
                if d.isCorrect == false { d.trueCitizenID = owner }
                return d
            }.compactMap(ClericalEstimate.Unit.init)
            let estimate = ClericalEstimate(units: units, sizes: sampler.sizes)
            runs.append((estimate.overall.precision.lower <= e.precision && e.precision <= estimate.overall.precision.upper,
                         estimate.overall.recall.lower <= e.recall && e.recall <= estimate.overall.recall.upper))
        }
        return Matched(evaluation: e, sampleRuns: runs, truePrecision: e.precision, trueRecall: e.recall)
    }

    @Test func strataPartitionTheShots() {
        let e = Self.matched.evaluation
        print(e.report)
        for dimension in ["age", "sex", "province", "recorded_id"] {
            let strata = e.byStratum.filter { $0.key.hasPrefix(dimension + "=") }.values
            #expect(strata.reduce(0) { $0 + $1.shots } == e.shots, "\(dimension)")
            #expect(strata.reduce(0) { $0 + $1.correctLinks } == e.correctLinks, "\(dimension)")
        }
        #expect(e.byStratum["tag=lookalike"] != nil)
        #expect(e.byStratum["recorded_id=another_persons"] != nil)
        let p = e.precisionInterval
        #expect(p.lower <= e.precision && e.precision <= p.upper && p.upper - p.lower < 0.01)
        #expect(e.passportErrorRate.value <= 1 - e.precision + 1e-9 || e.passportErrorRate.value < 0.01)
        #expect(!e.weakestStrata().isEmpty)
    }

    @Test func clericalIntervalsCoverTheAnswerKeyValues() {
        let runs = Self.matched.sampleRuns
        let precision = runs.filter(\.precision).count, recall = runs.filter(\.recall).count
        print("generated-data clerical coverage of 100 draws: precision \(precision), recall \(recall); true \(Self.matched.truePrecision) / \(Self.matched.trueRecall)")
        #expect(precision >= 90 && recall >= 90, "covered of 100: precision \(precision), recall \(recall)")
    }
}
