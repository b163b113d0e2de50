import Foundation
import Testing
import VaxCore
import VaxDataGen
@testable import VaxMatching
import VaxStorage
import VaxWorkflows
import VaxTestSupport

// The in-order release of decisions (ReleaseQueue): the same rows released at the same
// moments whether the waiting decisions stay in memory or spill to run files.

private func decision(_ row: Int, _ outcome: Outcome = .verified) -> Decision {
    Decision(shotID: "S\(row)", line: row + 2, provinceCode: 1 + row % 96, outcome: outcome,
             citizenID: outcome == .unmatched ? nil : CitizenID(rawValue: 1_000_000_000 + UInt64(row)),
             score: Double(row % 1000) / 1000, matchWeight: Double(row) - 0.5, corrections: CorrectedFields(rawValue: UInt8(row % 16)),
             evidence: "fn=exact;row=\(row)", rawSHA256: SHA256Digest([UInt8](repeating: UInt8(row % 251), count: 32)))
}

/// Feeds 5000 rows in batches of 100: every seventh row is held until 900 rows later (or
/// the end), the rest are final at once. Returns, per batch, the rows released.
private func releases(memoryLimit: Int, mergeWidth: Int, in dir: String) throws -> (batches: [[Int]], runs: Int, all: [Decision]) {
    let queue = ReleaseQueue(directory: dir, memoryLimit: memoryLimit, mergeWidth: mergeWidth)
    var batches: [[Int]] = [], all: [Decision] = []
    var heldUntil: [Int: [Int]] = [:]  // resolving row → held rows it resolves
    let rows = 5000
    for start in stride(from: 0, to: rows, by: 100) {
        for row in start..<(start + 100) {
            let held = row % 7 == 0
            queue.read(row: row, held: held)
            if held { heldUntil[min(rows - 1, row + 900), default: []].append(row) } else { queue.add(row: row, decision(row)) }
            for h in heldUntil.removeValue(forKey: row) ?? [] { queue.add(row: h, decision(h, .review)) }
        }
        var released: [Int] = []
        try queue.release { item in
            released.append(item.row)
            all.append(item.decision)
        }
        batches.append(released)
    }
    #expect(queue.isEmpty)
    return (batches, queue.runsWritten, all)
}

@Test func spilledDecisionsAreReleasedInOrderAtTheSameMomentsAsInMemory() throws {
    try withTemporaryDirectory { dir in
        let inMemory = try releases(memoryLimit: 1 << 20, mergeWidth: 16, in: dir)
        let spilled = try releases(memoryLimit: 50, mergeWidth: 3, in: dir)
        #expect(inMemory.runs == 0)
        #expect(spilled.runs > 3)  // spilled, and merged more than once
        #expect(inMemory.batches == spilled.batches)
        #expect(inMemory.all == spilled.all)  // every field read back as written
        #expect(inMemory.batches.flatMap { $0 } == Array(0..<5000))
        // Nothing is released behind row 0 until it is final (900 rows later).
        #expect(inMemory.batches[0].isEmpty && inMemory.batches[8].isEmpty && !inMemory.batches[9].isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)  // the run files are gone
    }
}

@Test func aMatchRunThatSpillsWritesTheSameDecisionsAsOneThatDoesNot() throws {
    try withTemporaryDirectory { dir in
        _ = try DataGenerator(parameters: .hard(citizens: 3_000, shots: 2_400, seed: 41)).generate(into: dir, threads: 2)
        _ = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: 2, threads: 2,
                                       quiet: true)
        let matcher = Matcher(store: try PopulationStore.open(dir + "/store"), model: .standard)
        let groups = try ShotGroups.scan(path: dir + "/shots.csv")
        func run(_ out: String, memoryLimit: Int) throws -> Int {
            let run = MatchRun(matcher: matcher, outputDirectory: dir + "/" + out, threads: 2, batchSize: 128)
            run.quiet = true
            run.releaseMemoryLimit = memoryLimit
            var source = try ShotsFileSource(path: dir + "/shots.csv", groups: groups)
            _ = try run.run(source: &source, groups: groups, sink: nil, rowKeysPath: dir + "/" + out + "/decisions.rows")
            return run.releaseRunsWritten
        }
        #expect(try run("a", memoryLimit: 1 << 20) == 0)
        #expect(try run("b", memoryLimit: 8) > 0)
        for file in ["decisions.csv", "decisions.rows", "review.csv"] {
            let a = FileManager.default.contents(atPath: dir + "/a/" + file), b = FileManager.default.contents(atPath: dir + "/b/" + file)
            #expect(a != nil && a == b, "\(file)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/b").sorted() == ["decisions.csv", "decisions.rows", "rejects.csv", "review.csv"])
    }
}

@Test func runFilesAKilledRunLeftAreRemovedByTheNextRun() throws {
    try withTemporaryDirectory { dir in
        // A run file as a killed run leaves it, beside an output file that must stay.
        #expect(FileManager.default.createFile(atPath: dir + "/.release-run-999-3", contents: Data([1, 2, 3])))
        #expect(FileManager.default.createFile(atPath: dir + "/decisions.csv", contents: Data("x".utf8)))
        _ = ReleaseQueue(directory: dir)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(left == ["decisions.csv"])
    }
}
