import Foundation
import VaxCore
import VaxCrypto
import VaxLedger
import VaxMatching
public import VaxReport

/// The whole run, shared by `vaxlink run` and the demo: build (or reuse) the store, match,
/// verify the whole ledger against its signed checkpoints, write provinces.csv and report.html.
public struct WholeRun {
    /// The register extract.
    public var population: String
    /// The shots to decide.
    public var shots: String
    /// The folder for the store, the ledger and every output file.
    public var out: String
    /// Worker threads.
    public var threads: Int
    /// A match model file; nil is the built-in model.
    public var modelPath: String?
    /// The ledger signing key; nil is OUT/ledger.sqlite.key, made on first use, if
    /// `keyBesideLedger` allows it (`MatchSession.keyBesideLedger`).
    public var keyPath: String?
    /// Whether a run without `keyPath` may keep its key beside the ledger (demos, tests).
    public var keyBesideLedger = true
    /// No progress on standard error.
    public var quiet: Bool
    /// The language of report.html.
    public var language: ReportLanguage
    /// An answer key (generated data): report.html then shows link quality and its weakest strata.
    public var truthPath: String? = nil

    /// A whole run with every input named; see the properties.
    public init(population: String, shots: String, out: String, threads: Int, modelPath: String? = nil,
                keyPath: String? = nil, quiet: Bool = false, language: ReportLanguage = .vi) {
        self.population = population
        self.shots = shots
        self.out = out
        self.threads = threads
        self.modelPath = modelPath
        self.keyPath = keyPath
        self.quiet = quiet
        self.language = language
    }

    /// What a whole run did.
    public struct Result {
        /// The match session's result.
        public var match: MatchSession.Result
        /// Whether the whole ledger verified.
        public var verified: Bool
        /// The lines `vaxlink run` prints.
        public var text: String
    }

    /// Runs every stage; a second run with the same inputs reuses the store and resumes the ledger.
    /// - Throws: `VaxError(.problem)` for a register with bad rows; the errors of `MatchSession.run`.
    public func run() throws -> Result {
        guard keyPath != nil || keyBesideLedger else { throw MatchSession.keyRequired }
        try makeDirectory(out)
        let storePath = out + "/store"
        let buildRate = try StoreBuild.buildIfChanged(population: population, storePath: storePath, threads: threads,
                                                      quiet: quiet)
        var session = MatchSession(storePath: storePath, shotsPath: shots, ledgerPath: out + "/ledger.sqlite", out: out,
                                   threads: threads, modelPath: modelPath, keyPath: keyPath, quiet: quiet)
        session.keyBesideLedger = keyBesideLedger
        let match = try session.run()
        try ProvincesCSV.write(match.summary, path: out + "/provinces.csv")
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
        var context = ReportContext(
            title: language == .vi ? "Làm sạch dữ liệu tiêm chủng COVID-19: báo cáo kết quả" : "COVID-19 vaccination records cleansing: report",
            ledgerPath: out + "/ledger.sqlite", ledgerEntries: match.head.treeSize, chainHead: match.head.chainHead.hex,
            checkpointPath: out + "/checkpoint", checkpointText: checkpointText, publicKeyPath: match.publicKeyPath,
            verified: report.isValid, stages: stages)
        if let truthPath {
            let evaluation = try Evaluation.evaluate(decisionsPath: out + "/decisions.csv", truthPath: truthPath,
                                                     shotsPath: shots)
            context.quality = ReportQuality(evaluation, source: truthPath)
        }
        let page = ReportPage.render(match.summary, context: context, language: language)
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
}
