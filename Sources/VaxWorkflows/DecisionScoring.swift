import VaxCore
import VaxInterchange
public import VaxMatching

/// `vaxlink evaluate`: decisions.csv scored against a generated answer key, a stratified
/// sample of a real run's decisions drawn for clerical checking, or precision and recall
/// estimated from the checked sample.
public enum DecisionScoring {
    /// Prints precision, recall, review rate (with 95 % Wilson intervals), the passport-level
    /// error rate, per stratum when `shotsPath` is given, and per error tag; each floor not
    /// met adds a FAIL line and makes the report a found problem.
    /// - Throws: `VaxError(.badInput)` for unreadable files.
    /// - Complexity: O(decisions + truth rows); memory 8 bytes per linked citizen.
    public static func evaluate(decisionsPath: String, truthPath: String, shotsPath: String? = nil,
                                minPrecision: Double?, minRecall: Double?, maxReview: Double?) throws -> WorkflowReport {
        let e = try Evaluation.evaluate(decisionsPath: decisionsPath, truthPath: truthPath, shotsPath: shotsPath)
        var lines = [e.report]
        if let minPrecision, e.precision < minPrecision { lines.append("FAIL precision below \(minPrecision)") }
        if let minRecall, e.recall < minRecall { lines.append("FAIL recall below \(minRecall)") }
        if let maxReview, e.reviewRate > maxReview { lines.append("FAIL review rate above \(maxReview)") }
        return WorkflowReport(output: lines.joined(separator: "\n"), foundProblem: lines.count > 1)
    }

    /// Draws a stratified sample of about `size` decisions of a run (by outcome, reservoir
    /// sampling per stratum) and writes it to `out` for clerical checking.
    /// - Throws: `VaxError(.badInput)` for unreadable inputs or a decided shot missing from
    ///   shots.csv; `VaxError(.environment)` if `out` cannot be written.
    /// - Complexity: O(decisions + shots), memory O(size).
    public static func sampleForReview(decisionsPath: String, shotsPath: String, size: Int, seed: UInt64,
                                       out: String) throws -> WorkflowReport {
        let sampler = try drawSample(decisionsPath: decisionsPath, shotsPath: shotsPath, size: size, seed: seed)
        try sampler.write(path: out)
        let counts = zip(Outcome.allCases, sampler.sizes).map { "\($0.0.name) \($0.1)" }.joined(separator: ", ")
        return WorkflowReport(output: "wrote \(out): \(sampler.sample.count) decisions to check, up to \(sampler.perStratum) per outcome "
                              + "(decisions per outcome: \(counts)); fill 'check' with correct or incorrect and, "
                              + "where found, 'true_citizen_id', then run 'vaxlink evaluate --checked \(out)'")
    }

    /// The sampler after streaming every decision (for `sampleForReview` and tests).
    public static func drawSample(decisionsPath: String, shotsPath: String, size: Int, seed: UInt64) throws
        -> ClericalSampler
    {
        try ClericalSampler.draw(decisionsPath: decisionsPath, shotsPath: shotsPath, size: size, seed: seed)
    }

    /// Estimates precision and recall, overall and per domain, from a checked sample.
    /// - Throws: `VaxError(.badInput)` for a malformed file or one with nothing checked.
    public static func estimateFromChecked(path: String) throws -> WorkflowReport {
        let (decisions, sizes) = try ClericalEstimate.read(path: path)
        let units = decisions.compactMap(ClericalEstimate.Unit.init)
        guard !units.isEmpty else { throw VaxError(.badInput, "no decision in the sample is checked", file: path) }
        return WorkflowReport(output: ClericalEstimate(units: units, sizes: sizes).report)
    }
}
