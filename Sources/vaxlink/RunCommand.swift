import VaxCore
import VaxReport
import VaxWorkflows

/// `vaxlink run`: build, match, verify, report (`WholeRun`).
enum RunCommand: Command {
    static let name = "run"
    static let summary = "The whole run: build (or reuse) the store, match, verify the ledger, report."
    static let help = """
        USAGE: vaxlink run --population FILE --shots FILE --out DIR (--key FILE | --demo-key)
                           [--threads T] [--model FILE] [--lang vi|en] [--truth FILE] [--quiet] [--json]

        Builds the population store into DIR/store (reused when population.csv has not
        changed), decides every shot, appends every decision to DIR/ledger.sqlite, verifies
        the whole ledger against its signed checkpoints, and writes into DIR:
          decisions.csv, review.csv, rejects.csv, summary.json, checkpoint   (see 'vaxlink match')
          provinces.csv   per province: shots and each outcome with its share
          report.html     one self-contained page for health officials (Vietnamese by
                          default, --lang en for English): totals, outcomes per province,
                          corrections, scores, throughput, the ledger and how to verify it;
                          with --truth FILE (generated data's answer key) also link quality
                          with 95 % intervals and the strata where it is weakest
        Interrupted, it resumes when started again with the same arguments. Exits 1 if the
        ledger does not verify. --key FILE (vaxlink keygen) signs the ledger's checkpoints
        and is required; --demo-key keeps a generated key beside the ledger instead
        (DIR/ledger.sqlite.key), for demos only.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var run = WholeRun(
            population: try arguments.required("population"), shots: try arguments.required("shots"),
            out: try arguments.required("out"), threads: try arguments.threads(), modelPath: try arguments.option("model"),
            keyPath: try arguments.option("key"), language: try reportLanguage(&arguments))
        run.truthPath = try arguments.option("truth")
        run.quiet = arguments.flag("quiet")
        run.keyBesideLedger = arguments.flag("demo-key")
        let json = arguments.flag("json")
        try arguments.finish()
        let result = try run.run()
        print(json ? result.match.json : result.text)
        return result.verified ? ExitCode.success : ExitCode.problem
    }
}

/// The `--lang vi|en` option of the commands that write report.html (default vi).
func reportLanguage(_ arguments: inout Arguments) throws -> ReportLanguage {
    guard let text = try arguments.option("lang") else { return .vi }
    guard let language = ReportLanguage(rawValue: text) else { throw VaxError(.usage, "--lang must be vi or en") }
    return language
}
