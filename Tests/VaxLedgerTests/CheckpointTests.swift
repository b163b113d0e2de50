import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Checkpoints" (issue 13 finding 2): every signature line is either
// the signer's or a cosignature by a witness the verifier names; any other line is refused.
@Suite struct CheckpointTests {
    static let witnessKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    static let witness = try! WitnessKey(name: "witness.example/w1", key: witnessKey.publicKey)

    static var note: String { LedgerVectorV2Tests.checkpoint }
    static var cosigned: String {
        let body = try! Checkpoint(text: note, key: fixtureKey.publicKey).body
        return note + (try! Cosignature.line(name: witness.name, key: witnessKey, timestamp: 1_700_000_000, body: body))
    }

    @Test(arguments: 0..<4)
    func anExtraSignatureLineIsRefused(index: Int) throws {
        let origin = try Checkpoint(text: Self.note, key: fixtureKey.publicKey).origin
        let signer = Self.note.split(separator: "\n").last!.split(separator: " ")[2]
        let extra = [
            "\u{2014} junk AAAAAAAAAAAA\n",
            // A second line under the signer's name with a wrong key ID.
            "\u{2014} \(origin) AAAAAA\(signer.dropFirst(6))\n",
            // The signer's own line twice.
            String(Self.note.split(separator: "\n").last!) + "\n",
            "not a signature line\n",
        ][index]
        #expect(throws: VaxError.self) { try Checkpoint(text: Self.note + extra, key: fixtureKey.publicKey) }
        #expect(throws: VaxError.self) {
            try Checkpoint(text: LedgerVectorTests.checkpoint + extra, key: fixtureKey.publicKey)
        }
    }

    @Test func aCosignatureCountsOnlyForAGivenWitness() throws {
        #expect(throws: VaxError.self) { try Checkpoint(text: Self.cosigned, key: fixtureKey.publicKey) }
        let checkpoint = try Checkpoint(text: Self.cosigned, key: fixtureKey.publicKey, witnesses: [Self.witness])
        #expect(checkpoint.cosignatures == [Cosignature(name: Self.witness.name, timestamp: 1_700_000_000)])
        // Another key under the same name: the key ID differs, the line is refused.
        let impostor = try WitnessKey(name: Self.witness.name, key: Ed25519PrivateKey.generate().publicKey)
        #expect(throws: VaxError.self) {
            try Checkpoint(text: Self.cosigned, key: fixtureKey.publicKey, witnesses: [impostor])
        }
        // A changed timestamp breaks the cosignature.
        let lines = Self.cosigned.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blob = Base64.decode(String(lines[lines.count - 2].split(separator: " ")[2]))!
        blob[11] ^= 1
        var forged = lines
        forged[forged.count - 2] = "\u{2014} \(Self.witness.name) \(Base64.encode(blob))"
        #expect(throws: VaxError.self) {
            try Checkpoint(text: forged.joined(separator: "\n"), key: fixtureKey.publicKey, witnesses: [Self.witness])
        }
        #expect(try WitnessKey(verifierKey: Self.witness.verifierKey) == Self.witness)
        // Base64 may hold '+': the text form splits at the first two only.
        for _ in 0..<32 {
            let key = try WitnessKey(name: "w.example/x", key: Ed25519PrivateKey.generate().publicKey)
            #expect(try WitnessKey(verifierKey: key.verifierKey) == key)
        }
    }

    @Test func aStoredCheckpointWithAnExtraLineFailsVerification() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 40, batchSize: 20)
            try tamper(
                path,
                "UPDATE checkpoint SET note = note || '\u{2014} junk AAAAAAAAAAAA' || char(10) WHERE tree_size = 2")
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.message.contains("neither the signer's nor a given witness's"), "\(failure)")
        }
    }
}
