import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import VaxCore
import VaxDataGen
import VaxInterchange
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

/// A first row held to the end keeps every later decision waiting, as in a national file
/// in date order: each decision is rewritten once per level of runs (log to base 4 of the
/// 200 runs here: 4), not once per merge, and few run files are open at any time.
@Test func decisionsWaitingToTheEndAreRewrittenOncePerLevel() throws {
    try withTemporaryDirectory { dir in
        let rows = 20_000, batch = 100, width = 4
        let queue = ReleaseQueue(directory: dir, memoryLimit: batch - 1, mergeWidth: width)
        var released: [Int] = [], mostFiles = 0
        for start in stride(from: 0, to: rows, by: batch) {
            for row in start..<(start + batch) {
                queue.read(row: row, held: row == 0)
                if row != 0 { queue.add(row: row, decision(row)) }
            }
            if start + batch == rows { queue.add(row: 0, decision(0, .review)) }
            try queue.release { released.append($0.row) }
            mostFiles = max(mostFiles, try FileManager.default.contentsOfDirectory(atPath: dir).count)
        }
        #expect(released == Array(0..<rows))
        #expect(queue.runsWritten >= rows / batch - 1)  // it did spill every batch
        // Written once when spilled and once per level climbed; merging every run into one
        // whenever `width` had gathered wrote about 670 k records here.
        #expect(queue.recordsWritten <= rows * 5, "\(queue.recordsWritten) records written")
        #expect(mostFiles <= (width - 1) * 4 + 1, "\(mostFiles) run files at once")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}

/// Generated data in `dir` (shots.csv and a store built into dir/store), its matcher and grouping.
private func generatedMatch(in dir: String, citizens: Int, shots: Int, seed: UInt64, shards: Int) throws -> (Matcher, ShotGroups) {
    _ = try DataGenerator(parameters: .hard(citizens: citizens, shots: shots, seed: seed)).generate(into: dir, threads: 2)
    _ = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: shards, threads: 2,
                                   quiet: true)
    let matcher = Matcher(store: try PopulationStore.open(dir + "/store"), model: .standard)
    return (matcher, try ShotGroups.scan(path: dir + "/shots.csv"))
}

@Test func aMatchRunThatSpillsDecisionsAndOpenGroupsWritesTheSameAsOneThatDoesNot() throws {
    try withTemporaryDirectory { dir in
        let (matcher, groups) = try generatedMatch(in: dir, citizens: 3_000, shots: 2_400, seed: 41, shards: 2)
        func run(_ out: String, memoryLimit: Int) throws -> (runs: Int, groupSpills: Int) {
            let run = MatchRun(matcher: matcher, outputDirectory: dir + "/" + out, threads: 2, batchSize: 128)
            run.quiet = true
            run.releaseMemoryLimit = memoryLimit
            run.openGroupsMemoryLimit = memoryLimit
            var source = try ShotsFileSource(path: dir + "/shots.csv", groups: groups)
            _ = try run.run(source: &source, groups: groups, sink: nil, rowKeysPath: dir + "/" + out + "/decisions.rows")
            return (run.releaseRunsWritten, run.openGroupSpills)
        }
        let inMemory = try run("a", memoryLimit: 1 << 20), spilled = try run("b", memoryLimit: 8)
        #expect(inMemory.runs == 0 && inMemory.groupSpills == 0)
        #expect(spilled.runs > 0 && spilled.groupSpills > 0)
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

/// firstRead 16: every record is longer than the first read, so its body is read again whole.
@Test(arguments: [16, 1024])
func aHeldDoseReadsBackFromTheSpillFileAsItWasWritten(firstRead: Int) throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let open = OpenGroups(directory: dir, memoryLimit: 1, firstRead: firstRead)
        var members: [OpenGroups.Member] = []
        for (k, id) in [RecordedID.missing, .citizen(fixture.people[2].id), .legacy(123_456_789), .malformed(Array("12345".utf8))].enumerated() {
            var shot = fixture.shot(k, id: id)
            shot.phone = 912_345_000 + UInt64(k)
            shot.vaccinatedOn = PartialDate(year: 2021, month: 9, day: 1 + k)
            var result = matcher.decide(shot)
            result.viaSiblingDose = k == 1
            let meta = ShotMeta(shotID: "S\(k)", line: k + 2, provinceCode: 79, facilityCode: "79-000\(k)",
                                rawSHA256: SHA256Digest([UInt8](repeating: UInt8(k), count: 32)))
            let dose = matcher.groupDose(shot, result, hubPhones: [])
            members.append(OpenGroups.Member(row: k, dose: dose, held: k == 3 ? nil : HeldDose(shot: shot, result: result), meta: meta))
            try open.add(members[k], to: 7)
        }
        #expect(open.spills > 0)
        let back = try open.close(7)
        #expect(open.isEmpty)
        #expect(back.count == members.count)
        for (a, b) in zip(members, back) {
            #expect(a.row == b.row && a.dose.phone == b.dose.phone && a.dose.nameKey == b.dose.nameKey && a.dose.citizen == b.dose.citizen)
            #expect((a.held == nil) == (b.held == nil))
            guard let x = a.held, let y = b.held else { continue }
            #expect(x.shot.recordedID == y.shot.recordedID && x.shot.fullName == y.shot.fullName && x.shot.phone == y.shot.phone)
            #expect(x.shot.birthDate == y.shot.birthDate && x.shot.vaccinatedOn == y.shot.vaccinatedOn && x.shot.sex == y.shot.sex)
            #expect(x.result.outcome == y.result.outcome && x.result.citizenID == y.result.citizenID)
            #expect(x.result.evidence == y.result.evidence && x.result.log2Odds == y.result.log2Odds)
            #expect(x.result.candidates.map(\.citizenID) == y.result.candidates.map(\.citizenID))
            #expect(x.result.candidates.map(\.levels) == y.result.candidates.map(\.levels))
            #expect(a.meta?.shotID == b.meta?.shotID && a.meta?.facilityCode == b.meta?.facilityCode && a.meta?.rawSHA256 == b.meta?.rawSHA256)
        }
        // The spill file was unlinked when made: nothing is left in the folder but the store.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s"])
    }
}

@Test func aSpillThatCannotBeWrittenOrReadBackIsAnErrorNotATrap() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let shot = fixture.shot(0, id: .missing)
        let result = matcher.decide(shot)
        let member = OpenGroups.Member(row: 0, dose: matcher.groupDose(shot, result, hubPhones: []),
                                       held: HeldDose(shot: shot, result: result),
                                       meta: ShotMeta(shotID: "S0", line: 2, provinceCode: 1, facilityCode: "01-0001",
                                                      rawSHA256: SHA256Digest([UInt8](repeating: 0, count: 32))))
        // A full disk when the doses spill.
        let full = OpenGroups(directory: dir, memoryLimit: 1)
        try full.add(member, to: 0)
        #expect(throws: VaxError.self) {
            try SyscallFaults.inject(ENOSPC, into: .write, under: dir) { try full.add(member, to: 0) }
        }
        // An I/O error when they are read back.
        let broken = OpenGroups(directory: dir, memoryLimit: 1)
        try broken.add(member, to: 0)
        try broken.add(member, to: 0)
        #expect(broken.spills == 1)
        #expect(throws: VaxError.self) {
            try SyscallFaults.inject(EIO, into: .read, under: dir) { _ = try broken.close(0) }
        }
    }
}

/// A source that hands out a file's batches and fails on the `failAt`-th.
private struct FailingSource: ShotSource {
    var inner: ShotsFileSource
    let failAt: Int
    var calls = 0
    var warnings: [String] { [] }
    var progress: (done: Int, total: Int) { inner.progress }

    mutating func nextBatch(maxRecords: Int) throws -> ShotInputBatch? {
        calls += 1
        if calls == failAt { throw VaxError(.environment, "the disk went away") }
        return try inner.nextBatch(maxRecords: maxRecords)
    }
}

/// The next batch is parsed on a task of its own while the loop writes out the last: a parse
/// that fails stops the run with its error (no hang, no trap), and the source comes back to
/// the caller with every call counted, whichever batch failed.
@Test(arguments: [1, 2, 3, 5])
func aParseThatFailsStopsTheRunWithItsError(failAt: Int) throws {
    try withTemporaryDirectory { dir in
        let (matcher, groups) = try generatedMatch(in: dir, citizens: 1_000, shots: 800, seed: 42, shards: 1)
        let run = MatchRun(matcher: matcher, outputDirectory: dir + "/out", threads: 2, batchSize: 200)
        run.quiet = true
        var source = FailingSource(inner: try ShotsFileSource(path: dir + "/shots.csv", groups: groups), failAt: failAt)
        let error = #expect(throws: VaxError.self) { _ = try run.run(source: &source, groups: groups, sink: nil) }
        #expect(error?.message == "the disk went away")
        #expect(source.calls == failAt)
        // Nothing half-written is published under the outputs' names.
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/decisions.csv"))
    }
}
