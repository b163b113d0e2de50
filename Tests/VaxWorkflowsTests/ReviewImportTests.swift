import Foundation
import Testing
import VaxCore
import VaxInterchange
import VaxLedger
import VaxTestSupport
import VaxWorkflows

/// `review import` on a real small run whose model sends almost every shot to review.
// spec: cli.md "Review at the vaccination site"
@Suite struct ReviewImportTests {
    private func withRun(_ body: (String, [ReviewCaseRow]) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 600, shots: 150, seed: 5)
            try Workflow.buildStore(dir + "/d/population.csv", dir + "/store")
            _ = try ModelFiles.writeDefault(out: dir + "/model")
            var model = try String(contentsOfFile: dir + "/model", encoding: .utf8)
            let line = try #require(model.split(separator: "\n").first { $0.hasPrefix("thresholds ") })
            model = model.replacingOccurrences(
                of: line, with: "thresholds link=100.0 idless=100.0 margin=6.0 review=-6.0 fastpath=200.0")
            try model.write(toFile: dir + "/model", atomically: true, encoding: .utf8)
            _ = try MatchSession(storePath: dir + "/store", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/run/l.sqlite",
                                 out: dir + "/run", threads: 2, modelPath: dir + "/model", quiet: true).run()
            let cases = try ReviewCasesReader.read(path: dir + "/run/review.csv")
            try #require(cases.count >= 4)
            try body(dir, cases)
        }
    }

    private func write(_ path: String, _ rows: [String]) throws {
        try (["shot_id,decision,citizen_id,reason,reviewer,decided_at"] + rows + [""]).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func goodRowsAreImportedOnceBadRowsRejectedConflictsRefused() throws {
        try withRun { dir, cases in
            let t = "2022-04-20T09:15:00+07:00"
            let file = dir + "/r1.csv"
            try write(file, [
                "\(cases[0].shotID),link,\(cases[0].candidates[0].citizenID),,nurse-07,\(t)",
                "\(cases[1].shotID),not_registered,,not_in_register: asked,nurse-07,\(t)",
                "\(cases[2].shotID),defer,,ask_citizen: call,nurse-07,\(t)",
                "\(cases[3].shotID),link,009999999999,,nurse-07,\(t)",  // no such citizen
                "NOSUCHSHOT,not_registered,,not_in_register: x,nurse-07,\(t)",
                "\(cases[3].shotID),maybe,,,nurse-07,\(t)",
            ])
            let ledger = dir + "/run/l.sqlite"
            let first = try ReviewImport(ledgerPath: ledger, storePath: dir + "/store", decisionFiles: [file]).run()
            #expect(first.imported == 3)
            #expect(first.rejected.map(\.issue.code).sorted() == ["bad_decision", "unknown_citizen", "unknown_shot"])
            #expect(first.rejected.map(\.issue.line).sorted() == [5, 6, 7])
            #expect(try LedgerVerifier.verify(path: ledger).failure == nil)
            let records = try LedgerReader(path: ledger).reviewRecords().map(\.record)
            #expect(records.map(\.choice) == [.link, .notRegistered, .deferred])
            #expect(records[0].outcome.isLink && records[1].outcome == .unmatched && records[2].outcome == .review)
            #expect(records.allSatisfy { $0.reviewer == "nurse-07" && $0.decidedAt == t })

            // The same file again changes nothing.
            let size = try FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int
            let again = try ReviewImport(ledgerPath: ledger, storePath: dir + "/store", decisionFiles: [file]).run()
            #expect(again.imported == 0 && again.alreadyImported == 3)
            #expect(try LedgerReader(path: ledger).reviewRecords().count == 3)
            #expect(try FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int == size)

            // A different decision for a settled shot refuses the import, naming both.
            let other = dir + "/r2.csv"
            try write(other, [
                "\(cases[2].shotID),not_registered,,not_in_register: no,nurse-09,2022-04-21T10:00:00+07:00",
                "\(cases[0].shotID),not_registered,,not_in_register: no,nurse-09,2022-04-21T10:00:00+07:00",
            ])
            do {
                _ = try ReviewImport(ledgerPath: ledger, storePath: dir + "/store", decisionFiles: [other]).run()
                Issue.record("a conflicting decision was imported")
            } catch let error as VaxError {
                #expect(error.kind == .badInput)
                #expect(error.message.contains("nurse-09") && error.message.contains("nurse-07"))
                #expect(error.message.contains(cases[0].shotID) && !error.message.contains("\(cases[2].shotID) not_registered by nurse-09 at 2022-04-21T10:00:00+07:00 conflicts"))
            }
            #expect(try LedgerReader(path: ledger).reviewRecords().count == 3, "nothing imported from a refused file")
        }
    }
}
