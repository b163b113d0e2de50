import VaxCore
import VaxMatching
import VaxStorage

/// Match model files: the built-in model written out, or one estimated from the data.
public enum ModelFiles {
    /// `vaxlink model default`: writes the built-in model to `out`.
    /// - Throws: `VaxError(.environment)` if the file cannot be written.
    public static func writeDefault(out: String) throws -> WorkflowReport {
        try MatchModel.standard.save(path: out)
        return WorkflowReport(output: "wrote \(out) (sha256 \(MatchModel.standard.hash().hex))")
    }

    /// `vaxlink model estimate`: fits m and u to the store and the first `sample` shots
    /// (EM, from the built-in model, whose thresholds are kept unless `targetPrecision` is
    /// given: then they are set for it, ThresholdChoice) and writes the model to `out`.
    /// - Throws: `VaxError` from opening the store or shots, or writing `out`.
    /// - Complexity: O(sample × candidates + randomPairs), on `threads` threads.
    public static func estimate(storePath: String, shotsPath: String, out: String, sample: Int, randomPairs: Int,
                                seed: UInt64, threads: Int, targetPrecision: Double? = nil) throws -> WorkflowReport {
        let store = try PopulationStore.open(storePath)
        var source = try ShotsFileSource(path: shotsPath)
        var shots: [RecordedShot] = []
        while shots.count < sample, let batch = try source.nextBatch(maxRecords: min(1 << 16, sample - shots.count)) {
            shots += batch.shots
        }
        let (model, report) = ModelEstimator.estimate(store: store, shots: shots, randomPairs: randomPairs,
                                                      seed: seed, targetPrecision: targetPrecision, threads: threads)
        try model.save(path: out)
        return WorkflowReport(output:
            "estimated from \(shots.count) shots: \(report.candidatePairs) candidate pairs, \(report.randomPairs) random pairs, "
            + "\(report.iterations) EM iterations, match share \(formatFixed(report.matchShare, 4))\n"
            + (report.thresholds.map { "thresholds from the target: \($0.description)\n" } ?? "")
            + (report.strangers.map { "people outside the register: \($0.description)\n" } ?? "")
            + "wrote \(out) (sha256 \(model.hash().hex))")
    }
}
