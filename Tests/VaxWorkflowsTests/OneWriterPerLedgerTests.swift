import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
import VaxMatching
import VaxStorage
import VaxTestSupport

@testable import VaxWorkflows

#if canImport(Glibc)
    import Glibc
#endif

// Regression tests for issue 12 findings 4 (one writer per ledger), 6 (batch size in the run
// header), 8 (single-pass hash in the match session) and the ledger's file mode.
@Suite struct OneWriterPerLedgerTests {
    /// A small generated set and its store in `dir`.
    static func prepare(_ dir: String) throws {
        try Workflow.generate(dir + "/d", citizens: 600, shots: 480, seed: 12)
        try Workflow.buildStore(dir + "/d/population.csv", dir + "/store")
    }

    static func session(_ dir: String, out: String, batchSize: Int = 1 << 20) -> MatchSession {
        MatchSession(
            storePath: dir + "/store", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/l/run.ledger",
            out: dir + "/" + out, threads: 2, batchSize: batchSize, quiet: true)
    }

    static func mode(_ path: String) -> UInt32? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt32(info.st_mode) & 0o777 : nil
    }

    // Before the fix nothing locked the ledger: this match made LEDGER.key and wrote the
    // ledger beside the running writer (finding 4: two keys, one ledger).
    @Test func aMatchWhileAnotherWriterHoldsTheLedgerIsRefusedNamingItAndMakesNoKey() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            try makeDirectory(dir + "/l")
            let ledger = dir + "/l/run.ledger"
            do {
                // What a running `vaxlink match` (this process or another) holds.
                let holder = try LedgerLock.acquire(ledgerPath: ledger, command: "vaxlink match")
                do {
                    _ = try Self.session(dir, out: "o1").run()
                    Issue.record("a second writer ran")
                } catch let error as VaxError {
                    #expect(error.kind == .environment)  // exit 3
                    #expect(error.message.contains("pid=\(getpid()) command=vaxlink match since="), "\(error)")
                }
                #expect(!fileExists(ledger + ".key") && !fileExists(ledger + ".pub"))
                #expect(!fileExists(ledger))
                withExtendedLifetime(holder) {}
            }
            // Released: the run goes on, with one key.
            let result = try Self.session(dir, out: "o2").run()
            #expect(result.head.treeSize > 2 && fileExists(ledger + ".key"))
            // And a writer opened on its own takes the lock too: refused while the run's is held.
            let key = try Ed25519PrivateKey(contentsOf: ledger + ".key")
            do {
                let held = try LedgerLock.acquire(ledgerPath: ledger, command: "vaxlink match")
                #expect(Workflow.errorKind { try LedgerWriter.reopen(path: ledger, signingKey: key) } == .environment)
                withExtendedLifetime(held) {}
            }
            #expect(try LedgerWriter.reopen(path: ledger, signingKey: key).head == result.head)
        }
    }

    // Before the fix SQLite created the ledger with 0644 (under the usual umask 022): every
    // local user could read the decisions.
    @Test func aNewLedgerIsCreatedWithoutAccessForOthers() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            let previous = umask(0o022)
            defer { umask(previous) }
            _ = try Self.session(dir, out: "o").run()
            #expect(Self.mode(dir + "/l/run.ledger") == 0o640)
            #expect(Self.mode(dir + "/l/run.ledger.lock") == 0o640)
            // A symlink planted as a new ledger is refused, not followed.
            try FileManager.default.createSymbolicLink(
                atPath: dir + "/l/evil.ledger", withDestinationPath: dir + "/target")
            let lock = try LedgerLock.acquire(ledgerPath: dir + "/l/evil.ledger", command: "test")
            #expect(Workflow.errorKind { try lock.createLedgerFileIfAbsent() } == .badInput)
            #expect(!fileExists(dir + "/target"))
        }
    }

    // Before the fix the batch size was in no header: a resume with another --batch-size was
    // accepted (and trapped in MatchRun, exit 132, when the ledger ended inside a new batch).
    @Test func aResumeWithAnotherBatchSizeIsRefusedNamingBothValues() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            let first = try Self.session(dir, out: "o1", batchSize: 100).run()
            do {
                _ = try Self.session(dir, out: "o2", batchSize: 70).run()
                Issue.record("a resume with another batch size was accepted")
            } catch let error as VaxError {
                #expect(error.kind == .badInput)  // exit 2
                #expect(error.message.contains("batch size (70 now, 100 recorded)"), "\(error)")
            }
            // The same batch size resumes.
            #expect(try Self.session(dir, out: "o3", batchSize: 100).run().head == first.head)
        }
    }

    // A batch keeps its rows' text in one arena whose offsets are 32-bit: TextArena traps past
    // 4 GiB. Before the cap, --batch-size allowed 16 Mi rows, and 16 Mi rows of ~600 bytes of
    // text (all within the field limits) pass 4 GiB: a shots file could reach that trap. Too
    // big to build in a test, so the cap that closes it is what is checked.
    @Test func aBatchSizeBeyondTheCapIsAUsageErrorNotATrap() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            #expect(MatchSession.maxBatchSize * 600 < Int(UInt32.max))
            for size in [0, -1, MatchSession.maxBatchSize + 1] {
                #expect(Workflow.errorKind { try Self.session(dir, out: "o", batchSize: size).run() } == .usage)
            }
            #expect(!fileExists(dir + "/l/run.ledger"))
        }
    }

    // MatchRun itself: a ledger that ends inside a batch of this run throws (exit 2) where it
    // trapped before (precondition, exit 132).
    @Test func aResumeCutIntoOtherBatchesThrowsInsteadOfTrapping() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            let store = try PopulationStore.open(dir + "/store")
            let run = MatchRun(
                matcher: Matcher(store: store, model: .standard), outputDirectory: dir + "/o", threads: 1,
                batchSize: 100)
            run.quiet = true
            var source = try ShotsFileSource(path: dir + "/d/shots.csv")
            let sink = CountingSink()
            #expect(
                Workflow.errorKind { try run.run(source: &source, sink: sink, committedRecords: 150) } == .badInput)
            #expect(sink.batches == 0)
        }
    }

    // The session's single pass: the header's digest is of file A, the parse reads file B
    // (what a file rewritten between the two passes gives). Before the fix the parse did not
    // hash at all, so decisions from B were ledgered and finished under A's digest.
    @Test func shotsChangedBetweenTheHashAndTheParseStopTheRunBeforeItsLedgerBatch() throws {
        try withTemporaryDirectory { dir in
            try Self.prepare(dir)
            let path = dir + "/d/shots.csv"
            let before = try sha256(ofFile: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: ",01,", with: ",02,").write(
                toFile: path, atomically: false, encoding: .utf8)
            var source = try ShotsFileSource(path: path, hashingContent: true)
            let check = InputDigestCheck(path: path, expected: before) { [source] in source.contentSHA256 }
            let sink = CountingSink()
            let store = try PopulationStore.open(dir + "/store")
            let run = MatchRun(
                matcher: Matcher(store: store, model: .standard), outputDirectory: dir + "/o", threads: 1,
                batchSize: 1 << 20)
            run.quiet = true
            #expect(Workflow.errorKind { try run.run(source: &source, sink: check.guarding(sink)) } == .badInput)
            #expect(sink.batches == 0)
            // The unchanged file passes the same check.
            var same = try ShotsFileSource(path: path, hashingContent: true)
            let ok = InputDigestCheck(path: path, expected: try sha256(ofFile: path)) { [same] in same.contentSHA256 }
            _ = try run.run(source: &same, sink: ok.guarding(sink))
            try ok.requireEqual()
            #expect(sink.batches == 1)
        }
    }
}

/// Counts the batches a run records.
final class CountingSink: DecisionSink {
    var batches = 0
    func appendBatch(decisions: [Decision], rejects: [RowIssue]) throws { batches += 1 }
    func flush() throws {}
}

@Suite struct PassportIssueLockTests {
    // Before the fix two `passport issue` runs at once gave the same citizens two passports
    // each: nothing stopped the second from reading the ledger while the first issued.
    @Test func aPassportIssueWhileAnotherWriterHoldsTheLedgerIsRefusedAndIssuesNothing() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let key = try run.makeKey(.es256, name: "es")
            do {
                let holder = try LedgerLock.acquire(ledgerPath: run.ledger, command: "vaxlink passport issue")
                #expect(Workflow.errorKind { try run.session(key: key, out: dir + "/p1").run() } == .environment)
                #expect(!fileExists(dir + "/p1/passports.csv") && !fileExists(dir + "/p1/passports.csv.start"))
                // Refused before it reads anything: the lock is taken before the ledger and the
                // shots are read, so that no second issue can pick the same citizens (with
                // only the writer's own lock, this one stopped at its shots check, exit 2).
                let other = dir + "/other-shots.csv"
                try (String(contentsOfFile: run.shots, encoding: .utf8) + "SX9,,Lê Văn Z,1990-01-01,M,,01,,,1,\n")
                    .write(toFile: other, atomically: true, encoding: .utf8)
                #expect(
                    Workflow.errorKind { try run.session(key: key, out: dir + "/p3", shots: other).run() }
                        == .environment)
                withExtendedLifetime(holder) {}
            }
            let issued = try run.session(key: key, out: dir + "/p2").run()
            #expect(issued.issued > 0)
        }
    }
}
