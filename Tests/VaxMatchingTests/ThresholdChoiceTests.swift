import Testing
import VaxCore
import VaxDataGen
import VaxMatching
import VaxStorage
import VaxWorkflows
import VaxTestSupport

// issue 16 "Thresholds from a target": model estimate --target-precision sets the link and
// review thresholds from the estimated model, and the model file records how.
@Suite struct ThresholdChoiceTests {
    static let estimates: [(MatchModel, ModelEstimator.Report)] = try! withTemporaryDirectory { dir in
        _ = try DataGenerator(parameters: GeneratorParameters(citizens: 4_000, shots: 3_200, seed: 12))
            .generate(into: dir, threads: 2)
        _ = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: 2, threads: 2,
                                       quiet: true)
        let store = try PopulationStore.open(dir + "/store")
        var source = try ShotsFileSource(path: dir + "/shots.csv")
        var shots: [RecordedShot] = []
        while let batch = try source.nextBatch(maxRecords: 4096) { shots += batch.shots }
        return [0.99, 0.9999].map {
            ModelEstimator.estimate(store: store, shots: shots, randomPairs: 50_000, targetPrecision: $0, threads: 2)
        }
    }

    @Test func aStricterTargetNeverLowersTheLinkThreshold() throws {
        let (loose, strict) = (Self.estimates[0], Self.estimates[1])
        let a = try #require(loose.1.thresholds), b = try #require(strict.1.thresholds)
        #expect(a.link <= b.link)
        #expect(b.estimatedPrecision >= 0.9999)
        #expect(a.review <= a.link - 1 && b.review <= b.link - 1)
        #expect(strict.0.linkThreshold == b.link && strict.0.reviewThreshold == b.review)
        #expect(strict.0.idlessLinkThreshold - strict.0.linkThreshold
            == MatchModel.standard.idlessLinkThreshold - MatchModel.standard.linkThreshold)
    }

    @Test func theModelFileRecordsHowTheThresholdsWereSet() throws {
        let model = Self.estimates[1].0
        #expect(model.thresholdOrigin.hasPrefix("target-precision 0.9999 over"))
        #expect(model.canonicalText.contains("\nthreshold-origin target-precision 0.9999"))
        let back = try MatchModel(text: model.canonicalText, file: "m")
        #expect(back == model)
        // A model whose thresholds were set by hand has no such line: its bytes are unchanged.
        #expect(!MatchModel.standard.canonicalText.contains("threshold-origin"))
    }
}
