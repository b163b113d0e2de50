import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Consistency proofs" (issue 13 finding 7): RFC 6962 proofs from
// any older checkpoint to the latest, checked offline; a rewrite after the older checkpoint fails.
@Suite struct ConsistencyProofTests {
    /// Every checkpoint note of the ledger at `path`, by size.
    static func notes(_ path: String) throws -> [(Int, String)] {
        let database = try SQLiteDatabase(path: path, readOnly: true)
        let statement = try database.prepare("SELECT tree_size, note FROM checkpoint ORDER BY tree_size")
        var out: [(Int, String)] = []
        while try statement.step() { out.append((Int(statement.int64(0)), statement.text(1))) }
        return out
    }

    @Test func everyOlderCheckpointIsExtendedByTheLatest() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // 1,000 records in batches of 61: sizes on both sides of the stored-node level.
            let head = try writeFixtureLedger(path: path, records: 1000, batchSize: 61)
            for (size, note) in try Self.notes(path) {
                let proof = try ConsistencyProof.make(reader: LedgerReader(path: path), from: note)
                let parsed = try ConsistencyProof(text: proof.text)
                #expect(parsed == proof)
                let (old, new) = try parsed.check(key: fixtureKey.publicKey)
                #expect(old.treeSize == size)
                #expect(new.treeSize == head.treeSize)
                // Any changed hash breaks it.
                for i in proof.path.indices {
                    var bad = proof
                    var bytes = bad.path[i].bytes
                    bytes[0] ^= 1
                    bad.path[i] = SHA256Digest(bytes)
                    #expect(throws: VaxError.self) { try bad.check(key: fixtureKey.publicKey) }
                }
                if size < head.treeSize {
                    var short = proof
                    short.path.removeLast()
                    #expect(throws: VaxError.self) { try short.check(key: fixtureKey.publicKey) }
                }
            }
        }
    }

    @Test func aLedgerRewrittenAfterTheOlderCheckpointHasNoProof() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            let notes = try Self.notes(path)
            let held = notes[3].1
            // The key holder rewrites one decision in batch 2 and re-signs everything.
            var entries = try readRawEntries(path)
            let target = try LedgerReader(path: path).seq(ofShot: "S100")!
            entries[target].body[DecisionBody.outcome.offset] = Outcome.review.rawValue
            try forgeLedger(path: dir + "/forged.ledger", entries: entries)
            #expect(try LedgerVerifier.verify(path: dir + "/forged.ledger").isValid)
            #expect(throws: VaxError.self) {
                try ConsistencyProof.make(reader: LedgerReader(path: dir + "/forged.ledger"), from: held)
            }
            // A genuine proof with the forged latest checkpoint in place of the real one fails.
            var proof = try ConsistencyProof.make(reader: LedgerReader(path: path), from: held)
            proof.new = try LedgerReader(path: dir + "/forged.ledger").latestCheckpoint(key: fixtureKey.publicKey)!.text
            #expect(throws: VaxError.self) { try proof.check(key: fixtureKey.publicKey) }
        }
    }
}
