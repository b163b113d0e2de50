import Foundation
import Testing
import VaxTestSupport

#if canImport(Glibc)
    import Glibc
#endif

// Issue 12 finding 4 across processes: this test process holds LEDGER.lock as a running
// writer would (flock plus its holder line); `vaxlink match` in another process must exit 3
// naming the holder and make no key. Before the fix nothing looked at the lock: the match
// made LEDGER.key and wrote the ledger. Finding 12: a header name with an escape sequence is
// printed escaped (it went raw to the terminal before).
@Test func aSecondProcessMatchingTheSameLedgerExitsThreeNamingTheHolder() throws {
    try withTemporaryDirectory { dir in
        #expect(
            try runVaxlink([
                "generate", "--citizens", "400", "--shots", "300", "--seed", "4", "--out", dir + "/d", "--quiet",
            ])
            .status == 0)
        #expect(
            try runVaxlink([
                "store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/s", "--quiet",
            ])
            .status == 0)
        let ledger = dir + "/run.ledger"
        let match = [
            "match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", ledger, "--out", dir + "/o",
            "--quiet", "--demo-key",
        ]
        let fd = open(ledger + ".lock", O_RDWR | O_CREAT, 0o640)
        try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let line = "pid=\(getpid()) command=test-holder since=1\n"
        _ = line.withCString { write(fd, $0, strlen($0)) }
        let refused = try runVaxlink(match)
        close(fd)
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("pid=\(getpid()) command=test-holder since=1"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ledger + ".key"))
        let ran = try runVaxlink(match)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(FileManager.default.fileExists(atPath: ledger + ".key"))

        // A header name that would clear the screen is shown escaped.
        let shots = try String(contentsOfFile: dir + "/d/shots.csv", encoding: .utf8)
        let lines = shots.split(separator: "\n", omittingEmptySubsequences: false)
        let hostile = ([lines[0] + ",x\u{1B}[2J"] + lines.dropFirst().map { $0.isEmpty ? $0 : $0 + "," }).joined(
            separator: "\n")
        try hostile.write(toFile: dir + "/h.csv", atomically: true, encoding: .utf8)
        let warned = try runVaxlink([
            "match", "--store", dir + "/s", "--shots", dir + "/h.csv", "--ledger", dir + "/h.ledger", "--out",
            dir + "/oh", "--demo-key",
        ])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("'x\\u{1B}[2J'") && !warned.stderr.contains("\u{1B}"), "\(warned.stderr)")
    }
}
