import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxMatching
import VaxTestSupport
import VaxWorkflows

// spec: cli.md "Partitioned runs on a cluster"; issue 16 "decided together wherever they are".

/// One generated set and store shared by the cases of a test.
private struct PartitionFixture {
    let dir: String
    var store: String { dir + "/store" }
    var shots: String { dir + "/d/shots.csv" }
    var key: String { dir + "/run.key" }

    init(dir: String) throws {
        self.dir = dir
        try Workflow.generate(dir + "/d", citizens: 3000, shots: 2600, seed: 17)
        try Workflow.buildStore(dir + "/d/population.csv", store)
        _ = try LedgerKeys.writeKeyPair(base: dir + "/run")
    }

    /// Runs one match session; returns its output folder.
    @discardableResult
    func match(_ name: String, batch: Int = 1 << 20, threads: Int = 2, partition: ShotPartition = .whole) throws -> String {
        let out = dir + "/" + name
        var session = MatchSession(storePath: store, shotsPath: shots, ledgerPath: out + "/ledger.sqlite", out: out,
                                   threads: threads, keyPath: key, batchSize: batch, quiet: true)
        session.partition = partition
        _ = try session.run()
        return out
    }
}

@Test func decisionsDoNotDependOnBatchSizeOrThreads() throws {
    try withTemporaryDirectory { dir in
        let f = try PartitionFixture(dir: dir)
        try f.match("default")
        for (n, (batch, threads)) in [(1000, 1), (1000, 2), (100_000, 1), (1 << 20, 1), (97, 2)].enumerated() {
            let other = try Workflow.file(try f.match("run\(n)", batch: batch, threads: threads) + "/decisions.csv")
            #expect(other == (try Workflow.file(dir + "/default/decisions.csv")), "batch \(batch), threads \(threads)")
        }
    }
}

@Test func doseRulesSeeDosesInOtherBatches() throws {
    // A batch of one shot: without groups no dose could help another; with them the
    // decisions are those of one batch holding the whole file.
    try withTemporaryDirectory { dir in
        let f = try PartitionFixture(dir: dir)
        let whole = try String(contentsOfFile: try f.match("whole") + "/decisions.csv", encoding: .utf8)
        let ones = try String(contentsOfFile: try f.match("ones", batch: 1, threads: 1) + "/decisions.csv", encoding: .utf8)
        #expect(whole == ones)
        let summary = try String(contentsOfFile: dir + "/ones/summary.json", encoding: .utf8)
        #expect(!summary.contains("\"linked_via_sibling_dose\":0,"), "some dose must be linked through another dose")
    }
}

@Test(arguments: [2, 3, 5])
func sealedPartitionsDecideExactlyWhatASingleRunDecides(count: Int) throws {
    try withTemporaryDirectory { dir in
        let f = try PartitionFixture(dir: dir)
        let single = try f.match("single")
        var folders: [String] = []
        for i in 0..<count {
            folders.append(try f.match("p\(i)", batch: 500 + 100 * i, threads: 1 + i % 2,
                                       partition: ShotPartition(index: i, count: count)))
        }
        let report = try SealRun(out: dir + "/sealed", partFolders: folders.reversed(), keyPath: f.key, threads: 2).run()
        #expect(!report.foundProblem)
        #expect(FileManager.default.fileExists(atPath: dir + "/sealed/provinces.csv"))
        for name in ["decisions.csv", "rejects.csv", "review.csv"] {
            #expect(try Workflow.file(dir + "/sealed/" + name) == (try Workflow.file(single + "/" + name)), "\(name)")
        }
        let verified = try SealVerification.verify(sealPath: dir + "/sealed/seal", publicKeyPath: nil, threads: 2, json: false)
        #expect(!verified.foundProblem, "\(verified.diagnostics)")
    }
}

@Test func sealRefusesAnIncompleteOrInconsistentSetAndVerifyCatchesTampering() throws {
    try withTemporaryDirectory { dir in
        let f = try PartitionFixture(dir: dir)
        let folders = try (0..<3).map { try f.match("p\($0)", partition: ShotPartition(index: $0, count: 3)) }
        func refusal(_ parts: [String]) -> String {
            do {
                _ = try SealRun(out: dir + "/bad", partFolders: parts, keyPath: f.key, threads: 2).run()
                return ""
            } catch { return (error as? VaxError)?.message ?? "\(error)" }
        }
        #expect(refusal([folders[0], folders[2]]).contains("partition 1/3"))
        #expect(refusal([folders[0], folders[1], folders[1], folders[2]]).contains("given twice"))
        // A partition of another split.
        let other = try f.match("q1", partition: ShotPartition(index: 1, count: 2))
        #expect(refusal([folders[0], other, folders[2]]).contains("not 3"))
        // An unfinished partition: no partition file.
        try FileManager.default.moveItem(atPath: folders[1] + "/partition", toPath: dir + "/saved-partition")
        #expect(refusal(folders).contains("has not finished"))
        try FileManager.default.moveItem(atPath: dir + "/saved-partition", toPath: folders[1] + "/partition")
        // Sealed, then a partition ledger replaced by another partition's: verify names it.
        #expect(!(try SealRun(out: dir + "/sealed", partFolders: folders, keyPath: f.key, threads: 2).run().foundProblem))
        try FileManager.default.removeItem(atPath: folders[2] + "/ledger.sqlite")
        try FileManager.default.copyItem(atPath: folders[0] + "/ledger.sqlite", toPath: folders[2] + "/ledger.sqlite")
        let tampered = try SealVerification.verify(sealPath: dir + "/sealed/seal", publicKeyPath: nil, threads: 2, json: false)
        #expect(tampered.foundProblem && tampered.diagnostics.contains("partition 2"), "\(tampered.diagnostics)")
        try FileManager.default.removeItem(atPath: folders[2] + "/ledger.sqlite")
        let missing = try SealVerification.verify(sealPath: dir + "/sealed/seal", publicKeyPath: nil, threads: 2, json: false)
        #expect(missing.foundProblem && missing.diagnostics.contains("missing"))
        // A seal edited by one byte no longer verifies.
        var text = try String(contentsOfFile: dir + "/sealed/seal", encoding: .utf8)
        text = text.replacingOccurrences(of: "partitions 3", with: "partitions 4")
        try text.write(toFile: dir + "/sealed/seal", atomically: true, encoding: .utf8)
        #expect(try SealVerification.verify(sealPath: dir + "/sealed/seal", publicKeyPath: nil, threads: 1, json: false).foundProblem)
    }
}

@Test func aRerunPartitionResumesItsLedger() throws {
    try withTemporaryDirectory { dir in
        let f = try PartitionFixture(dir: dir)
        let p = ShotPartition(index: 1, count: 2)
        let out = try f.match("p1", batch: 400, partition: p)
        let first = try Workflow.file(out + "/decisions.csv")
        try FileManager.default.removeItem(atPath: out + "/partition")
        try FileManager.default.removeItem(atPath: out + "/decisions.csv")
        try f.match("p1", batch: 400, partition: p)
        #expect(try Workflow.file(out + "/decisions.csv") == first)
        #expect(FileManager.default.fileExists(atPath: out + "/partition"))
        // Another partition into the same ledger is refused: the ledger's header names the partition.
        #expect(Workflow.errorKind { try f.match("p1", batch: 400, partition: ShotPartition(index: 0, count: 2)) } != nil)
    }
}

// The scheduler contract: the same variables Slurm and Kubernetes set.
@Test func partitionAutoReadsSlurmAndKubernetesVariables() throws {
    let slurm = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"]
    #expect(try PartitionChoice.resolve("auto", partitions: nil, environment: slurm) == ShotPartition(index: 2, count: 4))
    #expect(try PartitionChoice.resolve("auto", partitions: 4, environment: slurm) == ShotPartition(index: 2, count: 4))
    #expect(Workflow.errorKind { try PartitionChoice.resolve("auto", partitions: 3, environment: slurm) } == .usage)
    #expect(try PartitionChoice.resolve("auto", partitions: 8, environment: ["JOB_COMPLETION_INDEX": "3"])
        == ShotPartition(index: 3, count: 8))
    #expect(Workflow.errorKind { try PartitionChoice.resolve("auto", partitions: nil, environment: ["JOB_COMPLETION_INDEX": "3"]) } == .usage)
    #expect(Workflow.errorKind { try PartitionChoice.resolve("auto", partitions: 2, environment: ["JOB_COMPLETION_INDEX": "2"]) } == .usage)
    #expect(Workflow.errorKind { try PartitionChoice.resolve("auto", partitions: 2, environment: [:]) } == .usage)
    #expect(try PartitionChoice.resolve("1/3", partitions: nil, environment: slurm) == ShotPartition(index: 1, count: 3))
    for bad in ["3/3", "-1/2", "1", "a/b", "1/0"] {
        #expect(Workflow.errorKind { try PartitionChoice.resolve(bad, partitions: nil, environment: [:]) } == .usage, "\(bad)")
    }
}
