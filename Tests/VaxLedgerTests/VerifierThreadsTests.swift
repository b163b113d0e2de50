import Foundation
import Testing
import VaxCore
import VaxTestSupport

@testable import VaxLedger

// Issue 13: the verifier reads the entries once, in chunks, and checks each chunk on several
// threads (EntryPipeline). Its report must be the same for every thread count and every chunk
// size: the same pass, the same root and head, or the same first failure, word for word.
@Suite struct VerifierThreadsTests {
    /// Thread counts and chunkings to compare: the default, and chunks so small that they cut
    /// batches and 256-leaf blocks anywhere (so ranges carry a block into the next chunk).
    static let setups: [(threads: Int, chunking: EntryPipeline.Chunking)] = [
        (1, .init()),
        (2, .init()),
        (1, .init(entries: 100, bytes: 1 << 20)),
        (2, .init(entries: 256, bytes: 3_000, buffers: 2)),
        (3, .init(entries: 1_000, bytes: 5_000)),
        (4, .init(entries: 7, bytes: 1 << 20)),
    ]

    static func reports(_ path: String, heldCheckpoint: String? = nil) throws -> [VerificationReport] {
        try setups.map { setup in
            try LedgerVerifier.verify(
                path: path, heldCheckpoint: heldCheckpoint, threads: setup.threads, chunking: setup.chunking)
        }
    }

    @Test func aValidLedgerGivesTheSameRootAndHeadOnAnySetup() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // Batches of 700 put checkpoints inside 256-leaf blocks.
            try writeFixtureLedger(path: path, records: 3_000, batchSize: 700)
            let reports = try Self.reports(path)
            for (report, setup) in zip(reports, Self.setups) {
                #expect(report.isValid, "\(setup): \(String(describing: report.failure))")
                #expect(report.root == reports[0].root && report.chainHead == reports[0].chainHead, "\(setup)")
                #expect(report.treeSize == reports[0].treeSize && report.batches == reports[0].batches)
            }
        }
    }

    /// Every tampering of LedgerTamperTests, and a body that breaks its hash and its rules at once.
    static let tamperings = LedgerTamperTests.cases.map { ($0.name, $0.sql) } + [
        ("tag and body rules at one entry", "UPDATE entry SET body = X'02' WHERE seq = {T}"),
        ("two entries, the later one first in its chunk", "UPDATE entry SET tag = zeroblob(8) WHERE seq = {T+1}; UPDATE entry SET body = X'0200' WHERE seq = 2050"),
    ]

    @Test(arguments: 0..<tamperings.count)
    func aTamperedLedgerNamesTheSameFirstFailureOnAnySetup(index: Int) throws {
        let (name, template) = Self.tamperings[index]
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 3_000, batchSize: 700)
            let target = try LedgerReader(path: path).seq(ofShot: "S295")!
            try tamper(path, LedgerTamperTests.sql(template, target))
            let reports = try Self.reports(path)
            let first = try #require(reports[0].failure, "\(name) was not caught")
            for (report, setup) in zip(reports, Self.setups) {
                #expect(report.failure == first, "\(name) on \(setup.threads) threads, \(setup.chunking)")
            }
        }
    }

    @Test func aRowWithANegativeSeqIsCounted() throws {
        // The walk reads seq 0..<N only; a row below 0 shows in the entry count.
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 300, batchSize: 100)
            let size = try #require(try LedgerVerifier.verify(path: path).isValid ? LedgerVerifier.verify(path: path).treeSize : nil)
            try tamper(path, "INSERT INTO entry SELECT -5, shot_id, tag, body FROM entry WHERE seq = 3")
            for report in try Self.reports(path) {
                #expect(report.failure?.message == "entry count \(size + 1) does not match the sequence numbers 0..<\(size)")
            }
        }
    }

    @Test func theEarlierOfTwoBrokenEntriesIsNamedWhicheverChunkHoldsIt() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 3_000, batchSize: 700)
            // A later entry broken in a way found early (its row) and an earlier one found by a hash.
            try tamper(
                path,
                "UPDATE entry SET tag = zeroblob(8) WHERE seq = 1500; UPDATE entry SET body = X'09' WHERE seq = 2900")
            for report in try Self.reports(path) {
                #expect(report.failure?.seq == 1500, "\(String(describing: report.failure))")
                #expect(report.failure?.message.contains("does not match its hash") == true)
            }
        }
    }

    @Test func aPartialBlockAcrossChunksGivesTheCheckpointRoot() throws {
        // A checkpoint inside a block that two chunks share: its partial root is taken from a
        // frontier carried from one chunk to the next.
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            let held = try String(contentsOfFile: path + ".checkpoint", encoding: .utf8)
            for (report, setup) in zip(try Self.reports(path, heldCheckpoint: held), Self.setups) {
                #expect(report.isValid, "\(setup): \(String(describing: report.failure))")
            }
        }
    }

    @Test func radixSortByTheHighBitsKeepsEveryKey() {
        var rng = SplitMix64(seed: 14)
        for count in [0, 1, 2, 1000, 70_000] {
            // Few distinct upper halves, so that many keys share one.
            var keys = (0..<count).map { _ in rng.next() & 0x0000_0007_FFFF_FFFF }
            let expected = keys.sorted()
            ShotKey.radixSort(&keys, highBitsOnly: true)
            #expect(keys.map { $0 >> 32 } == expected.map { $0 >> 32 }, "\(count) keys")
            #expect(keys.sorted() == expected)
        }
    }

    @Test func aDuplicateShotIsFoundOnAnyThreadCount() throws {
        try withTemporaryDirectory { dir in
            var entries = try LedgerValidityRuleTests.baseEntries(dir)
            let decisions = entries.indices.filter { entries[$0].body.first == EntryKind.decision.rawValue }
            entries[decisions[7]].shot = entries[decisions[3]].shot
            let path = dir + "/forged.ledger"
            try forgeLedger(path: path, entries: entries)
            for threads in [1, 2, 3, 5] {
                let failure = try LedgerVerifier.verify(path: path, threads: threads).failure
                #expect(failure?.seq == decisions[7], "\(threads) threads: \(String(describing: failure))")
                #expect(failure?.message.contains("a second decision for this shot") == true)
            }
        }
    }

    @Test func blockAlignedRangesCoverTheChunk() {
        let chunk = EntryChunk(capacity: 1_000, bytes: 1 << 16)
        chunk.reset(first: 300)
        let body: [UInt8] = [EntryKind.reject.rawValue]
        let tag = [UInt8](repeating: 0, count: 8)
        for seq in 300..<1_300 {
            body.withUnsafeBytes { b in
                tag.withUnsafeBytes { chunk.append(seq: seq, shotID: UnsafeRawBufferPointer(start: nil, count: 0), body: b, tag: $0) }
            }
        }
        for parts in [1, 2, 3, 8, 50] {
            let ranges = EntryPipeline.blockAlignedRanges(chunk, parts: parts)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 1_000)
            for (a, b) in zip(ranges, ranges.dropFirst()) {
                #expect(a.upperBound == b.lowerBound && (300 + b.lowerBound) % 256 == 0)
            }
        }
    }
}
