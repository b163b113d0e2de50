import Foundation
public import VaxCore
import VaxCrypto
import VaxLedger
import VaxMatching
import VaxReport

/// `vaxlink seal`: checks that N partition folders are one run, merges their outputs into
/// the single run's files and writes RUN/seal, a signed note committing to every
/// partition's checkpoint (docs/ledger-format.md "Seal").
// spec: cli.md "Partitioned runs on a cluster"
public struct SealRun {
    /// The folder for the merged run.
    public var out: String
    /// The partition folders (`match --partition I/N --out DIR`), in any order.
    public var partFolders: [String]
    /// The Ed25519 private key that signed the partitions' checkpoints; nil is the key
    /// beside partition 0's ledger (LEDGER.key).
    public var keyPath: String?
    /// Threads for verifying the partition ledgers.
    public var threads: Int

    public init(out: String, partFolders: [String], keyPath: String? = nil, threads: Int = processorCount) {
        self.out = out
        self.partFolders = partFolders
        self.keyPath = keyPath
        self.threads = threads
    }

    /// Seals the run.
    /// - Returns: the report: files written, partitions and entries sealed.
    /// - Throws: `VaxError(.problem)` naming the partition folder and the reason when the
    ///   set is incomplete or inconsistent or a ledger does not verify; `.badInput` for a
    ///   missing or wrong key; `.environment` for I/O faults.
    /// - Complexity: O(total output size + ledger entries / threads).
    public func run() throws -> WorkflowReport {
        guard !partFolders.isEmpty else { throw VaxError(.usage, "seal needs at least one partition folder") }
        // 1. One run: every folder finished, same N, store, shots, model and key, 0..N-1 once each.
        var manifests: [(folder: String, manifest: PartitionManifest)] = []
        for folder in partFolders { manifests.append((folder, try PartitionManifest.read(folder: folder))) }
        let first = manifests[0].manifest
        let n = first.partition.count
        var byIndex = [(folder: String, manifest: PartitionManifest)?](repeating: nil, count: n)
        for (folder, m) in manifests {
            func refuse(_ why: String) -> VaxError { VaxError(.problem, "partition \(m.partition) (\(folder)): \(why)") }
            guard m.partition.count == n else { throw refuse("it is one of \(m.partition.count) partitions, not \(n)") }
            guard m.storeContentHash == first.storeContentHash else { throw refuse("another store than partition \(first.partition)'s") }
            guard m.shotsSHA256 == first.shotsSHA256 else { throw refuse("other shots than partition \(first.partition)'s") }
            guard m.modelHash == first.modelHash else { throw refuse("another model than partition \(first.partition)'s") }
            guard m.publicKey == first.publicKey else { throw refuse("signed by another key than partition \(first.partition)") }
            if let other = byIndex[m.partition.index] { throw refuse("given twice (also \(other.folder))") }
            byIndex[m.partition.index] = (folder, m)
        }
        if let missing = byIndex.firstIndex(where: { $0 == nil }) {
            throw VaxError(.problem, "partition \(missing)/\(n): missing: no folder given holds it")
        }
        let parts = byIndex.map { $0! }
        let key = try signingKey(parts[0].manifest)
        guard key.publicKey == first.publicKey else {
            throw VaxError(.badInput, "the seal key is not the key that signed the partitions' checkpoints")
        }
        // 2. Every partition ledger verifies against its own checkpoint, in parallel.
        let checkpoints = try parts.map { try readTextFile($0.folder + "/checkpoint", what: "checkpoint") }
        let failures = SealVerification.verifyLedgers(
            parts.indices.map { (parts[$0].manifest.ledgerPath, checkpoints[$0]) }, key: first.publicKey, threads: threads)
        for (i, failure) in failures.enumerated() {
            if let failure { throw VaxError(.problem, "partition \(i)/\(n) (\(parts[i].folder)): \(failure)") }
        }
        // 3. Merge the outputs.
        try makeDirectory(out)
        var inputs: [RowMerge.Input] = []
        for (folder, m) in parts {
            let keys = try RowMerge.readKeys(path: folder + "/" + PartitionManifest.rowKeysName)
            guard keys.count == m.decisions else {
                throw VaxError(.problem, "partition \(m.partition) (\(folder)): \(keys.count) row keys for \(m.decisions) decisions")
            }
            inputs.append(RowMerge.Input(path: folder + "/decisions.csv", keys: keys))
        }
        try RowMerge.merge(inputs, into: out + "/decisions.csv")
        try RowMerge.merge(try parts.map { RowMerge.Input(path: $0.folder + "/rejects.csv", keys: try SealMerge.rejectLines($0.folder + "/rejects.csv")) },
                           into: out + "/rejects.csv")
        try SealMerge.mergeReview(parts.map { $0.folder + "/review.csv" }, into: out + "/review.csv")
        var summary = MatchSummary()
        for (folder, _) in parts { try SealMerge.add(summaryAt: folder + "/summary.json", to: &summary) }
        // 4. The seal.
        var sealParts: [Seal.Part] = []
        try makeDirectory(out + "/checkpoints")
        for (i, (folder, m)) in parts.enumerated() {
            let checkpoint = try Checkpoint(text: checkpoints[i], key: first.publicKey)
            let copy = try OutputFile(path: out + "/checkpoints/\(i)")
            try copy.write(checkpoints[i])
            try copy.commit()
            _ = folder
            sealParts.append(Seal.Part(index: i, treeSize: checkpoint.treeSize, root: checkpoint.root,
                                       checkpointSHA256: SHA256.hash(Array(checkpoints[i].utf8)), ledgerPath: m.ledgerPath))
        }
        let seal = Seal(store: first.storeContentHash, shots: first.shotsSHA256, model: first.modelHash,
                        decisions: try sha256(ofFile: out + "/decisions.csv"), review: try sha256(ofFile: out + "/review.csv"),
                        rejects: try sha256(ofFile: out + "/rejects.csv"), parts: sealParts)
        let sealText = seal.signed(by: key)
        let sealFile = try OutputFile(path: out + "/seal")
        try sealFile.write(sealText)
        try sealFile.commit()
        let pub = try OutputFile(path: out + "/seal.pub", mode: FileMode.shared)
        try pub.write(key.publicKey.pem)
        try pub.commit()
        let entries = sealParts.reduce(0) { $0 + $1.treeSize }
        let extra: [(String, JSONText)] = [
            ("store_content_hash", .string(first.storeContentHash.hex)), ("model_hash", .string(first.modelHash.hex)),
            ("shots_sha256", .string(first.shotsSHA256.hex)), ("partitions", .int(n)),
            ("seal", .object([("path", .string(out + "/seal")), ("entries", .int(entries)),
                              ("public_key", .string(out + "/seal.pub"))])),
        ]
        try SummaryJSON.write(summary, extra: extra, path: out + "/summary.json")
        try ProvincesCSV.write(summary, path: out + "/provinces.csv")
        let page = ReportPage.render(summary, context: ReportContext(
            title: "COVID-19 vaccination records cleansing: report (\(n) partitions, sealed)",
            ledgerPath: parts.map(\.manifest.ledgerPath).joined(separator: ", "), ledgerEntries: entries,
            chainHead: SHA256.hash(Array(sealText.utf8)).hex, checkpointPath: out + "/seal", checkpointText: sealText,
            publicKeyPath: out + "/seal.pub", verified: true, stages: []), language: .en)
        let html = try OutputFile(path: out + "/report.html")
        try html.write(page)
        try html.commit()
        return WorkflowReport(output: "sealed \(n) partitions: \(summary.shotsRead) decisions, \(summary.rejected) rejects, "
            + "\(entries) ledger entries\nseal \(out)/seal (public key \(out)/seal.pub)\n"
            + "outputs in \(out)/ (decisions.csv, review.csv, rejects.csv, provinces.csv, summary.json, report.html)")
    }

    private func signingKey(_ first: PartitionManifest) throws -> Ed25519PrivateKey {
        let path = keyPath ?? first.ledgerPath + ".key"
        return try Ed25519PrivateKey(contentsOf: path)
    }
}
