import Foundation
import Testing
import VaxCore
import VaxTestSupport
import VaxWorkflows

/// `PassportEvaluation`: passports scored against the answer key.
@Suite struct PassportEvaluationTests {
    // spec: issue 14 "Zero wrong-person passports on the generator's answer key".
    @Test func countsPassportsRestingOnAnotherPersonsDose() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            _ = try run.session(key: try run.makeKey(.es256, name: "es"), out: dir + "/p").run()
            let passports = dir + "/p/passports.csv"
            let hoa = try #require(try Workflow.rows(passports).first { $0[0] == PassportRun.hoa })
            let truth = try String(contentsOfFile: dir + "/d/truth.csv", encoding: .utf8)
            // The hand-made shots' owners, as the fixture describes them.
            let owners = "SX1,001090000002,\nSX2,002185000003,\nSX3,002185000003,\nSX4,001090000001,\n"
                + "SX5,004070000004,\nSX6,006321000005,\n"
            try (truth + owners).write(toFile: dir + "/t1.csv", atomically: true, encoding: .utf8)
            let right = try PassportEvaluation.evaluate(passportsPath: passports, ledgerPath: run.ledger,
                                                        truthPath: dir + "/t1.csv")
            #expect(right.passports == (try Workflow.rows(passports)).count)
            #expect(!right.examples.contains(hoa[1]))

            // Hoa's second dose really belongs to someone else; a third dose of hers was never linked.
            let swapped = owners.replacingOccurrences(of: "SX3,002185000003", with: "SX3,001090000002")
                + "SX9,002185000003,\n"
            try (truth + swapped).write(toFile: dir + "/t2.csv", atomically: true, encoding: .utf8)
            let wrong = try PassportEvaluation.evaluate(passportsPath: passports, ledgerPath: run.ledger,
                                                        truthPath: dir + "/t2.csv")
            #expect(wrong.wrongPerson == right.wrongPerson + 1 && wrong.wrongDoses == right.wrongDoses + 1)
            #expect(wrong.examples.contains(hoa[1]))
            #expect(wrong.incomplete == right.incomplete + 1)
            let report = try PassportEvaluation.report(passportsPath: passports, ledgerPath: run.ledger,
                                                       truthPath: dir + "/t2.csv", json: true)
            #expect(report.foundProblem && report.output?.contains("\"wrong_person\": \(wrong.wrongPerson)") == true)
        }
    }
}
