import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

@Suite struct InclusionProofTests {
    @Test func proofsCheckForShotsAcrossTheTree() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 1300, batchSize: 97)
            let reader = try LedgerReader(path: path)
            // First, inside stored blocks, on block edges, and in the unaligned tail.
            for i in [0, 1, 254, 255, 256, 511, 700, 1024, 1290, 1299] where i % 7 != 3 {
                let proof = try InclusionProof.make(reader: reader, shotID: "S\(i)")
                let parsed = try InclusionProof(text: proof.text)
                #expect(parsed == proof)
                guard case .decision(let decision) = try parsed.check(key: fixtureKey.publicKey) else {
                    Issue.record("S\(i) did not prove a decision")
                    continue
                }
                #expect(decision.shotID == "S\(i)")
                #expect(decision == fixtureRecords(i..<(i + 1)).decisions.first)
            }
        }
    }

    @Test func anyAlteredByteFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 600, batchSize: 97)
            let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: "S300")
            let bytes = Array(proof.text.utf8)
            var accepted: [Int] = []
            for at in bytes.indices {
                var altered = bytes
                altered[at] ^= 0x01
                let text = String(decoding: altered, as: UTF8.self)
                if let parsed = try? InclusionProof(text: text), (try? parsed.check(key: fixtureKey.publicKey)) != nil {
                    accepted.append(at)
                }
            }
            #expect(accepted.isEmpty, "altered bytes accepted at \(accepted)")
        }
    }

    @Test func aWrongKeyFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 50, batchSize: 20)
            let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: "S11")
            #expect(throws: VaxError.self) { try proof.check(key: Ed25519PrivateKey.generate().publicKey) }
            #expect(throws: VaxError.self) { try InclusionProof.make(reader: LedgerReader(path: path), shotID: "S3") }
        }
    }
}
