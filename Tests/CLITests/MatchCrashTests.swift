import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// Starts `vaxlink` with `arguments` and kills it with SIGKILL after `delay` seconds
/// (or lets it finish if it is faster). Returns whether the kill landed mid-run.
private func killVaxlink(_ arguments: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: vaxlinkBinaryPath())
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    let wasRunning = process.isRunning
    if wasRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return wasRunning
}

// spec: issue 5 "Durability and resume": a run killed at any instant resumes after the last
// committed batch; no decision is lost or recorded twice; the result equals an uninterrupted run.
@Test func aMatchKilledAtRandomInstantsResumesToTheSameResult() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "6000", "--shots", "5000", "--seed", "21", "--out", dir + "/d", "--quiet"]).status == 0)
        #expect(try runVaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/s", "--quiet"]).status == 0)
        #expect(try runVaxlink(["keygen", "--out", dir + "/k"]).status == 0)
        func match(_ name: String) -> [String] {
            ["match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/\(name).ledger",
             "--out", dir + "/\(name)", "--key", dir + "/k.key", "--batch-size", "250", "--quiet"]
        }
        let reference = try runVaxlink(match("reference"))
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference/decisions.csv"))

        var rng = SplitMix64(seed: 5)
        var killedMidRun = 0
        for attempt in 0..<3 {
            let name = "crash\(attempt)"
            // Kill up to three times in one run, each at a random instant, then let it finish.
            for _ in 0..<3 where try killVaxlink(match(name), after: 0.15 + 0.6 * rng.unit()) { killedMidRun += 1 }
            let resumed = try runVaxlink(match(name))
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name)/decisions.csv")) == expected)
            let verify = try runVaxlink(["ledger", "verify", dir + "/\(name).ledger", "--public-key", dir + "/k.pub",
                                         "--checkpoint", dir + "/\(name)/checkpoint"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            // The ledger alone gives back exactly the uninterrupted decisions: none twice, none lost.
            #expect(try runVaxlink(["ledger", "export", dir + "/\(name).ledger", "--out", dir + "/\(name).csv"]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name).csv")) == expected)
        }
        #expect(killedMidRun > 0, "no kill landed while a run was going: make the run longer")
    }
}
