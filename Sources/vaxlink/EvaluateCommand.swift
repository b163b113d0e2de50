import VaxCore
import VaxWorkflows

/// `vaxlink evaluate`.
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let summary = "Measure link quality: against an answer key, or from a clerically checked sample."
    static let help = """
        USAGE: vaxlink evaluate --decisions FILE --truth FILE [--shots FILE]
                                [--min-precision P] [--min-recall R] [--max-review F]
               vaxlink evaluate --sample-for-review N --decisions FILE --shots FILE --out FILE [--seed S] [--force]
               vaxlink evaluate --checked FILE

        With --truth (generated data): compares each decision with the answer key and prints
        link precision (correct links / links), recall (correct links / shots whose person is
        registered) and the review rate with 95 % Wilson intervals, the passport-level error
        rate (citizens whose linked shots include someone else's), and per error tag. With
        --shots also per stratum (age band, sex, province, recorded ID absent / own / another
        person's / not registered / legacy / malformed) and the weakest strata. With floors
        given, exits 1 when one is not met (for benchmarks and CI).

        With --sample-for-review N (a real run, no answer key): draws about N decisions,
        stratified by outcome (reservoir sampling, memory bounded by N), into --out for
        clerks to check: they fill 'check' (correct / incorrect) and, when they find the
        shot's person and it is not the linked citizen, 'true_citizen_id'.

        With --checked FILE (that sample, checked): estimates precision and recall overall
        and per domain with 95 % intervals (stratified ratio estimators, weight = stratum
        size / checked in the stratum).
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        if let checked = try arguments.option("checked") {
            try arguments.finish()
            return emit(try DecisionScoring.estimateFromChecked(path: checked))
        }
        if let size = try arguments.integer("sample-for-review", in: 1...10_000_000) {
            let decisions = try arguments.required("decisions")
            let shots = try arguments.required("shots")
            let out = try arguments.required("out")
            let seed = try arguments.integer("seed", default: 1, in: 0...Int.max)!
            try checkOutputs([out], inputs: [decisions, shots], force: arguments.flag("force"))
            try arguments.finish()
            return emit(try DecisionScoring.sampleForReview(decisionsPath: decisions, shotsPath: shots, size: size,
                                                            seed: UInt64(seed), out: out))
        }
        let decisions = try arguments.required("decisions")
        let truth = try arguments.required("truth")
        let shots = try arguments.option("shots")
        func floor(_ name: String) throws -> Double? {
            guard let text = try arguments.option(name) else { return nil }
            guard let v = Double(text), (0...1).contains(v) else { throw VaxError(.usage, "--\(name) must be in 0...1") }
            return v
        }
        let minPrecision = try floor("min-precision"), minRecall = try floor("min-recall"), maxReview = try floor("max-review")
        try arguments.finish()
        return emit(try DecisionScoring.evaluate(decisionsPath: decisions, truthPath: truth, shotsPath: shots,
                                                 minPrecision: minPrecision, minRecall: minRecall, maxReview: maxReview))
    }
}
