import VaxWorkflows
import VaxCore

/// `vaxlink model default`.
enum ModelDefaultCommand: Command {
    static let name = "model default"
    static let summary = "Write the built-in match model to a file, to inspect or adjust."
    static let help = """
        USAGE: vaxlink model default --out FILE [--force]

        Writes the built-in Fellegi-Sunter model: m and u probabilities per field and level,
        and the decision thresholds (link, margin, review, fastpath, in log2 odds). Edit it
        and pass it to 'vaxlink match --model FILE'; its SHA-256 goes into the ledger.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.required("out")
        try checkOutputs([out], inputs: [], force: arguments.flag("force"))
        try arguments.finish()
        return emit(try ModelFiles.writeDefault(out: out))
    }
}

/// `vaxlink model estimate`.
enum ModelEstimateCommand: Command {
    static let name = "model estimate"
    static let summary = "Fit m and u to a register and a sample of its shots (EM)."
    static let help = """
        USAGE: vaxlink model estimate --store STORE --shots FILE --out FILE
                                      [--sample N] [--random-pairs N] [--seed S] [--threads T]
                                      [--target-precision P]

        Estimates u from random (shot, citizen) pairs and m by expectation-maximisation
        over the candidate pairs the search finds for the first N shots (default 200000),
        starting from the built-in model, whose thresholds are kept. Writes a model file
        for 'vaxlink match --model'.

        With --target-precision P (0.5 < P < 1) the link and review thresholds are set
        from the estimated model instead: the link threshold is the lowest score at which
        the candidate pairs above it have an estimated precision (mean EM match
        probability) of at least P; the review threshold leaves below it at most a share
        1 - P of the estimated matches. The model file's threshold-origin line records how.
        The sample is then decided with that model, and the share of people outside the
        register among its links made by name alone with no ID recorded is bounded from
        below by how much more often such links are made outside the citizen's province
        than links the recorded ID proves (shots with and without a phone apart, 95 %
        confidence). Where that bound leaves such links short of P, the model sends them
        to review unless a dose of the person, or of their household on the same phone,
        is proven by its own recorded ID (line idless-links-to-review).
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let storePath = try arguments.required("store")
        let shotsPath = try arguments.required("shots")
        let out = try arguments.required("out")
        let sample = try arguments.integer("sample", default: 200_000, in: 1...100_000_000)!
        let randomPairs = try arguments.integer("random-pairs", default: 1_000_000, in: 1...1_000_000_000)!
        let seed = try arguments.integer("seed", default: 1, in: 0...Int.max)!
        let threads = try arguments.threads()
        var target: Double?
        if let text = try arguments.option("target-precision") {
            guard let v = Double(text), v > 0.5, v < 1 else {
                throw VaxError(.usage, "--target-precision must be a number between 0.5 and 1")
            }
            target = v
        }
        try arguments.finish()
        return emit(try ModelFiles.estimate(storePath: storePath, shotsPath: shotsPath, out: out, sample: sample,
                                            randomPairs: randomPairs, seed: UInt64(seed), threads: threads,
                                            targetPrecision: target))
    }
}
