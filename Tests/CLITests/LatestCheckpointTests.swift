import Foundation
import Testing
import VaxCrypto
import VaxTestSupport

// Issue 13 finding 6 (rest): the run's checkpoint (RUN/checkpoint, written by `match`) that
// the runbook told auditors to keep did not cover the passport batches appended later, so
// those could be dropped and the ledger still verified against it. `ledger checkpoint`
// writes the ledger's latest checkpoint once the whole ledger verifies; the runbook hands
// that one over.

private func treeSize(_ path: String) throws -> Int {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    return Int(lines[1])!
}

// spec: ops/RUNBOOK.md "Hand over to auditors"; cli.md "The audit ledger"
@Test func theCheckpointHandedOverCoversThePassportBatches() throws {
    try withTemporaryDirectory { dir in
        let run = try PassportFixture(dir: dir)
        let key = try run.makeKey(.es256, name: "dsc")
        let issued = try run.issue(key: key, out: dir + "/p1", extra: ["--limit", "100"])
        try #require(issued.status == 0, "\(issued.stderr)")
        let latest = try runVaxlink(["ledger", "checkpoint", run.ledger, "--out", dir + "/latest", "--checkpoint", dir + "/m/checkpoint"])
        #expect(latest.status == 0, "\(latest.stderr)")
        let verified = try runVaxlink(["ledger", "verify", run.ledger, "--json"])
        let entries = try #require(verified.stdout.split(separator: ",").first { $0.hasPrefix("\"entries\":") })
        #expect(try treeSize(dir + "/latest") == Int(entries.dropFirst(10)), "\(verified.stdout)")
        #expect(try treeSize(dir + "/latest") > treeSize(dir + "/m/checkpoint"), "the run's checkpoint already covered everything?")
        #expect(try runVaxlink(["ledger", "verify", run.ledger, "--checkpoint", dir + "/latest"]).status == 0)
        // It refuses to replace an existing file without --force.
        #expect(try runVaxlink(["ledger", "checkpoint", run.ledger, "--out", dir + "/latest"]).status == 2)
    }
}
