import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// `appendBatch` hands batches to the writer's own thread (LedgerWriter+Overlap.swift): the
/// ledger must be the same as appending in line, and a failure there must not be lost.
@Suite struct LedgerWriterOverlapTests {
    /// Every row of the three tables, in key order, as bytes.
    private func rows(_ path: String) throws -> [[UInt8]] {
        let database = try SQLiteDatabase(path: path, readOnly: true)
        var rows: [[UInt8]] = []
        for sql in [
            "SELECT seq, shot_id, tag, body FROM entry ORDER BY seq", "SELECT id, hash FROM node ORDER BY id",
            "SELECT tree_size, note FROM checkpoint ORDER BY tree_size",
        ] {
            let statement = try database.prepare(sql)
            while try statement.step() {
                var row: [UInt8] = []
                for column in 0..<(sql.hasPrefix("SELECT seq") ? 4 : 2) {
                    if statement.isInteger(Int32(column)) {
                        withUnsafeBytes(of: statement.int64(Int32(column))) { row += $0 }
                    } else {
                        row += [statement.isNull(Int32(column)) ? 0 : 1] + statement.bytes(Int32(column))
                    }
                }
                rows.append(row)
            }
        }
        return rows
    }

    @Test func theOverlappedWriterWritesTheSameBytesAsAppendingInLine() throws {
        try withTemporaryDirectory { dir in
            // Batches of 97 (not aligned to the 256-leaf blocks), 1 (many checkpoints) and 700.
            let cuts = [0, 97, 194, 195, 895, 1000]
            func write(_ path: String, inLine: Bool) throws -> LedgerWriter.Head {
                let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
                for (start, end) in zip(cuts, cuts.dropFirst()) {
                    let batch = fixtureRecords(start..<end)
                    try writer.appendBatch(decisions: batch.decisions, rejects: batch.rejects)
                    // In line: each batch is committed before the next one is handed over.
                    if inLine { try writer.flush() }
                }
                try writer.finish(checkpointOut: nil)
                return writer.head
            }
            let overlapped = try write(dir + "/overlapped.ledger", inLine: false)
            let inLine = try write(dir + "/in-line.ledger", inLine: true)
            #expect(overlapped == inLine)
            let a = try rows(dir + "/overlapped.ledger")
            let b = try rows(dir + "/in-line.ledger")
            #expect(a.count == (1 + 1000 + 6 + 3) + 4 + 6)  // entries (header, records, seals, evidence), nodes, checkpoints
            #expect(a == b)
            #expect(try LedgerVerifier.verify(path: dir + "/overlapped.ledger").isValid)
        }
    }

    @Test func aFailureOnTheWritersThreadSurfacesAtTheNextCallAndNothingAfterItIsCommitted() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            let first = fixtureRecords(0..<10)
            try writer.appendBatch(decisions: first.decisions, rejects: first.rejects)
            let committed = writer.head
            // The row of shot S15 cannot be written (as a full disk or an I/O error would fail
            // it); the batch after it has no S15 and would be written if it were not dropped.
            try tamper(
                path,
                "CREATE TRIGGER fail_s15 BEFORE INSERT ON entry WHEN NEW.shot_id = 'S15' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
            let failing = fixtureRecords(10..<20)
            try writer.appendBatch(decisions: failing.decisions, rejects: failing.rejects)
            let after = fixtureRecords(20..<30)
            // Thrown here if the failing batch is done by now, else queued and dropped.
            var failure: VaxError? = nil
            do {
                try writer.appendBatch(decisions: after.decisions, rejects: after.rejects)
            } catch let error as VaxError { failure = error }
            // The next call throws it, and so does every call after it.
            let flushed = #expect(throws: VaxError.self) { try writer.flush() }
            #expect(flushed?.kind == .environment)
            #expect(flushed?.message.contains("injected failure") == true)
            if let failure { #expect(failure.message == flushed?.message) }
            #expect(throws: VaxError.self) {
                try writer.appendBatch(decisions: after.decisions, rejects: after.rejects)
            }
            #expect(throws: VaxError.self) { try writer.finish(checkpointOut: nil) }
            #expect(writer.head == committed)
            try tamper(path, "DROP TRIGGER fail_s15")
            let reader = try LedgerReader(path: path)
            #expect(try reader.entry(seq: committed.treeSize) == nil)
            for shot in ["S12", "S15", "S21", "S29"] { #expect(try reader.seq(ofShot: shot) == nil) }
            #expect(try LedgerVerifier.verify(path: path).isValid)
        }
    }
}
