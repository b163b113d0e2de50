import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

@Suite struct LedgerWriterTests {
    @Test func writesAndVerifiesAcrossManyBatches() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // 1000 records in batches of 97: not aligned to the 256-leaf blocks.
            let head = try writeFixtureLedger(path: path, records: 1000, batchSize: 97)
            let batches = 1 + (1000 + 96) / 97
            // Entries: the header, the records, a seal per batch, one definition per distinct evidence.
            #expect(head.treeSize == 1 + 1000 + batches + 3)
            for threads in [1, 2, 3] {
                let report = try LedgerVerifier.verify(path: path, threads: threads)
                #expect(report.failure == nil, "\(report.failure!)")
                #expect(report.treeSize == head.treeSize)
                #expect(report.batches == batches)
                #expect(report.chainHead == head.chainHead)
                #expect(report.latestCheckpoint == head.checkpoint.text)
            }
        }
    }

    @Test func entriesKeepInputOrderAndDecodeBack() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 30, batchSize: 10)
            let reader = try LedgerReader(path: path)
            var seq = 2  // 0: header, 1: its seal
            for batch in 0..<3 {
                let records = fixtureRecords((batch * 10)..<(batch * 10 + 10))
                let expected: [(Int, LedgerEntry)] =
                    records.decisions.map { ($0.line, .decision($0)) }
                    + records.rejects.map { ($0.line, .reject($0)) }
                for (_, entry) in expected.sorted(by: { $0.0 < $1.0 }) {
                    // An evidence definition precedes the first decision that uses the text.
                    while case .evidence? = try reader.entry(seq: seq) { seq += 1 }
                    #expect(try reader.entry(seq: seq) == entry)
                    seq += 1
                }
                let entries = 10 + (batch == 0 ? 3 : 0)  // the 3 evidence texts are defined in batch 1
                #expect(try reader.entry(seq: seq) == .seal(batch: batch + 1, entries: entries))
                seq += 1
            }
            #expect(try reader.entry(seq: seq) == nil)
            #expect(
                try reader.seq(ofShot: "S5").flatMap { try reader.entry(seq: $0) }
                    == .decision(fixtureRecords(5..<6).decisions[0]))
            #expect(try reader.seq(ofShot: "S3") == nil)  // a reject, not a decision
        }
    }

    @Test func resumesAfterTheLastCommittedBatch() throws {
        try withTemporaryDirectory { dir in
            let uninterrupted = dir + "/a.ledger"
            let resumed = dir + "/b.ledger"
            let full = try writeFixtureLedger(path: uninterrupted, records: 500, batchSize: 50)
            // First run stops after 4 batches (a crash between commits).
            try writeFixtureLedger(path: resumed, records: 200, batchSize: 50, finish: false)
            // Scoped: an open writer holds the ledger's lock (one writer per ledger).
            do {
                let writer = try LedgerWriter.open(path: resumed, header: fixtureHeader(), signingKey: fixtureKey)
                #expect(writer.committedRecords == 200)
            }
            let head = try writeFixtureLedger(path: resumed, records: 500, batchSize: 50)
            // Same entries, same chain, same tree: signatures are deterministic too (Ed25519).
            #expect(head == full)
            #expect(try LedgerVerifier.verify(path: resumed).isValid)
        }
    }

    @Test func aRolledBackBatchLeavesNoTrace() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            let good = fixtureRecords(0..<20)
            try writer.appendBatch(decisions: good.decisions, rejects: good.rejects)
            let before = writer.head
            // A batch that fails half-way (a line beyond the format's range) is rolled back.
            var bad = fixtureRecords(20..<40)
            bad.decisions[5].line = Int(UInt32.max) + 1
            #expect(throws: VaxError.self) { try writer.appendBatch(decisions: bad.decisions, rejects: []) }
            #expect(writer.head == before)
            let next = fixtureRecords(20..<40)
            try writer.appendBatch(decisions: next.decisions, rejects: next.rejects)
            try writer.finish(checkpointOut: nil)
            #expect(try LedgerVerifier.verify(path: path).isValid)
            let reopened = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            #expect(reopened.committedRecords == 40)
        }
    }

    @Test func refusesADifferentRunOnResume() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 10, batchSize: 5)
            do {
                _ = try LedgerWriter.open(path: path, header: fixtureHeader(model: "model-2"), signingKey: fixtureKey)
                Issue.record("a changed model was accepted")
            } catch let error as VaxError {
                #expect(error.kind == .badInput)
                #expect(error.message.contains("model"))
            }
        }
    }
}

@Suite struct LedgerWriterEdgeTests {
    @Test func aCrashBetweenSchemaAndHeaderCountsAsANewLedger() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // The state a crash after the schema's commit leaves: empty tables.
            try tamper(path, LedgerFormat.schema.joined(separator: ";"))
            let head = try writeFixtureLedger(path: path, records: 30, batchSize: 10)
            #expect(try LedgerVerifier.verify(path: path).chainHead == head.chainHead)
        }
    }
}
