import Foundation
import Testing
import VaxCore
import VaxStorage
import VaxTestSupport
import VaxWorkflows

/// The match session called directly: store, model, key and ledger wiring, outputs, resume.
@Suite struct MatchSessionTests {
    @Test func matchesLedgersAndResumesWithoutAppendingTwice() throws {
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 3000, shots: 2400, seed: 3)
            let build = try Workflow.buildStore(dir + "/d/population.csv", dir + "/store")
            #expect(build.output?.contains("3000 citizens") == true)
            let info = try StoreInspection.info(path: dir + "/store", json: true)
            #expect(info.output?.contains("\"rows\" : 3000") == true)

            func session(_ out: String) -> MatchSession {
                MatchSession(storePath: dir + "/store", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/run.ledger",
                             out: dir + "/" + out, threads: 2, batchSize: 700, quiet: true)
            }
            let result = try session("out").run()
            for file in ["decisions.csv", "review.csv", "rejects.csv", "summary.json", "checkpoint"] {
                #expect(FileManager.default.fileExists(atPath: dir + "/out/" + file), "\(file)")
            }
            #expect(result.publicKeyPath == dir + "/run.ledger.pub")
            #expect(try String(contentsOfFile: dir + "/out/summary.json", encoding: .utf8) == result.json + "\n")
            #expect(result.json.contains("\"\(result.head.chainHead.hex)\""))
            // Every shot read appears exactly once in decisions.csv, in input order.
            let shots = try String(contentsOfFile: dir + "/d/shots.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            let decisions = try String(contentsOfFile: dir + "/out/decisions.csv", encoding: .utf8).split(separator: "\n")
                .dropFirst()
            #expect(decisions.count == shots.count)
            #expect(result.summary.shotsRead == shots.count)
            #expect(decisions.map { $0.split(separator: ",")[0] } == shots.map { $0.split(separator: ",")[0] })

            let verify = try LedgerAudit.verify(path: dir + "/run.ledger", publicKeyPath: dir + "/run.ledger.pub",
                                                checkpointPath: dir + "/out/checkpoint", threads: 2, json: false)
            #expect(!verify.foundProblem, "\(verify.diagnostics)")
            #expect(verify.output?.contains("chain head \(result.head.chainHead.hex)") == true)

            // The ledger alone rebuilds decisions.csv byte for byte.
            let export = try LedgerAudit.export(path: dir + "/run.ledger", out: dir + "/exported.csv")
            #expect(export.output == "wrote \(shots.count) decisions to \(dir)/exported.csv")
            #expect(try Workflow.file(dir + "/exported.csv") == Workflow.file(dir + "/out/decisions.csv"))

            // Running the same session again resumes: nothing is appended twice.
            let again = try session("out2").run()
            #expect(again.head.treeSize == result.head.treeSize && again.head.chainHead == result.head.chainHead)
            #expect(try Workflow.file(dir + "/out2/decisions.csv") == Workflow.file(dir + "/out/decisions.csv"))
            let reverify = try LedgerAudit.verify(path: dir + "/run.ledger", publicKeyPath: nil, checkpointPath: nil,
                                                  threads: 1, json: true)
            #expect(!reverify.foundProblem && reverify.output?.hasPrefix("{\"valid\":true,") == true)
        }
    }

    @Test func theBatchSizeComesFromTheFileAndAResumeCutsTheSame() throws {
        #expect(MatchSession.automaticBatchSize(rows: 0) == 65_536)
        #expect(MatchSession.automaticBatchSize(rows: 800_000) == 100_000)
        #expect(MatchSession.automaticBatchSize(rows: 80_000_000) == 1_048_576)
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 2000, shots: 1600, seed: 4)
            try Workflow.buildStore(dir + "/d/population.csv", dir + "/s")
            func session(_ out: String, batchSize: Int? = nil) -> MatchSession {
                MatchSession(storePath: dir + "/s", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/l",
                             out: dir + "/" + out, threads: 2, batchSize: batchSize, quiet: true)
            }
            let first = try session("o1").run()
            // Started again without a size, it computes the same one and resumes.
            let again = try session("o2").run()
            #expect(again.head.treeSize == first.head.treeSize && again.head.chainHead == first.head.chainHead)
            // Another size would cut other batches: refused, naming both.
            let refusal = #expect(throws: VaxError.self) { try session("o3", batchSize: 700).run() }
            #expect(refusal?.message.contains("batch size (700 now, 65536 recorded)") == true, "\(String(describing: refusal))")
        }
    }

    @Test func decisionsDoNotDependOnThreads() throws {
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 2000, shots: 1600, seed: 9)
            try Workflow.buildStore(dir + "/d/population.csv", dir + "/s")
            for t in [1, 2] {
                _ = try MatchSession(storePath: dir + "/s", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/l\(t)",
                                     out: dir + "/o\(t)", threads: t, quiet: true).run()
            }
            #expect(try Workflow.file(dir + "/o1/decisions.csv") == Workflow.file(dir + "/o2/decisions.csv"))
        }
    }

    @Test func aRegisterWithBadRowsIsNotBuiltAndItsRejectsAreListed() throws {
        try withTemporaryDirectory { dir in
            try """
                citizen_id,legacy_id,full_name,birth_date,sex,province_code
                001090000001,,Nguyễn Văn An,1990-01-02,M,01
                001090000002,,Trần Thị Bình,1990-13-02,F,01
                001090000003,,Lê Văn Cường,1990-03-04,X,01

                """.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
            let report = try StoreBuild.run(population: dir + "/p.csv", out: dir + "/s", shards: 1, threads: 1, quiet: true)
            #expect(report.foundProblem && report.output == nil)
            #expect(report.diagnostics.contains("p.csv:3:") && report.diagnostics.contains("p.csv:4:"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
            #expect(try Workflow.rows(dir + "/s.rejects.csv").count == 2)
        }
    }

    /// A store whose folder does not exist yet is built into it (made before the register is
    /// read: `ops/bench-national.sh` read 100 M citizens for a minute and then found
    /// `run/` missing, exit 2).
    @Test func aStoreIsBuiltIntoAFolderThatDoesNotExistYet() throws {
        try withTemporaryDirectory { dir in
            try """
                citizen_id,legacy_id,full_name,birth_date,sex,province_code
                001090000001,,Nguyễn Văn An,1990-01-02,M,01

                """.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
            let report = try StoreBuild.run(population: dir + "/p.csv", out: dir + "/new/run/store", shards: 1, threads: 1,
                                            quiet: true)
            #expect(!report.foundProblem)
            #expect(try PopulationStore.open(dir + "/new/run/store").rowCount == 1)
        }
    }
}
