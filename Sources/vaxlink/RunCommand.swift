import Foundation
import VaxCore
import VaxCrypto
import VaxDataGen
import VaxLedger
import VaxMatching
import VaxReport
import VaxStorage
import VaxWorkflows

enum RunCommand: Command {
    static let name = "run"
    static let summary = "The whole run: build (or reuse) the store, match, verify the ledger, report."
    static let help = """
        USAGE: vaxlink run --population FILE --shots FILE --out DIR [--threads T] [--model FILE] [--key FILE]
                           [--lang vi|en] [--quiet] [--json]

        Builds the population store into DIR/store (reused when population.csv has not
        changed), decides every shot, appends every decision to DIR/ledger.sqlite, verifies
        the whole ledger against its signed checkpoints, and writes into DIR:
          decisions.csv, review.csv, rejects.csv, summary.json, checkpoint   (see 'vaxlink match')
          provinces.csv   per province: shots and each outcome with its share
          report.html     one self-contained page for health officials (Vietnamese by
                          default, --lang en for English): totals, outcomes per province,
                          corrections, scores, throughput, the ledger and how to verify it
        Interrupted, it resumes when started again with the same arguments. Exits 1 if the
        ledger does not verify.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let population = try arguments.required("population")
        let shots = try arguments.required("shots")
        let out = try arguments.required("out")
        let threads = try arguments.threads()
        let modelPath = try arguments.option("model")
        let keyPath = try arguments.option("key")
        let language = try reportLanguage(&arguments)
        let quiet = arguments.flag("quiet")
        let json = arguments.flag("json")
        try arguments.finish()
        let result = try WholeRun(population: population, shots: shots, out: out, threads: threads, modelPath: modelPath,
                                  keyPath: keyPath, quiet: quiet, language: language).run()
        print(json ? result.match.json : result.text)
        return result.verified ? 0 : 1
    }
}

/// build → match → verify → reports, shared by `run` and `demo`.
struct WholeRun {
    var population, shots, out: String
    var threads: Int
    var modelPath: String?
    var keyPath: String?
    var quiet: Bool
    var language: ReportLanguage = .vi

    struct Result {
        var match: MatchSession.Result
        var verified: Bool
        var text: String
    }

    func run() throws -> Result {
        try makeDirectory(out)
        let storePath = out + "/store"
        let buildRate = try buildStoreIfChanged(storePath)
        let session = MatchSession(storePath: storePath, shotsPath: shots, ledgerPath: out + "/ledger.sqlite", out: out,
                                   threads: threads, modelPath: modelPath, keyPath: keyPath, batchSize: 1 << 20, quiet: quiet)
        let match = try session.run()
        try match.summary.writeProvinces(path: out + "/provinces.csv")
        let verifyStage = ProgressReporter(stage: "verify ledger", unit: "entries", quiet: quiet)
        let key = try Ed25519PublicKey(pem: readTextFile(match.publicKeyPath, what: "public key"))
        let checkpointText = try readTextFile(out + "/checkpoint", what: "checkpoint")
        let report = try LedgerVerifier.verify(path: out + "/ledger.sqlite", publicKey: key, heldCheckpoint: checkpointText,
                                               threads: threads)
        verifyStage.advance(by: report.treeSize)
        let verifySeconds = verifyStage.finish()
        var stages: [(String, Double)] = []
        if let buildRate { stages.append((language == .vi ? "Xây dựng kho dữ liệu dân cư" : "store build", buildRate)) }
        stages.append((language == .vi ? "Đối sánh mũi tiêm" : "match",
                       Double(match.summary.shotsRead + match.summary.rejected) / max(match.summary.seconds, 1e-9)))
        stages.append((language == .vi ? "Kiểm tra sổ kiểm toán" : "ledger verify", Double(report.treeSize) / max(verifySeconds, 1e-9)))
        let page = ReportPage.render(match.summary, context: ReportContext(
            title: language == .vi ? "Làm sạch dữ liệu tiêm chủng COVID-19: báo cáo kết quả" : "COVID-19 vaccination records cleansing: report",
            ledgerPath: out + "/ledger.sqlite", ledgerEntries: match.head.treeSize, chainHead: match.head.chainHead.hex,
            checkpointPath: out + "/checkpoint", checkpointText: checkpointText, publicKeyPath: match.publicKeyPath,
            verified: report.isValid, stages: stages), language: language)
        let html = try OutputFile(path: out + "/report.html")
        try html.write(page)
        try html.commit()
        var lines = [match.text]
        if report.isValid {
            lines.append("ledger verified: \(report.treeSize) entries in \(report.batches) batches; every chain link, batch root and checkpoint signature holds")
        } else {
            lines.append("LEDGER DOES NOT VERIFY: \(report.failure.map { "\($0)" } ?? "unknown failure")")
        }
        lines.append("reports: \(out)/provinces.csv, \(out)/report.html")
        return Result(match: match, verified: report.isValid, text: lines.joined(separator: "\n"))
    }

    /// Builds DIR/store unless it was built from a population.csv with the same SHA-256;
    /// returns the build rate in citizens/s, or nil when the store was reused.
    private func buildStoreIfChanged(_ storePath: String) throws -> Double? {
        let marker = storePath + ".source-sha256"
        let digest = try sha256(ofFile: population).hex
        if FileManager.default.fileExists(atPath: storePath + "/manifest.vxs"),
           (try? String(contentsOfFile: marker, encoding: .utf8)) == digest {
            if !quiet { writeStderr("store: reusing \(storePath) (population.csv unchanged)\n") }
            return nil
        }
        let built = try PopulationIngest.build(population: population, store: storePath, shards: processorCount,
                                             threads: threads, quiet: quiet)
        guard built.summary != nil else {
            for issue in built.rejects.prefix(20) { writeStderr("\(population):\(issue.line): \(issue.reason)\n") }
            throw VaxError(.problem, "\(built.rejects.count) bad rows in the register; no store built (see 'vaxlink store build')",
                           file: population)
        }
        let file = try OutputFile(path: marker)
        try file.write(digest)
        try file.commit()
        return Double(built.summary?.rowCount ?? 0) / max(built.seconds, 1e-9)
    }
}

enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "Generate the default data set and run the whole pipeline on it."
    static let help = """
        USAGE: vaxlink demo [--out DIR] [--citizens N] [--shots M] [--seed S] [--threads T] [--lang vi|en]
                            [--passport-key KEY --passport-cert CERT] [--passports N] [--quiet]

        Generates a register of N citizens (default 1,000,000) and M shots (default 800,000)
        with an answer key into DIR/data (kept and reused for the same N, M, S), runs
        'vaxlink run' on them into DIR (default demo-out), and scores the decisions against
        the answer key: link precision, recall, review rate and per error tag. Then it issues
        vaccine passports ('vaxlink passport issue') for the first N eligible citizens (default
        50,000, which keeps the demo near a minute; 0 for none) into DIR/passports, signed with
        KEY and CERT, or with a throwaway ES256 demo key and self-signed certificate made once
        as DIR/passport-demo.key and DIR/passport-demo.crt (for demonstration only). When the
        ledger already records passports (a second demo run), none are issued again.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.option("out") ?? "demo-out"
        let citizens = try arguments.integer("citizens", default: 1_000_000, in: 1...200_000_000)!
        let shots = try arguments.integer("shots", default: 800_000, in: 1...200_000_000)!
        let seed = try arguments.integer("seed", default: 1, in: 0...Int.max)!
        let threads = try arguments.threads()
        let language = try reportLanguage(&arguments)
        let passportKey = try arguments.option("passport-key")
        let passportCert = try arguments.option("passport-cert")
        let passportCount = try arguments.integer("passports", default: 50_000, in: 0...Int.max)!
        let quiet = arguments.flag("quiet")
        try arguments.finish()
        guard (passportKey == nil) == (passportCert == nil) else {
            throw VaxError(.usage, "demo: give both --passport-key and --passport-cert, or neither")
        }
        let data = out + "/data"
        let parameters = GeneratorParameters(citizens: citizens, shots: shots, seed: UInt64(seed))
        let stamp = data + "/generator.json"
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) != parameters.json {
            try makeDirectory(data)
            _ = try DataGenerator(parameters: parameters).generate(into: data, threads: threads, quiet: quiet)
        } else if !quiet {
            writeStderr("generate: reusing \(data) (same parameters)\n")
        }
        let result = try WholeRun(population: data + "/population.csv", shots: data + "/shots.csv", out: out,
                                  threads: threads, modelPath: nil, keyPath: nil, quiet: quiet, language: language).run()
        let evaluation = try Evaluation.evaluate(decisionsPath: out + "/decisions.csv", truthPath: data + "/truth.csv")
        print(result.text)
        print("\nagainst the answer key (\(data)/truth.csv):")
        print(evaluation.report)
        guard result.verified else { return 1 }
        if passportCount > 0 {
            print("\npassports:")
            print(try DemoPassports(out: out, threads: threads, quiet: quiet, keyPath: passportKey,
                                    certificatePath: passportCert, limit: passportCount).issue())
        }
        print("\nreport files in \(out)/; auditors verify with:")
        let checkpoint = FileManager.default.fileExists(atPath: out + "/passports/checkpoint")
            ? out + "/passports/checkpoint" : out + "/checkpoint"
        print("  vaxlink ledger verify \(out)/ledger.sqlite --checkpoint \(checkpoint) --public-key \(result.match.publicKeyPath)")
        return 0
    }
}

/// The `--lang vi|en` option of the commands that write report.html (default vi).
func reportLanguage(_ arguments: inout Arguments) throws -> ReportLanguage {
    guard let text = try arguments.option("lang") else { return .vi }
    guard let language = ReportLanguage(rawValue: text) else { throw VaxError(.usage, "--lang must be vi or en") }
    return language
}
