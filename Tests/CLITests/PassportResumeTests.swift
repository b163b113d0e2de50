import Foundation
import Testing
import VaxTestSupport

/// `passport issue` killed part-way and run again into the same DIR: the process boundary
/// is the point (VaxWorkflowsTests interrupt the session in-process, and cover lost rows).
///
/// The interruption is the command's test hook VAXLINK_TEST_KILL_BEFORE_PASSPORT_BATCH=N: the
/// process SIGKILLs itself right before the ledger commit of its N-th batch, after that batch's
/// rows were written ahead. That is the worst instant (rows on disk that the ledger does not
/// vouch for), and it is deterministic where a kill at a random time would not be.
@Suite struct PassportResumeTests {
    static let batch = 150
    static let killVariable = "VAXLINK_TEST_KILL_BEFORE_PASSPORT_BATCH"

    /// `passport issue` on `ledger` (with its key beside it) into `out`, batches of `batch`.
    static func issue(
        _ run: PassportFixture, ledger: String, key: (String, String), out: String, killBefore: Int? = nil
    ) throws -> CommandResult {
        try runVaxlink(
            [
                "passport", "issue", "--store", run.store, "--ledger", ledger, "--shots", run.shots, "--key", key.0,
                "--cert", key.1, "--out", out, "--batch-size", "\(batch)", "--quiet", "--json",
            ], environment: killBefore.map { [killVariable: "\($0)"] } ?? [:])
    }

    /// Copies the fixture's finished ledger and its key to `name`.ledger, so that each scenario
    /// starts from the same ledger.
    static func copyLedger(_ run: PassportFixture, to path: String) throws {
        try FileManager.default.copyItem(atPath: run.ledger, toPath: path)
        try FileManager.default.copyItem(atPath: run.ledger + ".key", toPath: path + ".key")
    }

    static func file(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A scenario's start: the fixture, an ES256 key, a copy of the ledger to interrupt, and
    /// the rows an uninterrupted issue on the original ledger writes (into DIR/ref).
    static func scenario(_ dir: String) throws
        -> (run: PassportFixture, key: (String, String), ledger: String, expected: [[String]])
    {
        let run = try PassportFixture(dir: dir)
        let key = try run.makeKey(.es256, name: "es")
        let ledger = dir + "/copy.ledger"
        try copyLedger(run, to: ledger)
        let reference = try issue(run, ledger: run.ledger, key: key, out: dir + "/ref")
        try #require(reference.status == 0, "\(reference.stderr)")
        return (run, key, ledger, try PassportFixture.rows(dir + "/ref/passports.csv"))
    }

    @Test func anInterruptedIssueResumesToWhatAnUninterruptedOneIssues() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportFixture(dir: dir)
            let key = try run.makeKey(.es256, name: "es")
            for name in ["reference", "resumed", "lost"] { try Self.copyLedger(run, to: dir + "/\(name).ledger") }

            // The uninterrupted issue (same key and ledger origin, hence the same UVCIs).
            let reference = try Self.issue(run, ledger: dir + "/reference.ledger", key: key, out: dir + "/ref")
            try #require(reference.status == 0, "\(reference.stderr)")
            let expected = try PassportFixture.rows(dir + "/ref/passports.csv")
            try #require(expected.count > 6 * Self.batch)

            // Killed before the commit of batch 3: batches 1-2 in the ledger, 3 rows only on disk.
            let ledger = dir + "/resumed.ledger"
            let out = dir + "/p"
            let first = try Self.issue(run, ledger: ledger, key: key, out: out, killBefore: 3)
            #expect(first.status == SIGKILL, "\(first.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/passports.csv"))
            #expect(try PassportFixture.rows(out + "/passports.csv.partial").count == 3 * Self.batch)
            #expect(try runVaxlink(["ledger", "verify", ledger]).status == 0)

            // Resumed and killed again before its own second commit, then resumed to the end.
            let second = try Self.issue(run, ledger: ledger, key: key, out: out, killBefore: 2)
            #expect(second.status == SIGKILL, "\(second.stderr)")
            #expect(try PassportFixture.rows(out + "/passports.csv.partial").count == 4 * Self.batch)
            let third = try Self.issue(run, ledger: ledger, key: key, out: out)
            try #require(third.status == 0, "\(third.stderr)")
            // Batches 1, 2 and the second run's first were kept; the second run's second dropped.
            #expect(third.stdout.contains("\"recovered\": \(3 * Self.batch),"), "\(third.stdout)")
            #expect(third.stdout.contains("\"dropped\": \(Self.batch),") && third.stdout.contains("\"lost\": 0,"))
            #expect(third.stdout.contains("\"issued\": \(expected.count),"))

            // The same citizens and UVCIs as the uninterrupted issue, each once, in citizen order,
            // and the same skipped file byte for byte.
            let rows = try PassportFixture.rows(out + "/passports.csv")
            #expect(rows.map { $0[0] } == expected.map { $0[0] })
            #expect(rows.map { $0[1] } == expected.map { $0[1] })
            #expect(try Self.file(out + "/skipped.csv") == Self.file(dir + "/ref/skipped.csv"))
            for leftover in ["passports.csv.partial", "passports.csv.start", "lost.csv"] {
                #expect(!FileManager.default.fileExists(atPath: out + "/" + leftover), "\(leftover)")
            }
            // Every certificate verifies; the ledger verifies against the checkpoint written last.
            let verify = try runVaxlink(["passport", "verify", "--file", out + "/passports.csv", "--cert", key.1])
            #expect(verify.status == 0, "\(verify.stderr.prefix(2000))")
            let ledgerVerify = try runVaxlink(["ledger", "verify", ledger, "--checkpoint", out + "/checkpoint"])
            #expect(ledgerVerify.status == 0, "\(ledgerVerify.stderr)")
            // The ledger records exactly the citizens of passports.csv: a fresh issue from it
            // finds every one of them, and nobody else, already issued.
            let again = try Self.issue(run, ledger: ledger, key: key, out: dir + "/again")
            try #require(again.status == 0, "\(again.stderr)")
            #expect(try PassportFixture.rows(dir + "/again/passports.csv").isEmpty)
            let already = try PassportFixture.rows(dir + "/again/skipped.csv").filter {
                $0[1].hasPrefix("already_issued:")
            }
            #expect(already.map { $0[0] } == rows.map { $0[0] })
            // A finished DIR is never resumed or overwritten.
            #expect(try Self.issue(run, ledger: ledger, key: key, out: out).status == 2)
        }
    }

    @Test func killedAtRandomInstantsItStillIssuesEveryoneOnce() throws {
        try withTemporaryDirectory { dir in
            let (run, key, ledger, expected) = try Self.scenario(dir)

            // SIGKILL at random instants (mid-row, mid-recovery, between commits...), then finish.
            // Small batches make many commits, each an fsync, so that most kills land mid-issue.
            let out = dir + "/p"
            var random = makeTestRandom(seed: 0x9A55)
            var kept: [Int] = []
            for _ in 0..<4 where !FileManager.default.fileExists(atPath: out + "/passports.csv") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: vaxlinkBinaryPath())
                process.arguments = [
                    "passport", "issue", "--store", run.store, "--ledger", ledger, "--shots", run.shots, "--key",
                    key.0, "--cert", key.1, "--out", out, "--batch-size", "10", "--threads", "1", "--quiet",
                ]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                Thread.sleep(forTimeInterval: 0.05 + 0.4 * random.unit())
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                if process.terminationReason == .uncaughtSignal {
                    kept.append((try? PassportFixture.rows(out + "/passports.csv.partial").count) ?? 0)
                }
            }
            print("passport resume: rows in the partial file after each SIGKILL: \(kept)")
            if !FileManager.default.fileExists(atPath: out + "/passports.csv") {
                let last = try Self.issue(run, ledger: ledger, key: key, out: out)
                try #require(last.status == 0, "\(last.stderr)")
                #expect(last.stdout.contains("\"lost\": 0,"))
            }
            let rows = try PassportFixture.rows(out + "/passports.csv")
            #expect(rows.map { $0[0] } == expected.map { $0[0] })
            #expect(rows.map { $0[1] } == expected.map { $0[1] })
            #expect(try Self.file(out + "/skipped.csv") == Self.file(dir + "/ref/skipped.csv"))
            let verify = try runVaxlink(["passport", "verify", "--file", out + "/passports.csv", "--cert", key.1])
            #expect(verify.status == 0, "\(verify.stderr.prefix(2000))")
            #expect(try runVaxlink(["ledger", "verify", ledger, "--checkpoint", out + "/checkpoint"]).status == 0)
            #expect(!kept.isEmpty, "no kill landed while the issue was running: make it longer")
        }
    }
}
