import VaxCore
import VaxWorkflows

/// `vaxlink evaluate`.
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let summary = "Score decisions.csv against a generated answer key (truth.csv)."
    static let help = """
        USAGE: vaxlink evaluate --decisions FILE --truth FILE [--min-precision P] [--min-recall R] [--max-review F]

        Compares each decision with the generator's answer key and prints link precision
        (correct links / links), recall (correct links / shots whose person is registered),
        the review rate, and per error tag the recall, wrong links, reviews and unmatched.
        With floors given, exits 1 when one is not met (for benchmarks and CI).
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let decisions = try arguments.required("decisions")
        let truth = try arguments.required("truth")
        func floor(_ name: String) throws -> Double? {
            guard let text = try arguments.option(name) else { return nil }
            guard let v = Double(text), (0...1).contains(v) else { throw VaxError(.usage, "--\(name) must be in 0...1") }
            return v
        }
        let minPrecision = try floor("min-precision"), minRecall = try floor("min-recall"), maxReview = try floor("max-review")
        try arguments.finish()
        return emit(try DecisionScoring.evaluate(decisionsPath: decisions, truthPath: truth, minPrecision: minPrecision,
                                                 minRecall: minRecall, maxReview: maxReview))
    }
}
