import VaxMatching

/// `vaxlink evaluate`: decisions.csv scored against a generated answer key.
public enum DecisionScoring {
    /// Prints precision, recall, review rate and per error tag; each floor not met adds a
    /// FAIL line and makes the report a found problem.
    /// - Throws: `VaxError(.badInput)` for unreadable files.
    /// - Complexity: O(decisions + truth rows).
    public static func evaluate(decisionsPath: String, truthPath: String, minPrecision: Double?, minRecall: Double?,
                                maxReview: Double?) throws -> WorkflowReport {
        let e = try Evaluation.evaluate(decisionsPath: decisionsPath, truthPath: truthPath)
        var lines = [e.report]
        if let minPrecision, e.precision < minPrecision { lines.append("FAIL precision below \(minPrecision)") }
        if let minRecall, e.recall < minRecall { lines.append("FAIL recall below \(minRecall)") }
        if let maxReview, e.reviewRate > maxReview { lines.append("FAIL review rate above \(maxReview)") }
        return WorkflowReport(output: lines.joined(separator: "\n"), foundProblem: lines.count > 1)
    }
}
