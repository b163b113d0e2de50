import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Checkpoints" (cosignatures) and "Validity rules" R18 (issue 13
// finding 7): a witness cosigns only checkpoints that extend the last one it cosigned, and
// `verify --witness KEY --quorum K` requires K of them; a rewrite after a cosignature fails.
@Suite struct WitnessTests {
    static func witness(_ dir: String, _ n: UInt8) throws -> Witness {
        try Witness(
            name: "witness.example/w\(n)", privateKey: Ed25519PrivateKey(seed: [UInt8](repeating: n, count: 32)),
            stateDirectory: dir + "/state\(n)")
    }

    static func note(_ path: String, size: Int) throws -> String {
        let statement = try SQLiteDatabase(path: path, readOnly: true).prepare(
            "SELECT note FROM checkpoint WHERE tree_size = \(size)")
        _ = try statement.step()
        return statement.text(0)
    }

    @Test func cosignedCheckpointsMeetAQuorum() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            let first = fixtureRecords(0..<100)
            try writer.appendBatch(decisions: first.decisions, rejects: first.rejects)
            let w1 = try Self.witness(dir, 1)
            let w2 = try Self.witness(dir, 2)
            let early = writer.head.checkpoint.text
            _ = try w1.cosign(checkpointText: early, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_000)
            let more = fixtureRecords(100..<200)
            try writer.appendBatch(decisions: more.decisions, rejects: more.rejects)
            try writer.finish(checkpointOut: nil)
            let latest = writer.head.checkpoint.text

            // Without a proof from its last cosigned checkpoint, the witness refuses the newer one.
            #expect(throws: VaxError.self) {
                try w1.cosign(
                    checkpointText: latest, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_100)
            }
            let proof = try ConsistencyProof.make(
                reader: LedgerReader(path: path),
                from: try w1.lastCosigned(
                    origin: writer.head.checkpoint.origin)!)
            var cosigned = try w1.cosign(
                checkpointText: latest, logKey: fixtureKey.publicKey, proof: proof, timestamp: 1_700_000_100)
            // It refuses to go back to the older one.
            #expect(throws: VaxError.self) {
                try w1.cosign(checkpointText: early, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_200)
            }

            let k1 = w1.key
            let k2 = w2.key
            var report = try LedgerVerifier.verify(
                path: path, heldCheckpoint: cosigned, witnesses: [k1, k2], quorum: 1)
            #expect(report.isValid, "\(String(describing: report.failure))")
            #expect(report.trust.witnesses == 1)
            #expect(report.trust.code == "held_checkpoint+witnesses")
            report = try LedgerVerifier.verify(path: path, heldCheckpoint: cosigned, witnesses: [k1, k2], quorum: 2)
            #expect(report.failure?.message.contains("1 valid cosignatures") == true)
            // A cosignature line from a witness the auditor did not name is refused.
            #expect(try LedgerVerifier.verify(path: path, heldCheckpoint: cosigned).failure != nil)
            // A quorum needs a cosigned checkpoint at all.
            #expect(try LedgerVerifier.verify(path: path, witnesses: [k1], quorum: 1).failure != nil)

            // The second witness, on first use, cosigns the already cosigned note: both count.
            cosigned = try w2.cosign(
                checkpointText: cosigned, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_300)
            report = try LedgerVerifier.verify(path: path, heldCheckpoint: cosigned, witnesses: [k1, k2], quorum: 2)
            #expect(report.isValid, "\(String(describing: report.failure))")
            #expect(report.trust.witnesses == 2)
        }
    }

    @Test func aLedgerRewrittenAfterAWitnessCosignedFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let head = try writeFixtureLedger(path: path, records: 300, batchSize: 97)
            let w1 = try Self.witness(dir, 1)
            let cosigned = try w1.cosign(
                checkpointText: head.checkpoint.text, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_000
            )

            // The key holder rewrites one decision and re-signs every checkpoint.
            var entries = try readRawEntries(path)
            let target = try LedgerReader(path: path).seq(ofShot: "S100")!
            entries[target].body[DecisionBody.outcome.offset] = Outcome.review.rawValue
            let forged = dir + "/forged.ledger"
            try forgeLedger(path: forged, entries: entries)
            #expect(try LedgerVerifier.verify(path: forged).isValid)
            let forgedLatest = try LedgerReader(path: forged).latestCheckpoint(key: fixtureKey.publicKey)!.text

            // Same size, other root: the witness refuses; no consistency proof exists.
            #expect(throws: VaxError.self) {
                try w1.cosign(
                    checkpointText: forgedLatest, logKey: fixtureKey.publicKey, proof: nil, timestamp: 1_700_000_100)
            }
            #expect(throws: VaxError.self) {
                try ConsistencyProof.make(reader: LedgerReader(path: forged), from: cosigned)
            }
            // The auditor holding the cosigned checkpoint sees the rewrite; the forger's own
            // latest checkpoint carries no cosignature.
            let report = try LedgerVerifier.verify(
                path: forged, heldCheckpoint: cosigned, witnesses: [w1.key], quorum: 1)
            #expect(report.failure?.message.contains("rewritten or forked") == true)
            let unwitnessed = try LedgerVerifier.verify(
                path: forged, heldCheckpoint: forgedLatest, witnesses: [w1.key], quorum: 1)
            #expect(unwitnessed.failure?.message.contains("0 valid cosignatures") == true)
        }
    }
}
