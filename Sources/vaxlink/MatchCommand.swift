import Foundation
import VaxCore
import VaxCrypto
import VaxLedger
import VaxMatching
import VaxStorage

enum MatchCommand: Command {
    static let name = "match"
    static let summary = "Decide every shot against the store and ledger each decision."
    static let help = """
        USAGE: vaxlink match --store STORE --shots FILE --ledger LEDGER --out DIR
                             [--threads T] [--model FILE] [--key FILE] [--batch-size N] [--quiet] [--json]

        Decides each shot of FILE (shots.csv) as verified, corrected, relinked, review or
        unmatched, appends every decision and every rejected row to LEDGER in input order
        with a signed checkpoint per batch, and writes into DIR:
          decisions.csv   one row per shot read (docs/interchange.md)
          review.csv      each shot in review with its candidates, scores and evidence,
                          grouped by province and vaccination site
          rejects.csv     rows that could not be read, with line and reason
          summary.json    counts per outcome and province, timings, the ledger head
          checkpoint      the latest signed checkpoint: give it to auditors
        Decisions do not depend on --threads. An interrupted run resumes when started again
        with the same arguments: batches already in the ledger are not appended twice.
        Changed inputs, store or model on resume are refused (exit 2).

        OPTIONS:
          --store STORE     the population store (vaxlink store build)
          --shots FILE      the shots to decide
          --ledger LEDGER   the audit ledger (SQLite) to create or resume
          --out DIR         where the output files go
          --threads T       worker threads (default: the number of cores)
          --model FILE      a match model file (vaxlink model estimate); default: the built-in model
          --key FILE        the Ed25519 private key that signs checkpoints (vaxlink keygen);
                            default: LEDGER.key, made with LEDGER.pub on first use
          --batch-size N    shots per batch (default 1048576)
          --quiet           no progress on stderr
          --json            print the summary as JSON on stdout
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let storePath = try arguments.required("store")
        let shotsPath = try arguments.required("shots")
        let ledgerPath = try arguments.required("ledger")
        let out = try arguments.required("out")
        let threads = try arguments.threads()
        let modelPath = try arguments.option("model")
        let keyPath = try arguments.option("key")
        let batchSize = try arguments.integer("batch-size", default: 1 << 20, in: 1...(1 << 24))!
        let quiet = arguments.flag("quiet")
        let json = arguments.flag("json")
        try arguments.finish()
        let result = try MatchSession(storePath: storePath, shotsPath: shotsPath, ledgerPath: ledgerPath, out: out,
                                      threads: threads, modelPath: modelPath, keyPath: keyPath, batchSize: batchSize,
                                      quiet: quiet).run()
        if json {
            print(result.json)
        } else {
            print(result.text)
        }
        return 0
    }
}

/// One match run wired together: store, model, key, ledger, shots, outputs.
struct MatchSession {
    var storePath, shotsPath, ledgerPath, out: String
    var threads: Int
    var modelPath: String?
    var keyPath: String?
    var batchSize: Int
    var quiet: Bool

    struct Result {
        var summary: MatchSummary
        var json: String
        var text: String
        var head: LedgerWriter.Head
        var publicKeyPath: String
    }

    func run() throws -> Result {
        let started = monotonicSeconds()
        let store = try PopulationStore.open(storePath)
        try store.verifyAll(threads: threads)
        let model = try modelPath.map { try MatchModel.load(path: $0) } ?? .standard
        var source = try ShotsFileSource(path: shotsPath)
        for warning in source.warnings { writeStderr("vaxlink match: warning: \(warning)\n") }
        let shotsHash = try sha256(ofFile: shotsPath)
        // The ledger (and the key written beside it) may go into a folder that does not exist yet.
        if let slash = ledgerPath.lastIndex(of: "/"), slash != ledgerPath.startIndex {
            try makeDirectory(String(ledgerPath[..<slash]))
        }
        let (key, publicKeyPath) = try signingKey()
        let header = RunHeader(
            toolVersion: toolVersion, inputs: [.init(name: "shots.csv", sha256: shotsHash)],
            storeContentHash: store.contentHash, modelHash: model.hash(),
            thresholds: ["link": "\(model.linkThreshold)", "idless": "\(model.idlessLinkThreshold)", "margin": "\(model.linkMargin)",
                         "review": "\(model.reviewThreshold)", "fastpath": "\(model.fastPathThreshold)"],
            signerPublicKey: key.publicKey)
        let ledger = try LedgerWriter.open(path: ledgerPath, header: header, signingKey: key)
        if ledger.committedRecords > 0 && !quiet {
            writeStderr("vaxlink match: resuming: the ledger already holds \(ledger.committedRecords) records\n")
        }
        let run = MatchRun(matcher: Matcher(store: store, model: model), outputDirectory: out, threads: threads,
                           batchSize: batchSize)
        run.quiet = quiet
        let summary = try run.run(source: &source, sink: ledger, committedRecords: ledger.committedRecords)
        try ledger.finish(checkpointOut: out + "/checkpoint")
        let head = ledger.head
        let extra: [(String, JSONText)] = [
            ("store_content_hash", .string(store.contentHash.hex)),
            ("model_hash", .string(model.hash().hex)),
            ("shots_sha256", .string(shotsHash.hex)),
            ("threads", .int(threads)),
            ("cores", .int(processorCount)),
            ("wall_seconds", .double(monotonicSeconds() - started)),
            ("ledger", .object([
                ("path", .string(ledgerPath)),
                ("entries", .int(head.treeSize)),
                ("chain_head", .string(head.chainHead.hex)),
                ("checkpoint", .string(out + "/checkpoint")),
                ("public_key", .string(publicKeyPath)),
            ])),
        ]
        let json = summary.json(extra: extra).render()
        let file = try OutputFile(path: out + "/summary.json")
        try file.write(json + "\n")
        try file.commit()
        var lines = ["decided \(summary.shotsRead) shots (\(summary.rejected) rows rejected) in \(formatFixed(summary.seconds, 2)) s, "
            + "\(formatRate(Double(summary.shotsRead + summary.rejected) / max(summary.seconds, 1e-9))) shots/s on \(threads) threads"]
        for o in Outcome.allCases {
            let n = summary.national[o]
            lines.append("  \(o.name.padding(to: 10)) \(String(n).padding(to: 10)) \(formatFixed(100 * Double(n) / Double(max(summary.shotsRead, 1)), 2)) %")
        }
        lines.append("ledger \(ledgerPath): \(head.treeSize) entries, head \(head.chainHead.hex)")
        lines.append("outputs in \(out)/ (decisions.csv, review.csv, rejects.csv, summary.json, checkpoint); public key \(publicKeyPath)")
        return Result(summary: summary, json: json, text: lines.joined(separator: "\n"), head: head, publicKeyPath: publicKeyPath)
    }

    /// The signing key: --key, or LEDGER.key (made with LEDGER.pub when absent).
    private func signingKey() throws -> (Ed25519PrivateKey, String) {
        if let keyPath {
            let key = try Ed25519PrivateKey(contentsOf: keyPath)
            let pub = keyPath.hasSuffix(".key") ? String(keyPath.dropLast(4)) + ".pub" : keyPath + ".pub"
            return (key, pub)
        }
        let base = ledgerPath
        if FileManager.default.fileExists(atPath: base + ".key") {
            return (try Ed25519PrivateKey(contentsOf: base + ".key"), base + ".pub")
        }
        return (try writeKeyPair(base: base), base + ".pub")
    }
}

/// SHA-256 of a whole file, streamed.
func sha256(ofFile path: String) throws -> SHA256Digest {
    let input = try InputFile(path: path)
    let hasher = SHA256Hasher()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
        if n == 0 { break }
        buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
    return hasher.finish()
}
