import Foundation
import Testing
import VaxCore
import VaxTestSupport
import VaxWorkflows

/// `PassportIssueSession` interrupted part-way and run again into the same DIR: the journal
/// (rows written ahead of their ledger batch) and the recovery that keeps exactly the rows
/// the ledger vouches for.
///
/// The interruption is the session's `beforeLedgerCommit` hook throwing right before the
/// ledger commit of batch N, after that batch's rows were written and synced: the worst
/// instant, deterministic. (CLITests kill the real process at that instant and at random ones.)
@Suite struct PassportResumeTests {
    static let batch = 150

    struct Interrupted: Error {}

    /// A session on `ledger` into `out` in batches of `batch`, interrupted before batch `stopBefore`.
    static func session(_ run: PassportRun, ledger: String, key: (String, String), out: String,
                        stopBefore: Int? = nil) -> PassportIssueSession {
        var session = run.session(key: key, out: out, ledger: ledger)
        session.batchSize = batch
        if let stopBefore { session.beforeLedgerCommit = { if $0 == stopBefore { throw Interrupted() } } }
        return session
    }

    /// Runs `session`, which must stop at its hook.
    static func interrupt(_ session: PassportIssueSession) {
        #expect(throws: Interrupted.self) { try session.run() }
    }

    @Test func anInterruptedIssueResumesToWhatAnUninterruptedOneIssues() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let key = try run.makeKey(.es256, name: "es")
            try run.copyLedger(to: dir + "/resumed.ledger")
            // The uninterrupted issue (same key and ledger origin, hence the same UVCIs).
            _ = try Self.session(run, ledger: run.ledger, key: key, out: dir + "/ref").run()
            let expected = try Workflow.rows(dir + "/ref/passports.csv")
            try #require(expected.count > 6 * Self.batch)

            // Stopped before the commit of batch 3: batches 1-2 in the ledger, 3 rows only on disk.
            let ledger = dir + "/resumed.ledger"
            let out = dir + "/p"
            Self.interrupt(Self.session(run, ledger: ledger, key: key, out: out, stopBefore: 3))
            #expect(!FileManager.default.fileExists(atPath: out + "/passports.csv"))
            #expect(try Workflow.rows(out + "/passports.csv.partial").count == 3 * Self.batch)
            #expect(FileManager.default.fileExists(atPath: out + "/passports.csv.start"))
            #expect(try !LedgerAudit.verify(path: ledger, publicKeyPath: nil, checkpointPath: nil, threads: 2,
                                             json: false).foundProblem)

            // Resumed and stopped again before its own second commit, then resumed to the end.
            Self.interrupt(Self.session(run, ledger: ledger, key: key, out: out, stopBefore: 2))
            #expect(try Workflow.rows(out + "/passports.csv.partial").count == 4 * Self.batch)
            let third = try Self.session(run, ledger: ledger, key: key, out: out).run()
            // Batches 1, 2 and the second run's first were kept; the second run's second dropped.
            #expect(third.recovered == 3 * Self.batch && third.dropped == Self.batch && third.lost == 0)
            #expect(third.issued == expected.count)

            // The same citizens and UVCIs as the uninterrupted issue, each once, in citizen order,
            // and the same skipped file byte for byte.
            let rows = try Workflow.rows(out + "/passports.csv")
            #expect(rows.map { $0[0] } == expected.map { $0[0] })
            #expect(rows.map { $0[1] } == expected.map { $0[1] })
            #expect(try Workflow.file(out + "/skipped.csv") == Workflow.file(dir + "/ref/skipped.csv"))
            for leftover in ["passports.csv.partial", "passports.csv.start", "lost.csv"] {
                #expect(!FileManager.default.fileExists(atPath: out + "/" + leftover), "\(leftover)")
            }
            let verify = try PassportVerification.verify(texts: [], filePath: out + "/passports.csv",
                                                         certificatePaths: [key.1], timeText: nil, json: false)
            #expect(!verify.foundProblem, "\(verify.diagnostics.prefix(2000))")
            #expect(try !LedgerAudit.verify(path: ledger, publicKeyPath: nil, checkpointPath: out + "/checkpoint",
                                             threads: 2, json: false).foundProblem)
            // The ledger records exactly the citizens of passports.csv: a fresh issue from it
            // finds every one of them, and nobody else, already issued.
            _ = try Self.session(run, ledger: ledger, key: key, out: dir + "/again").run()
            #expect(try Workflow.rows(dir + "/again/passports.csv").isEmpty)
            let already = try Workflow.rows(dir + "/again/skipped.csv").filter { $0[1].hasPrefix("already_issued:") }
            #expect(already.map { $0[0] } == rows.map { $0[0] })
            // A finished DIR is never resumed or overwritten.
            #expect(Workflow.errorKind { try Self.session(run, ledger: ledger, key: key, out: out).run() } == .usage)
        }
    }

    @Test func passportsWhoseRowsAreGoneAreReportedNotDropped() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let key = try run.makeKey(.es256, name: "es")
            let ledger = dir + "/copy.ledger"
            try run.copyLedger(to: ledger)
            _ = try Self.session(run, ledger: run.ledger, key: key, out: dir + "/ref").run()
            let expected = try Workflow.rows(dir + "/ref/passports.csv")

            let out = dir + "/p"
            Self.interrupt(Self.session(run, ledger: ledger, key: key, out: out, stopBefore: 3))
            // The impossible case with write-ahead: the rows of committed batches are gone.
            try FileManager.default.removeItem(atPath: out + "/passports.csv.partial")
            // Another signer may not continue this DIR.
            let other = try run.makeKey(.es256, name: "other")
            #expect(Workflow.errorKind { try Self.session(run, ledger: ledger, key: other, out: out).run() } == .usage)

            let resumed = try Self.session(run, ledger: ledger, key: key, out: out).issue(json: true)
            #expect(resumed.foundProblem)
            #expect(resumed.diagnostics.contains("lost.csv"), "\(resumed.diagnostics)")
            #expect(resumed.output?.contains("\"lost\": \(2 * Self.batch),") == true, "\(resumed.output ?? "")")
            let lost = try Workflow.rows(out + "/lost.csv")
            let rows = try Workflow.rows(out + "/passports.csv")
            // The first two batches are lost (listed with their UVCIs), everyone else issued;
            // none of them is passed off as already_issued.
            #expect(lost.map { $0[0] } == expected.prefix(2 * Self.batch).map { $0[0] })
            #expect(lost.map { $0[1] } == expected.prefix(2 * Self.batch).map { $0[1] })
            #expect(rows.map { $0[0] } == expected.dropFirst(2 * Self.batch).map { $0[0] })
            #expect(try Workflow.file(out + "/skipped.csv") == Workflow.file(dir + "/ref/skipped.csv"))
            #expect(try !LedgerAudit.verify(path: ledger, publicKeyPath: nil, checkpointPath: out + "/checkpoint",
                                             threads: 2, json: false).foundProblem)
        }
    }
}
