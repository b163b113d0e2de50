import Foundation
import Testing
import VaxTestSupport

// Issue 13 finding 8: the key lay next to the ledger (LEDGER.key), so whoever could write the
// ledger could usually read the key. `match` and `run` now require --key (a key kept apart);
// only --demo-key makes or uses one beside the ledger. Before, both made LEDGER.key silently.

// spec: cli.md "Matching"; ops/RUNBOOK.md "Prepare"
@Test func aRunWithoutKeyIsRefusedAndMakesNoKeyBesideTheLedger() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "300", "--shots", "100", "--seed", "6", "--out", dir + "/d", "--quiet"]).status == 0)
        #expect(try runVaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/s", "--quiet"]).status == 0)
        let match = ["match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/l/ledger.db",
                     "--out", dir + "/o", "--quiet"]
        let refused = try runVaxlink(match)
        #expect(refused.status == 2 && refused.stderr.contains("--key"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/l/ledger.db.key"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/l/ledger.db"))
        let run = try runVaxlink(["run", "--population", dir + "/d/population.csv", "--shots", dir + "/d/shots.csv",
                                  "--out", dir + "/r", "--quiet"])
        #expect(run.status == 2 && run.stderr.contains("--key"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r/ledger.sqlite.key"))
        // --demo-key keeps the old behaviour, for demos.
        let demo = try runVaxlink(match + ["--demo-key"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/l/ledger.db.key"))
        // A key of one's own works without a key beside the ledger.
        try FileManager.default.createDirectory(atPath: dir + "/secure", withIntermediateDirectories: true)
        #expect(try runVaxlink(["keygen", "--out", dir + "/secure/k"]).status == 0)
        let keyed = try runVaxlink(["match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/k/ledger.db",
                                    "--out", dir + "/ok", "--quiet", "--key", dir + "/secure/k.key"])
        #expect(keyed.status == 0, "\(keyed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/k/ledger.db.key"))
    }
}
