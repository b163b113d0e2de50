import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Validity rules", entry_shot: the index is covered by no hash, so
// `show` and `prove` confirm what it proposes against the table. Issue 13 finding 3.
@Suite struct ShotIndexTests {
    /// Points the index entry of S5 at S6's row and S6's at S5's, through plain SQL.
    static func swapIndexEntries(_ path: String) throws {
        try tamper(
            path,
            """
            CREATE TABLE fake(seq INTEGER PRIMARY KEY, shot_id TEXT);
            INSERT INTO fake SELECT seq, shot_id FROM entry WHERE shot_id IS NOT NULL;
            UPDATE fake SET shot_id = CASE shot_id WHEN 'S5' THEN 'S6' WHEN 'S6' THEN 'S5' ELSE shot_id END;
            CREATE INDEX fake_shot ON fake(shot_id) WHERE shot_id IS NOT NULL;
            PRAGMA writable_schema=ON;
            UPDATE sqlite_schema SET rootpage = (SELECT rootpage FROM sqlite_schema WHERE name = 'fake_shot')
                WHERE name = 'entry_shot';
            DELETE FROM sqlite_schema WHERE name IN ('fake', 'fake_shot');
            PRAGMA writable_schema=OFF;
            """)
    }

    @Test func aDoctoredIndexDoesNotMisattributeADecision() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 40, batchSize: 20)
            let s5 = try LedgerReader(path: path).seq(ofShot: "S5")!
            let s6 = try LedgerReader(path: path).seq(ofShot: "S6")!
            try Self.swapIndexEntries(path)
            // The doctoring took: the index alone now answers S6's row for S5.
            let raw = try SQLiteDatabase(path: path, readOnly: true)
            #expect(try raw.scalarInt("SELECT seq FROM entry INDEXED BY entry_shot WHERE shot_id = 'S5'") == Int64(s6))

            let reader = try LedgerReader(path: path)
            #expect(try reader.seq(ofShot: "S5") == s5)
            #expect(try reader.seq(ofShot: "S6") == s6)
            guard case .decision(let decision)? = try reader.entry(seq: try reader.seq(ofShot: "S5")!) else {
                Issue.record("S5 is no decision")
                return
            }
            #expect(decision.shotID == "S5")
            let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: "S5")
            guard case .decision(let proven) = try proof.check(key: fixtureKey.publicKey) else {
                Issue.record("the proof is of no decision")
                return
            }
            #expect(proven.shotID == "S5")
        }
    }
}
