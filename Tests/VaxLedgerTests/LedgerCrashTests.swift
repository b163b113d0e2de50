import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: issue 5 "Durability and resume". A child process (this test binary, running only
// `appendingChild`) appends batches and is killed with SIGKILL at random instants; each
// restart resumes, and the final ledger equals an uninterrupted one byte for byte in its
// head (Ed25519 signatures are deterministic). The SIGKILL test of a real `vaxlink match`
// belongs with the matcher.
@Suite struct LedgerCrashTests {
    static let childVariable = "VAX_LEDGER_CRASH_CHILD"
    static let records = 3000
    static let batchSize = 10  // many small commits: each costs an fsync, so the child runs long enough to be hit

    /// The child's work; skipped unless the parent test launched this process.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func appendingChild() throws {
        let path = ProcessInfo.processInfo.environment[Self.childVariable]!
        try writeFixtureLedger(path: path, records: Self.records, batchSize: Self.batchSize, finish: false)
    }

    @Test func resumesAfterSIGKILLAtRandomInstants() throws {
        try withTemporaryDirectory { dir in
            let reference = dir + "/reference.ledger"
            let crashed = dir + "/crashed.ledger"
            let expected = try writeFixtureLedger(path: reference, records: Self.records, batchSize: Self.batchSize)
            var random = makeTestRandom(seed: 0xC0FFEE)
            var kills = 0
            var progress: [Int] = []
            // Up to 12 rounds, until 3 kills landed mid-run (the timing of a debug child varies).
            for round in 0..<12 where kills < 3 {
                let child = Process()
                child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                child.arguments = ["--testing-library", "swift-testing", "--filter", "appendingChild"]
                child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: crashed]) { $1 }
                child.standardOutput = FileHandle.nullDevice
                child.standardError = FileHandle.nullDevice
                try child.run()
                // Wait for the child to start writing, then let it run a random while.
                let startedAt =
                    FileManager.default.fileExists(atPath: crashed)
                    ? (try? LedgerReader(path: crashed).database.scalarInt("SELECT count(*) FROM entry")) ?? 0 : 0
                for _ in 0..<2000 where child.isRunning {
                    let now =
                        FileManager.default.fileExists(atPath: crashed + "-wal")
                        ? (try? LedgerReader(path: crashed).database.scalarInt("SELECT count(*) FROM entry")) ?? 0 : 0
                    if now > startedAt { break }
                    usleep(2_000)
                }
                usleep(UInt32(random.next() % 80_000))
                if child.isRunning {
                    kill(child.processIdentifier, SIGKILL)
                    kills += 1
                }
                child.waitUntilExit()
                guard FileManager.default.fileExists(atPath: crashed) else { continue }
                // An auditor may verify the crashed file as it is, before any resume (read-only,
                // with the dead writer's WAL still beside it).
                let before = try LedgerVerifier.verify(path: crashed)
                #expect(before.isValid, "round \(round), before resume: \(before.failure!)")
                // Reopening recovers the WAL; whatever was committed is a whole number of batches.
                let writer = try LedgerWriter.open(path: crashed, header: fixtureHeader(), signingKey: fixtureKey)
                #expect(
                    writer.committedRecords % Self.batchSize == 0 || writer.committedRecords == Self.records,
                    "round \(round): \(writer.committedRecords) records")
                progress.append(writer.committedRecords)
                let report = try LedgerVerifier.verify(path: crashed)
                #expect(report.isValid, "round \(round): \(report.failure!)")
            }
            let head = try writeFixtureLedger(path: crashed, records: Self.records, batchSize: Self.batchSize)
            #expect(head == expected)
            #expect(try LedgerVerifier.verify(path: crashed, heldCheckpoint: expected.checkpoint.text).isValid)
            print("crash test: \(kills) SIGKILLs, records committed after each round: \(progress)")
            #expect(kills >= 2)
        }
    }
}
