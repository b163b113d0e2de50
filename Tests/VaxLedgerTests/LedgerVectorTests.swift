import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// The test vectors of docs/ledger-format.md "Test vectors", kept here as literals: the doc and
// this test must say the same. The ledger: the fixture header, then one batch of input records
// 2, 3 and 4 (record 3 is a reject; the two evidence texts get definition entries), signed with RFC 8032 test 1's key.
@Suite struct LedgerVectorTests {
    static let canonical = [
        "00000000000000000001010005302e312e300001000973686f74732e63737609fe70881253e3543d9f33f009536ae020e96859f79233cb3ee7a74c45cc2ec5824d80d71985f082a26997a8db88b5d1dd45b777d73585d03d236303e21bde974f93e5df395c7b831bbd760bdc8b7b74ad21079f5dd5e844b06432255fcef16f000200046c696e6b0003302e3900067265766965770003302e35d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "0000000000000001000400000000000000000000000000000001",
        "000000000000000200050000000000126e3d302e39373b623d313b733d313b703d32",
        "00000000000000030253320200000004030300000002540be4023f947ae147ae147bc021000000000000000000000039f826c6d26fd42c47de8eeefc04bced7c5edce321bbb6152d7fb525cd934c84",
        "00000000000000040003000000050000000b6669656c645f636f756e74001a65787065637465642039206669656c64732c20666f756e64203801000966756c6c5f6e616d65bb858e06516117b563ef929766e61ee93586a94d89312442c7259dad2e3c3a02",
        "000000000000000500050000000100126e3d302e39373b623d313b733d313b703d31",
        "000000000000000602533402000000060505ffffffffffffffff3fa47ae147ae147bc01a00000000000000000000014527180a926cb08181faffde56c7a572180cdcfc4144b0ca4c523b296f9b9729",
        "0000000000000007000400000000000000010000000000000005",
    ]
    static let chain = [
        "e6202c7fe2b574595f97abafbf410166c1559aefa838e3c86801fd148c72b4b8",
        "84443b90ebe2ad74496aec77a43304ce6b7d1e14a3435a6d511174e73ba329b0",
        "edfa5a6c58886db8ff6d493e65dea57e4b22b2a9dc3cf1628f3af3ac1ef284b7",
        "724d911b97725569fb819a57e44941a4dece36bc5430457ca567426a63822dae",
        "17f2ba4638876877a3baed4f0181daf6db46100955512a6fceea1d9bb8d9b982",
        "0e85db4ad55a68ba6a2dbfcf269aa6b84ede47ea3da63f024fc8f13d4707cd88",
        "31e022473a979a8c89c2a6e804f61d18f13c8c349446e02cec0004778f8d444a",
        "ec6903b2e5d1600589e12ecc5cba1964077428a4e9d166e3a0bef68a69265e51",
    ]
    static let leaves = [
        "2f8e37ff054a12ec8d860f24d8d92d17f69981b3eb2a95fc5b33d07eac49d416",
        "1a8f3330b67027d1d9f864963c9db92ef73744579566ec94d432b6df53cd2acc",
        "fc1af26671144c9f0398e4a58ac15f3d4f89bbfa1b14e258bd99f905770f2be1",
        "ef21072b061d0a3180b7f2cb92bfe7a20718217708bc76b40dff209c4cdb3bc3",
        "aa160fdb65bce47f5d2c6762f0ae5d70e383788dd7bdd71e68bc0d434ba1206c",
        "09772eb2f345a22b62c67792d3d2c3c0a910e54266d178265d07341599d1b754",
        "7d969ef16a107dfcf471d29e3be00b1591862f31dc8c64c15b6d860d21d1ba28",
        "2453284ef6d89dc3a1f0eee5d88a918013bbcdb3c8b306dbf255ebdaa88b3e75",
    ]
    static let root = "1d1ac225d0843773d7368774aff55466c78e494824bfaeff7ab4163a02450405"
    static let checkpoint = """
        vaxlink/ledger/e6202c7fe2b574595f97abafbf410166
        8
        HRrCJdCEN3PXNod0r/VUZseOSUgkv67/erQWOgJFBAU=
        chain 7GkDsuXRYAWJ4S7MXLoZZAd0KKTp0WbjoL72imkmXlE=

        — vaxlink K+HjlDBOUHuZvgw4FZFCVueOaccXvu4sIHfwUPXGHKezvgBUpL8C7vYVEnevcrTrXZzCHxoqPe2cSFH4Y07Y3BohxAI=
        """ + "\n"
    static let proof = """
        vaxlink inclusion proof v1
        index 3
        entry AAAAAAAAAAMCUzICAAAABAMDAAAAAlQL5AI/lHrhR64Ue8AhAAAAAAAAAAAAAAA5+CbG0m/ULEfeju78BLztfF7c4yG7thUtf7UlzZNMhA==
        path /BryZnEUTJ8DmOSlisFfPU+Ju/obFOJYvZn5BXcPK+E=
        path 1rTe05ApkHKzuoMrnEDP+MVnxFmnoEq4zzU01ldwUCA=
        path sG2xwOOyN5sTMecNu+zHSS8jsRbaR3oT/NNkEfUyXck=
        evidence-index 2
        evidence-entry AAAAAAAAAAIABQAAAAAAEm49MC45NztiPTE7cz0xO3A9Mg==
        evidence-path 7yEHKwYdCjGAt/LLkr/nogcYIXcIvHa0Df8gnEzbO8M=
        evidence-path 1rTe05ApkHKzuoMrnEDP+MVnxFmnoEq4zzU01ldwUCA=
        evidence-path sG2xwOOyN5sTMecNu+zHSS8jsRbaR3oT/NNkEfUyXck=

        vaxlink/ledger/e6202c7fe2b574595f97abafbf410166
        8
        HRrCJdCEN3PXNod0r/VUZseOSUgkv67/erQWOgJFBAU=
        chain 7GkDsuXRYAWJ4S7MXLoZZAd0KKTp0WbjoL72imkmXlE=

        — vaxlink K+HjlDBOUHuZvgw4FZFCVueOaccXvu4sIHfwUPXGHKezvgBUpL8C7vYVEnevcrTrXZzCHxoqPe2cSFH4Y07Y3BohxAI=
        """ + "\n"

    func makeLedger(_ dir: String) throws -> (LedgerWriter, LedgerReader) {
        let path = dir + "/vectors.ledger"
        let writer = try LedgerWriter.open(path: path, header: fixtureHeader(version: 1), signingKey: fixtureKey)
        let records = fixtureRecords(2..<5)
        try writer.appendBatch(decisions: records.decisions, rejects: records.rejects)
        try writer.finish(checkpointOut: nil)
        return (writer, try LedgerReader(path: path))
    }

    @Test func canonicalBytesChainLeavesAndRoot() throws {
        try withTemporaryDirectory { dir in
            let (writer, reader) = try makeLedger(dir)
            var chain = [UInt8](repeating: 0, count: 32)
            for seq in 0..<8 {
                let bytes = try #require(try reader.canonicalBytes(seq: seq))
                #expect(hexString(bytes) == Self.canonical[seq], "entry \(seq)")
                // chain(seq) = SHA256(chain(seq-1) || canonical(seq)), recomputed independently here.
                chain = SHA256.hash(chain + bytes).bytes
                #expect(hexString(chain) == Self.chain[seq], "entry \(seq)")
                #expect(SHA256.hash([0] + bytes).hex == Self.leaves[seq], "entry \(seq)")
            }
            #expect(writer.head.checkpoint.root.hex == Self.root)
            #expect(writer.head.chainHead.hex == Self.chain[7])
            #expect(writer.head.checkpoint.text == Self.checkpoint)
        }
    }

    @Test func checkpointAndProofCheck() throws {
        try withTemporaryDirectory { dir in
            let (_, reader) = try makeLedger(dir)
            let checkpoint = try Checkpoint(text: Self.checkpoint, key: fixtureKey.publicKey)
            #expect(checkpoint.treeSize == 8)
            #expect(checkpoint.root.hex == Self.root)
            #expect(try InclusionProof.make(reader: reader, shotID: "S2").text == Self.proof)
            let proven = try InclusionProof(text: Self.proof).check(key: fixtureKey.publicKey)
            guard case .decision(let decision) = proven else {
                Issue.record("not a decision")
                return
            }
            #expect(decision == fixtureRecords(2..<3).decisions[0])
        }
    }

    @Test func keyIDFollowsC2SPSignedNote() {
        // SHA-256("vaxlink" || 0x0A || 0x01 || public key)[0..<4]
        #expect(hexString(Checkpoint.keyID(name: "vaxlink", key: fixtureKey.publicKey)) == "2be1e394")
    }
}
