import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxLedger
import VaxTestSupport

/// The ledger's writers under ENOSPC and EIO. SQLite writes the ledger itself, so the
/// injected faults hit what our code writes (checkpoint and key files), and a full 1 MB
/// tmpfs hits SQLite: a clear error each time, and a ledger that still verifies.
@Suite struct LedgerFaultTests {
    static let key = try! Ed25519PrivateKey(seed: Array(repeating: 7, count: 32))

    static func header() -> RunHeader {
        RunHeader(
            toolVersion: "0.1.0", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("shots"))],
            storeContentHash: SHA256.hash("store"), modelHash: SHA256.hash("model"),
            thresholds: ["link": "0.9", "review": "0.5"], signerPublicKey: key.publicKey)
    }

    /// Decisions with wide evidence, so that a few batches fill a small disk.
    static func decisions(_ range: Range<Int>) -> [Decision] {
        range.map { i in
            Decision(
                shotID: "S\(i)", line: i + 2, provinceCode: 1 + i % 63, outcome: .verified,
                citizenID: CitizenID(rawValue: 10_000_000_000 + UInt64(i)), score: 0.99, matchWeight: 12.5,
                corrections: [], evidence: "n=0.97;b=1;s=1;p=\(i);" + String(repeating: "e", count: 200),
                rawSHA256: SHA256.hash("row \(i)"))
        }
    }

    @Test func aCheckpointThatCannotBeWrittenLeavesTheOldOneAndAVerifyingLedger() throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                let ledger = dir + "/run.ledger"
                let checkpoint = dir + "/checkpoint"
                try "previous checkpoint\n".write(toFile: checkpoint, atomically: false, encoding: .utf8)
                let writer = try LedgerWriter.open(path: ledger, header: Self.header(), signingKey: Self.key)
                try writer.appendBatch(decisions: Self.decisions(0..<50), rejects: [])
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .write, under: dir) {
                        try writer.finish(checkpointOut: checkpoint)
                    }
                }
                #expect(try String(contentsOfFile: checkpoint, encoding: .utf8) == "previous checkpoint\n")
                let names = try entries(dir)
                #expect(names.allSatisfy { !$0.contains(".partial-") })
                let report = try LedgerVerifier.verify(path: ledger, publicKey: Self.key.publicKey, threads: 1)
                #expect(report.failure == nil)
            }
        }
    }

    @Test func aLedgerKeyThatCannotBeWrittenIsNotLeftHalfWritten() throws {
        try withTemporaryDirectory { dir in
            expectEnvironmentError(ENOSPC) {
                try SyscallFaults.inject(ENOSPC, into: .fsync, under: dir) {
                    _ = try Ed25519PrivateKey.createKeyPair(base: dir + "/run.ledger")
                }
            }
            let names = try entries(dir)
            #expect(names.isEmpty)
        }
    }

    /// A real full disk under SQLite: the batch that does not fit fails with a clear error
    /// and the ledger keeps every batch committed before it.
    @Test func aLedgerOnAFullDiskStopsWithAClearErrorAndKeepsWholeBatches() throws {
        let ran: Void? = try withSmallTmpfs(size: "1m") { dir in
            let ledger = dir + "/run.ledger"
            let writer = try LedgerWriter.open(path: ledger, header: Self.header(), signingKey: Self.key)
            var committed = 0
            var failure: VaxError? = nil
            while failure == nil && committed < 100_000 {
                do {
                    try writer.appendBatch(decisions: Self.decisions(committed..<(committed + 500)), rejects: [])
                    committed += 500
                } catch let error as VaxError {
                    failure = error
                }
            }
            let error = try #require(failure)
            #expect(error.kind == .environment)
            #expect(error.kind == .environment)
            #expect(committed > 0)
            // Room again (as an operator would make): the ledger holds whole batches and verifies.
            _ = run("/bin/mount", ["-o", "remount,size=8m", dir])
            let report = try LedgerVerifier.verify(path: ledger, publicKey: Self.key.publicKey, threads: 1)
            #expect(report.failure == nil)
            #expect(report.treeSize > 0)
        }
        if ran == nil { print("skipped: cannot mount a tmpfs here (needs root)") }
    }
}
