import Foundation
import Testing
import VaxTestSupport

// Issue 13: `ledger verify` checks a batch on every core (--threads T, default all); a
// tampered ledger names the same first failure, word for word, on one thread and on two.

// spec: cli.md "The audit ledger"
@Test func aTamperedLedgerReportsTheSameFailureOnOneAndTwoThreads() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "300", "--shots", "200", "--seed", "5", "--out", dir + "/d", "--quiet"]).status == 0)
        let ran = try runVaxlink(["run", "--population", dir + "/d/population.csv", "--shots", dir + "/d/shots.csv",
                                  "--out", dir + "/r", "--demo-key", "--quiet"])
        try #require(ran.status == 0, "\(ran.stderr)")
        let ledger = dir + "/r/ledger.sqlite"
        for threads in ["1", "2"] {
            #expect(try runVaxlink(["ledger", "verify", ledger, "--threads", threads]).status == 0)
        }
        // Rename one shot in place, in the entry table and its index alike: same length, so
        // SQLite still reads the file; only the hashes object.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ledger)))
        let shots = try String(contentsOfFile: dir + "/d/shots.csv", encoding: .utf8).split(separator: "\n")
        let shot = String(shots[100].prefix { $0 != "," })
        let renamed = "X" + shot.dropFirst()
        let from = Array(shot.utf8), to = Array(renamed.utf8)
        var replaced = 0
        var i = 0
        while i + from.count <= bytes.count {
            if bytes[i] == from[0] && Array(bytes[i..<(i + from.count)]) == from {
                bytes.replaceSubrange(i..<(i + from.count), with: to)
                replaced += 1
            }
            i += 1
        }
        try #require(replaced > 0, "the shot is not in the file")
        try Data(bytes).write(to: URL(fileURLWithPath: ledger))
        let one = try runVaxlink(["ledger", "verify", ledger, "--threads", "1"])
        let two = try runVaxlink(["ledger", "verify", ledger, "--threads", "2"])
        #expect(one.status == 1 && two.status == 1, "\(one.stderr) \(two.stderr)")
        #expect(one.stderr.contains("NOT VERIFIED: entry") && one.stderr.contains(renamed), "\(one.stderr)")
        #expect(one.stderr == two.stderr)
    }
}
