import Foundation
import VaxCore
import VaxCrypto
import VaxInterchange
public import VaxLedger
public import VaxMatching
import VaxReport
import VaxStorage

/// One match run wired together: open and check the store, load the model and the signing
/// key, open (or resume) the ledger, decide every shot, write the output files and summary.
///
/// Started again with the same arguments after an interruption, it resumes: batches the
/// ledger already holds are decided again but not appended twice.
public struct MatchSession {
    /// The population store (`vaxlink store build`).
    public var storePath: String
    /// The shots to decide (shots.csv).
    public var shotsPath: String
    /// The audit ledger (SQLite) to create or resume.
    public var ledgerPath: String
    /// The folder for decisions.csv, review.csv, rejects.csv, summary.json and checkpoint.
    public var out: String
    /// Worker threads; decisions do not depend on it.
    public var threads: Int
    /// A match model file; nil is the built-in model.
    public var modelPath: String?
    /// The Ed25519 private key that signs checkpoints; nil is LEDGER.key, made with
    /// LEDGER.pub on first use, if `keyBesideLedger` allows it.
    public var keyPath: String?
    /// Whether a run without `keyPath` may make or use a key beside the ledger (LEDGER.key):
    /// for demos and tests only. The CLI sets it from `--demo-key`: a national run names a
    /// key kept apart from the ledger (issue 13 finding 8, docs/cli.md "Matching").
    public var keyBesideLedger = true
    /// Shots per batch (one ledger transaction and checkpoint each), 1 to `maxBatchSize`;
    /// nil chooses it from the file (`automaticBatchSize`). Decisions do not depend on it.
    public var batchSize: Int?

    /// The batch size for a file of `rows` accepted rows when none is given: an eighth of
    /// the file, at least 65 536 and at most 1 048 576 rows. Parsing, deciding and writing
    /// out overlap batch by batch, so a file of one batch runs them one after the other
    /// (800 k shots in batches of 100 k: `vaxlink run` 13.2-14.8 s against 15.8-16.1 s in
    /// one, half the peak memory); a national file keeps batches of a million. The rows are
    /// the whole file's (pass 1), so every partition of a run and a resumed run cut their
    /// batches alike.
    public static func automaticBatchSize(rows: Int) -> Int {
        min(1 << 20, max(1 << 16, rows / 8))
    }

    /// The largest batch: a batch keeps its rows' text in one arena of at most 4 GiB
    /// (`TextArena`), and a shots row holds at most about 600 bytes of text under the limits of
    /// interchange.md, so 4 Mi rows stay under 2.5 GiB whatever the file holds.
    public static let maxBatchSize = 1 << 22
    /// No progress on standard error.
    public var quiet: Bool
    /// The share of the shots to decide (`--partition I/N`); the whole file by default.
    public var partition: ShotPartition = .whole

    /// A session with every input named; see the properties.
    public init(storePath: String, shotsPath: String, ledgerPath: String, out: String, threads: Int,
                modelPath: String? = nil, keyPath: String? = nil, batchSize: Int? = nil, quiet: Bool = false) {
        self.storePath = storePath
        self.shotsPath = shotsPath
        self.ledgerPath = ledgerPath
        self.out = out
        self.threads = threads
        self.modelPath = modelPath
        self.keyPath = keyPath
        self.batchSize = batchSize
        self.quiet = quiet
    }

    /// What a finished session did.
    public struct Result {
        /// Counts per outcome and province, corrections, scores, timings.
        public var summary: MatchSummary
        /// summary.json's text (also written to OUT/summary.json).
        public var json: String
        /// The lines `vaxlink match` prints.
        public var text: String
        /// The ledger's head after the run.
        public var head: LedgerWriter.Head
        /// The public key that verifies the ledger's checkpoints.
        public var publicKeyPath: String
    }

    /// Runs the session to the end of the shots.
    /// - Throws: `VaxError`: `.badInput` for unreadable inputs or a resume with changed
    ///   inputs, store or model; `.corruption` for a damaged store; `.environment` for I/O faults.
    /// - Complexity: O(shots × candidates), on `threads` threads.
    public func run() throws -> Result {
        // spec: issue 13 finding 8: whoever can write the ledger must not find its key beside it.
        guard keyPath != nil || keyBesideLedger else { throw Self.keyRequired }
        let started = monotonicSeconds()
        // Pass 1, which doses are decided together (and so which partition decides them),
        // reads the shots on other threads while this one opens and checks the store:
        // neither needs the other, and a national store's checks took 7 s of one core
        // before pass 1 began. A store that fails its checks stops the run at once; pass 1
        // then ends on its own and its result is dropped.
        let shotsPath = shotsPath, quiet = quiet
        let grouping = BackgroundTask { try ShotGroups.scan(path: shotsPath, quiet: quiet) }
        // The digest the ledger's header records, taken on another thread while pass 1 reads
        // the file (each reads it once; a national file is 8 GB, 7 s of hashing).
        let hashing = BackgroundTask { try sha256(ofFile: shotsPath) }
        let store = try PopulationStore.open(storePath, threads: threads)
        // spec: issue 12 finding 3: checksums, then the content hash recomputed from the rows.
        try store.verifyAll(threads: threads)
        let model = try modelPath.map { try MatchModel.load(path: $0) } ?? .standard
        let groups = try grouping.value()
        // spec: issue 12 finding 8: shots.csv is hashed in the pass that parses it. The ledger's
        // header (entry 0, compared on resume) needs a digest before the first batch, so one
        // pass ahead hashes the file for it; the parsing pass hashes what it parses, and every
        // ledger batch after the end of the file, and the final checkpoint, are refused unless
        // the two agree (InputDigestCheck).
        var source = try ShotsFileSource(path: shotsPath, hashingContent: true, groups: groups, partition: partition)
        for warning in source.warnings { writeStderr("vaxlink match: warning: \(terminalEscaped(warning))\n") }
        let shotsHash = try hashing.value()
        let batchSize = self.batchSize ?? Self.automaticBatchSize(rows: groups.rowCount)
        guard (1...Self.maxBatchSize).contains(batchSize) else {
            throw VaxError(.usage, "--batch-size must be from 1 to \(Self.maxBatchSize), got \(batchSize)")
        }
        // The ledger (and the key written beside it) may go into a folder that does not exist yet.
        if let slash = ledgerPath.lastIndex(of: "/"), slash != ledgerPath.startIndex {
            try makeDirectory(String(ledgerPath[..<slash]))
        }
        // spec: issue 12 finding 4: one writer per ledger, from before the key is made or read
        // (two runs starting on a new ledger would each make one) to the last output.
        let lock = try LedgerLock.acquire(ledgerPath: ledgerPath, command: "vaxlink match")
        let (key, publicKeyPath) = try signingKey()
        let header = RunHeader(
            toolVersion: toolVersion, inputs: [.init(name: "shots.csv", sha256: shotsHash)],
            storeContentHash: store.contentHash, modelHash: model.hash(),
            thresholds: ["link": "\(model.linkThreshold)", "idless": "\(model.idlessLinkThreshold)", "margin": "\(model.linkMargin)",
                         "review": "\(model.reviewThreshold)", "fastpath": "\(model.fastPathThreshold)",
                         // spec: issue 12 finding 6: where batches are cut changes a few decisions.
                         RunHeader.batchSizeKey: "\(batchSize)"]
                .merging(partition.count > 1 ? ["partition": partition.description] : [:]) { a, _ in a },
            signerPublicKey: key.publicKey)
        let ledger = try LedgerWriter.open(path: ledgerPath, header: header, signingKey: key, lock: lock)
        if ledger.committedRecords > 0 && !quiet {
            writeStderr("vaxlink match: resuming: the ledger already holds \(ledger.committedRecords) records\n")
        }
        let run = MatchRun(matcher: Matcher(store: store, model: model), outputDirectory: out, threads: threads,
                           batchSize: batchSize)
        run.quiet = quiet
        let check = InputDigestCheck(path: shotsPath, expected: shotsHash) { [source] in source.contentSHA256 }
        let summary = try run.run(source: &source, groups: groups, sink: check.guarding(ledger),
                                  committedRecords: ledger.committedRecords,
                                  rowKeysPath: partition.count > 1 ? out + "/" + PartitionManifest.rowKeysName : nil)
        try check.requireEqual()
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
        let json = try SummaryJSON.write(summary, extra: extra, path: out + "/summary.json")
        if partition.count > 1 {
            // Written last: its presence says the partition finished.
            try PartitionManifest(partition: partition, storeContentHash: store.contentHash, shotsSHA256: shotsHash,
                                  modelHash: model.hash(), publicKey: key.publicKey, ledgerPath: absolutePath(ledgerPath),
                                  decisions: summary.shotsRead, rejected: summary.rejected)
                .write(to: out + "/" + PartitionManifest.fileName)
        }
        var lines = ["decided \(summary.shotsRead) shots (\(summary.rejected) rows rejected) in \(formatFixed(summary.seconds, 2)) s, "
            + "\(formatRate(Double(summary.shotsRead + summary.rejected) / max(summary.seconds, 1e-9))) shots/s on \(threads) threads"]
        for o in Outcome.allCases {
            let n = summary.national[o]
            lines.append("  \(o.name.padding(to: 10)) \(String(n).padding(to: 10)) \(formatFixed(100 * Double(n) / Double(max(summary.shotsRead, 1)), 2)) %")
        }
        lines.append("ledger \(ledgerPath): \(head.treeSize) entries, head \(head.chainHead.hex)")
        lines.append("outputs in \(out)/ (decisions.csv, review.csv, rejects.csv, summary.json, checkpoint); public key \(publicKeyPath)")
        withExtendedLifetime(lock) {}
        return Result(summary: summary, json: json, text: lines.joined(separator: "\n"), head: head, publicKeyPath: publicKeyPath)
    }

    /// The signing key: --key, or LEDGER.key (made with LEDGER.pub when absent). Called
    /// holding the ledger's lock, so two runs cannot both find no key and each make one.
    /// The refusal of a run that names no key and may not keep one beside the ledger.
    static let keyRequired = VaxError(
        .usage, "--key FILE is required: the ledger's signing key, made once with 'vaxlink keygen' and kept apart "
            + "from the ledger (ops/RUNBOOK.md); --demo-key makes or uses LEDGER.key beside the ledger instead, for demos only")

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
        return (try LedgerKeys.writeKeyPair(base: base), base + ".pub")
    }
}
