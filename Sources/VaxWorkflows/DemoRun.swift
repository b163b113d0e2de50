import Foundation
import VaxCore
import VaxDataGen
import VaxMatching
public import VaxReport

/// `vaxlink demo`: generate (or reuse) a data set, run the whole pipeline on it, score the
/// decisions against the answer key, and issue a first wave of passports.
public struct DemoRun {
    /// The output folder; the data goes into OUT/data.
    public var out: String
    /// Citizens, shots and seed of the generated data set.
    public var citizens: Int, shots: Int, seed: UInt64
    /// Worker threads.
    public var threads: Int
    /// The language of report.html.
    public var language: ReportLanguage
    /// The passport signing key and certificate; nil makes a throwaway demo pair once.
    public var passportKeyPath: String?, passportCertificatePath: String?
    /// Passports to issue (the first eligible citizens by ID); 0 issues none.
    public var passportCount: Int
    /// No progress on standard error.
    public var quiet: Bool

    /// A demo with every input named; see the properties.
    public init(out: String, citizens: Int, shots: Int, seed: UInt64, threads: Int, language: ReportLanguage,
                passportKeyPath: String?, passportCertificatePath: String?, passportCount: Int, quiet: Bool) {
        self.out = out
        self.citizens = citizens
        self.shots = shots
        self.seed = seed
        self.threads = threads
        self.language = language
        self.passportKeyPath = passportKeyPath
        self.passportCertificatePath = passportCertificatePath
        self.passportCount = passportCount
        self.quiet = quiet
    }

    /// Runs the demo, handing each part of its standard output to `emit` as soon as it is
    /// known (so that what was done is shown even if a later stage fails).
    /// - Returns: whether the ledger verified (no passports are issued when it does not).
    /// - Throws: `VaxError(.usage)` for a key without a certificate or the reverse; the
    ///   errors of the stages.
    public func run(emit: (String) -> Void) throws -> Bool {
        guard (passportKeyPath == nil) == (passportCertificatePath == nil) else {
            throw VaxError(.usage, "demo: give both --passport-key and --passport-cert, or neither")
        }
        let data = out + "/data"
        let parameters = GeneratorParameters(citizens: citizens, shots: shots, seed: seed)
        let stamp = data + "/generator.json"
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) != parameters.json {
            try makeDirectory(data)
            _ = try DataGenerator(parameters: parameters).generate(into: data, threads: threads, quiet: quiet)
        } else if !quiet {
            writeStderr("generate: reusing \(data) (same parameters)\n")
        }
        var whole = WholeRun(population: data + "/population.csv", shots: data + "/shots.csv", out: out,
                             threads: threads, modelPath: nil, keyPath: nil, quiet: quiet, language: language)
        whole.truthPath = data + "/truth.csv"
        let result = try whole.run()
        let evaluation = try Evaluation.evaluate(decisionsPath: out + "/decisions.csv", truthPath: data + "/truth.csv")
        emit(result.text)
        emit("\nagainst the answer key (\(data)/truth.csv):")
        emit(evaluation.report)
        guard result.verified else { return false }
        if passportCount > 0 {
            emit("\npassports:")
            emit(try DemoPassports(out: out, threads: threads, quiet: quiet, keyPath: passportKeyPath,
                                   certificatePath: passportCertificatePath, limit: passportCount).issue())
        }
        emit("\nreport files in \(out)/; auditors verify with:")
        let checkpoint = FileManager.default.fileExists(atPath: out + "/passports/checkpoint")
            ? out + "/passports/checkpoint" : out + "/checkpoint"
        emit("  vaxlink ledger verify \(out)/ledger.sqlite --checkpoint \(checkpoint) --public-key \(result.match.publicKeyPath)")
        return true
    }
}
