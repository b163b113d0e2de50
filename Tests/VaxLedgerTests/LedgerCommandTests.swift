import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: cli.md "The audit ledger": exit 0 verified, 1 not verified naming the entry, 3 damaged.
@Suite struct LedgerCommandTests {
    @Test func verifyShowExportProveAndCheck() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let head = try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            try fixtureKey.publicKey.pem.write(toFile: dir + "/signer.pub", atomically: true, encoding: .utf8)

            let verified = try runVaxlink([
                "ledger", "verify", path, "--checkpoint", path + ".checkpoint",
                "--public-key", dir + "/signer.pub",
            ])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("ledger verified: \(head.treeSize) entries"))
            #expect(verified.stdout.contains("trust: signed by the given public key; contains the held checkpoint"))

            // spec: ledger-format.md "Trust roots" (issue 13 finding 5): without an outside
            // root the pass says it proves integrity only, in text and in --json.
            let unanchored = try runVaxlink(["ledger", "verify", path])
            #expect(unanchored.status == 0)
            #expect(
                unanchored.stdout.contains("trust: integrity only: checked against the key the ledger itself names"))
            let unanchoredJSON = try runVaxlink(["ledger", "verify", path, "--json"])
            #expect(unanchoredJSON.stdout.contains("\"trust\":\"key_in_file\""), "\(unanchoredJSON.stdout)")

            let shown = try runVaxlink(["ledger", "show", path, "--shot", "S300"])
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("outcome      verified"))

            let exported = try runVaxlink(["ledger", "export", path, "--out", dir + "/decisions.csv"])
            #expect(exported.status == 0)
            let csv = try String(contentsOfFile: dir + "/decisions.csv", encoding: .utf8)
            let rows = csv.split(separator: "\n")
            #expect(rows.count == 1 + fixtureRecords(0..<600).decisions.count)
            #expect(rows[0] == "shot_id,outcome,citizen_id,score,corrections")
            #expect(rows[1] == "S0,verified,010000000000,0.000000,")

            let proved = try runVaxlink(["ledger", "prove", path, "--shot", "S300", "--out", dir + "/S300.proof"])
            #expect(proved.status == 0, "\(proved.stderr)")
            let checked = try runVaxlink([
                "ledger", "check-proof", dir + "/S300.proof", "--public-key", dir + "/signer.pub",
            ])
            #expect(checked.status == 0, "\(checked.stderr)")
            #expect(checked.stdout.contains("shot_id      S300"))

            // spec: ledger-format.md "Consistency proofs": from the first batch's checkpoint.
            let first = try LedgerReader(path: path).database.prepare(
                "SELECT note FROM checkpoint WHERE tree_size = 2")
            _ = try first.step()
            try first.text(0).write(toFile: dir + "/first.checkpoint", atomically: true, encoding: .utf8)
            let consistent = try runVaxlink([
                "ledger", "prove", path, "--from", dir + "/first.checkpoint", "--out", dir + "/c.proof",
            ])
            #expect(consistent.status == 0, "\(consistent.stderr)")
            let consistencyChecked = try runVaxlink([
                "ledger", "check-proof", dir + "/c.proof", "--public-key", dir + "/signer.pub",
            ])
            #expect(consistencyChecked.status == 0, "\(consistencyChecked.stderr)")
            #expect(consistencyChecked.stdout.contains("extends the one of 2"))

            // spec: ledger-format.md R18: a witness cosigns, verify requires a quorum of 1.
            #expect(try runVaxlink(["keygen", "--out", dir + "/w1"]).status == 0)
            let witnessed = try runVaxlink([
                "ledger", "witness", path + ".checkpoint", "--state", dir + "/w1-state", "--key", dir + "/w1.key",
                "--name", "witness.example/w1", "--log-key", dir + "/signer.pub", "--out", dir + "/cosigned.checkpoint",
            ])
            #expect(witnessed.status == 0, "\(witnessed.stderr)")
            let witnessKey = try #require(
                witnessed.stderr.split(separator: "\n").first { $0.hasPrefix("witness key ") }?.dropFirst(12))
            let quorate = try runVaxlink([
                "ledger", "verify", path, "--checkpoint", dir + "/cosigned.checkpoint", "--public-key",
                dir + "/signer.pub", "--witness", String(witnessKey), "--quorum", "1",
            ])
            #expect(quorate.status == 0, "\(quorate.stderr) \(witnessKey)")
            #expect(quorate.stdout.contains("cosigned by 1 given witness"))
            let inquorate = try runVaxlink([
                "ledger", "verify", path, "--checkpoint", path + ".checkpoint", "--witness", String(witnessKey),
                "--quorum", "1",
            ])
            #expect(inquorate.status == 1)

            var proof = try String(contentsOfFile: dir + "/S300.proof", encoding: .utf8)
            // Claim the neighbouring index: the path no longer leads to the root.
            let index = try InclusionProof(text: proof).index
            proof = proof.replacingOccurrences(of: "\nindex \(index)\n", with: "\nindex \(index + 1)\n")
            try proof.write(toFile: dir + "/bad.proof", atomically: true, encoding: .utf8)
            let refused = try runVaxlink([
                "ledger", "check-proof", dir + "/bad.proof", "--public-key", dir + "/signer.pub",
            ])
            #expect(refused.status == 1)

            try tamper(
                path,
                "UPDATE entry SET body = CAST(substr(body, 1, 20) || X'7F' || substr(body, 22) AS BLOB) WHERE seq = \(try LedgerReader(path: path).seq(ofShot: "S295")!)"
            )
            let failed = try runVaxlink(["ledger", "verify", path])
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("(shot_id S295)"), "\(failed.stderr)")
        }
    }

    @Test func aDamagedFileExitsThree() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/junk.ledger"
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
            let result = try runVaxlink(["ledger", "verify", path])
            #expect(result.status == 3, "\(result.stderr)")
            #expect(try runVaxlink(["ledger", "verify", dir + "/missing.ledger"]).status == 2)
        }
    }

    @Test func keygenWritesAPrivateKeyOnlyTheOwnerCanRead() throws {
        try withTemporaryDirectory { dir in
            let result = try runVaxlink(["keygen", "--out", dir + "/signer"])
            #expect(result.status == 0, "\(result.stderr)")
            let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/signer.key")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let key = try Ed25519PrivateKey(pem: String(contentsOfFile: dir + "/signer.key", encoding: .utf8))
            let pub = try Ed25519PublicKey(pem: String(contentsOfFile: dir + "/signer.pub", encoding: .utf8))
            #expect(key.publicKey == pub)
            #expect(try runVaxlink(["keygen", "--out", dir + "/signer"]).status == 2)
        }
    }
}
