import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: issue 5 "Tests": every column of every table changed through plain SQL, a deleted,
// swapped or copied row, a truncated tail against a held checkpoint and a flipped byte are caught.
@Suite struct LedgerTamperTests {
    /// The target: the decision on record 295 (shot S295) of a ledger of 600 records in batches
    /// of 97. In the SQL, `{T}` is its sequence number and `{T+1}` the next one.
    static func targetSeq(_ path: String) throws -> Int { try LedgerReader(path: path).seq(ofShot: "S295")! }
    static func sql(_ template: String, _ target: Int) -> String {
        template.replacingOccurrences(of: "{T+1}", with: "\(target + 1)")
            .replacingOccurrences(of: "{T}", with: "\(target)")
    }
    /// (name, SQL, whether verify must name the target entry)
    static let cases: [(name: String, sql: String, namesTarget: Bool)] = [
        (
            "entry.body",
            "UPDATE entry SET body = CAST(substr(body, 1, 20) || X'7F' || substr(body, 22) AS BLOB) WHERE seq = {T}",
            true
        ),
        ("entry.shot_id", "UPDATE entry SET shot_id = 'S999999' WHERE seq = {T}", true),
        ("entry.shot_id type", "UPDATE entry SET shot_id = CAST(shot_id AS BLOB) WHERE seq = {T}", true),
        ("entry.tag", "UPDATE entry SET tag = zeroblob(8) WHERE seq = {T}", true),
        ("entry.seq", "UPDATE entry SET seq = 100000 WHERE seq = {T}", true),
        ("node.hash", "UPDATE node SET hash = zeroblob(32) WHERE id = (SELECT max(id) FROM node)", false),
        ("node.id", "UPDATE node SET id = id + 1000 WHERE id = (SELECT min(id) FROM node)", false),
        (
            "checkpoint.note",
            "UPDATE checkpoint SET note = substr(note, 1, 20) || 'x' || substr(note, 22) WHERE tree_size = (SELECT min(tree_size) FROM checkpoint WHERE tree_size > {T})",
            false
        ),
        (
            "checkpoint.tree_size",
            "UPDATE checkpoint SET tree_size = tree_size + 1 WHERE tree_size = (SELECT max(tree_size) FROM checkpoint WHERE tree_size < {T})",
            false
        ),
        ("delete a row", "DELETE FROM entry WHERE seq = {T}", true),
        (
            "swap two rows",
            """
            UPDATE entry SET seq = -1 WHERE seq = {T}; UPDATE entry SET seq = {T} WHERE seq = {T+1};
            UPDATE entry SET seq = {T+1} WHERE seq = -1
            """, true
        ),
        (
            "insert a copied row",
            "INSERT INTO entry SELECT (SELECT max(seq) + 1 FROM entry), shot_id, tag, body FROM entry WHERE seq = {T}",
            false
        ),
        (
            "delete a checkpoint",
            "DELETE FROM checkpoint WHERE tree_size = (SELECT min(tree_size) FROM checkpoint WHERE tree_size > {T})",
            false
        ),
        ("add a table", "CREATE TABLE extra(x)", false),
    ]

    @Test(arguments: 0..<cases.count)
    func tamperingIsCaught(index: Int) throws {
        let (name, template, namesTarget) = Self.cases[index]
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            #expect(try LedgerVerifier.verify(path: path).isValid)
            let target = try Self.targetSeq(path)
            try tamper(path, Self.sql(template, target))
            let report = try LedgerVerifier.verify(path: path, threads: 2)
            #expect(report.failure != nil, "\(name) was not caught")
            if namesTarget, let failure = report.failure {
                #expect(failure.seq == target, "\(name): \(failure)")
            }
        }
    }

    @Test func aChangedEntryIsNamedWithItsShotID() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            let target = try Self.targetSeq(path)
            try tamper(path, Self.sql(Self.cases[0].sql, target))
            let failure = try LedgerVerifier.verify(path: path).failure
            #expect(failure?.shotID == "S295")
            #expect(failure?.description.hasPrefix("entry \(target) (shot_id S295)") == true)
        }
    }

    @Test func aTruncatedTailIsCaughtAgainstAHeldCheckpoint() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            let held = try String(contentsOfFile: path + ".checkpoint", encoding: .utf8)
            // Cut the last batch cleanly: its entries, its checkpoint and the nodes reaching into it.
            let reader = try LedgerReader(path: path)
            let cut = Int(
                try reader.database.scalarInt(
                    "SELECT max(tree_size) FROM checkpoint WHERE tree_size < (SELECT max(tree_size) FROM checkpoint)")!)
            try tamper(
                path,
                """
                DELETE FROM entry WHERE seq >= \(cut); DELETE FROM checkpoint WHERE tree_size > \(cut);
                DELETE FROM node WHERE ((id & 1099511627775) + 1) << (id >> 40) > \(cut)
                """)
            // Alone, a cleanly cut ledger is consistent: that is what the held checkpoint is for.
            #expect(try LedgerVerifier.verify(path: path).isValid)
            let report = try LedgerVerifier.verify(path: path, heldCheckpoint: held)
            #expect(report.failure?.message.contains("truncated") == true)
        }
    }

    @Test func aForkIsCaughtAgainstAHeldCheckpoint() throws {
        try withTemporaryDirectory { dir in
            let a = dir + "/a.ledger"
            let b = dir + "/b.ledger"
            try writeFixtureLedger(path: a, records: 100, batchSize: 50)
            let held = try String(contentsOfFile: a + ".checkpoint", encoding: .utf8)
            // Same header (same origin), different history: rewritten by the key holder.
            let writer = try LedgerWriter.open(path: b, header: fixtureHeader(), signingKey: fixtureKey)
            var records = fixtureRecords(0..<100)
            records.decisions[3].outcome = .review
            try writer.appendBatch(
                decisions: Array(records.decisions[..<43]), rejects: records.rejects.filter { $0.line < 52 })
            try writer.appendBatch(
                decisions: Array(records.decisions[43...]), rejects: records.rejects.filter { $0.line >= 52 })
            try writer.finish(checkpointOut: nil)
            #expect(try LedgerVerifier.verify(path: b).isValid)
            let report = try LedgerVerifier.verify(path: b, heldCheckpoint: held)
            #expect(report.failure?.message.contains("forked") == true)
        }
    }

    @Test func aFlippedByteIsCaught() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let target = try Self.targetSeq(path)
            // A byte inside the target entry's raw-row hash.
            let needle = SHA256.hash("row 295").bytes
            let at = (0...(bytes.count - 32)).first { bytes[$0..<($0 + 32)].elementsEqual(needle) }!
            bytes[at + 5] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try LedgerVerifier.verify(path: path).failure?.seq == target)
            // The file header: SQLite cannot read it; exit 3, never a crash.
            bytes[3] ^= 0x20
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try LedgerVerifier.verify(path: path)
                Issue.record("a damaged file verified")
            } catch let error as VaxError {
                #expect(error.kind == .environment || error.kind == .corruption || error.kind == .badInput)
            }
        }
    }

    @Test func aWrongKeyFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let head = try writeFixtureLedger(path: path, records: 20, batchSize: 10)
            let other = Ed25519PrivateKey.generate().publicKey
            #expect(try LedgerVerifier.verify(path: path, publicKey: other).failure != nil)
            let held = try String(contentsOfFile: path + ".checkpoint", encoding: .utf8)
            #expect(throws: VaxError.self) { try Checkpoint(text: held, key: other) }
            #expect(try Checkpoint(text: held, key: fixtureKey.publicKey).treeSize == head.treeSize)
        }
    }
}

// spec: ledger-format.md "Trust roots" (issue 13 finding 5): a forger's re-keyed, re-signed
// copy passes an unanchored check, and the report says that the check was unanchored.
@Suite struct TrustRootTests {
    @Test func aReKeyedLedgerPassesOnlyAsIntegrityAndFailsAgainstTheRealKey() throws {
        try withTemporaryDirectory { dir in
            try writeFixtureLedger(path: dir + "/real.ledger", records: 40, batchSize: 20)
            let forger = Ed25519PrivateKey.generate()
            var entries = try readRawEntries(dir + "/real.ledger")
            entries[0].body = fixtureHeader(key: forger).body
            try forgeLedger(path: dir + "/forged.ledger", entries: entries, key: forger)

            let unanchored = try LedgerVerifier.verify(path: dir + "/forged.ledger")
            #expect(unanchored.isValid)
            #expect(unanchored.trust.code == "key_in_file")
            #expect(!unanchored.trust.isAnchored)
            #expect(unanchored.trust.statement.contains("integrity only"))
            let anchored = try LedgerVerifier.verify(path: dir + "/forged.ledger", publicKey: fixtureKey.publicKey)
            #expect(anchored.failure?.seq == 0)
            let real = try LedgerVerifier.verify(path: dir + "/real.ledger", publicKey: fixtureKey.publicKey)
            #expect(real.trust.code == "given_key")
        }
    }
}
