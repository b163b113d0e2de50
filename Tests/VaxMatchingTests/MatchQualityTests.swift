import Testing
import VaxCore
import VaxDataGen
import VaxMatching
import VaxStorage
import VaxWorkflows
import VaxTestSupport

/// Generates a register and shots, builds the store, matches every shot and scores the
/// decisions against the generator's answer key. With `targetPrecision`, the model is first
/// estimated from the store and the shots for that target, as `vaxlink model estimate
/// --target-precision` does, and the shots are matched with it.
private func evaluateGenerated(citizens: Int, shots: Int, seed: UInt64, hard: Bool = false,
                               targetPrecision: Double? = nil) throws -> Evaluation {
    try withTemporaryDirectory { dir in
        let parameters = hard ? GeneratorParameters.hard(citizens: citizens, shots: shots, seed: seed)
            : GeneratorParameters(citizens: citizens, shots: shots, seed: seed)
        _ = try DataGenerator(parameters: parameters)
            .generate(into: dir, threads: 2)
        let built = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: 2,
                                             threads: 2, quiet: true)
        #expect(built.rejects.isEmpty)
        let store = try PopulationStore.open(dir + "/store")
        var model = MatchModel.standard
        if let targetPrecision {
            var source = try ShotsFileSource(path: dir + "/shots.csv")
            var sample: [RecordedShot] = []
            while let batch = try source.nextBatch(maxRecords: 1 << 16) { sample += batch.shots }
            model = ModelEstimator.estimate(store: store, shots: sample, randomPairs: 200_000, targetPrecision: targetPrecision,
                                            threads: 2).0
        }
        let matcher = Matcher(store: store, model: model)
        // As `vaxlink match` runs: one grouping pass over the file first, so that a person's
        // doses are decided together wherever they are (without it, only inside a batch).
        let groups = try ShotGroups.scan(path: dir + "/shots.csv")
        let run = MatchRun(matcher: matcher, outputDirectory: dir + "/out", threads: 2, batchSize: 4096)
        run.quiet = true
        var source = try ShotsFileSource(path: dir + "/shots.csv", groups: groups)
        _ = try run.run(source: &source, groups: groups, sink: nil)
        return try Evaluation.evaluate(decisionsPath: dir + "/out/decisions.csv", truthPath: dir + "/truth.csv")
    }
}

// Floors on a small generated set (the 1 M / 800 k and 10 M measurements are in the
// README, made with `vaxlink evaluate`). Seeds differ from those used while tuning.
@Test(arguments: [101, 202])
func linkPrecisionRecallAndReviewMeetTheirFloors(seed: Int) throws {
    let e = try evaluateGenerated(citizens: 12_000, shots: 10_000, seed: UInt64(seed))
    print(e.report)  // per-tag recall and wrong links, so that a weakness is visible
    #expect(e.shots == 10_000)
    #expect(e.precision >= 0.9995, "precision \(e.precision)")
    #expect(e.recall >= 0.997, "recall \(e.recall)")
    #expect(e.reviewRate <= 0.005, "review rate \(e.reviewRate)")
    // Every kind of error must still be linked most of the time.
    for (tag, stats) in e.byTag where stats.registered >= 50 {
        #expect(stats.recall >= 0.9, "recall for \(tag): \(stats.recall)")
    }
}

// The hard profile (compounding errors, lookalikes outside the register, family names
// left out, ...) with the built-in model. Its precision is not the goal's (about 0.997 at
// 100 k / 80 k: most wrong links are people outside the register with a registered
// citizen's name, birth date and sex and no ID, whom nothing in one record tells apart);
// the goal is reached with a model estimated for it (the next test). These floors guard
// what the built-in model reaches, with margin: measured 0.99826 / 0.99744 / 1.13 % (seed
// 303, as `vaxlink match` gives on the same data) and 0.99745 / 0.99765 / 0.83 % (seed 404)
// at this size (2026-12-07, with the profile's VNI names, formatted phones and
// spreadsheet-kept IDs).
@Test(arguments: [303, 404])
func theHardProfileKeepsItsPrecisionRecallAndReview(seed: Int) throws {
    let e = try evaluateGenerated(citizens: 12_000, shots: 10_000, seed: UInt64(seed), hard: true)
    print(e.report)
    #expect(e.shots == 10_000)
    #expect(e.precision >= 0.995, "precision \(e.precision)")
    #expect(e.recall >= 0.985, "recall \(e.recall)")
    #expect(e.reviewRate <= 0.02, "review rate \(e.reviewRate)")
}

// The hard profile's goals (issue 16: precision >= 0.9995, recall >= 0.975, review <= 2 %),
// with the model estimated for a precision target of 0.9995: it finds, from where the doses
// were given, that ID-less name links hold too many people outside the register, and sends
// those that no proven dose of the person or their household supports to review
// (StrangerEstimate). At this size, seed 606 (never used while building the rule) measured
// 0.999689 / 0.986538 / 1.814 % with `vaxlink model estimate` and `match`. A smaller set
// holds too few such links for the excess to be significant, and the model then links them.
@Test func theHardProfileMeetsItsGoalsWithAModelEstimatedForTheTarget() throws {
    let e = try evaluateGenerated(citizens: 100_000, shots: 80_000, seed: 606, hard: true, targetPrecision: 0.9995)
    print(e.report)
    #expect(e.shots == 80_000)
    #expect(e.precision >= 0.9995, "precision \(e.precision)")
    #expect(e.recall >= 0.975, "recall \(e.recall)")
    #expect(e.reviewRate <= 0.02, "review rate \(e.reviewRate)")
}
