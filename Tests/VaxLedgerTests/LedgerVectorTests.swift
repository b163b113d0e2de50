import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// The test vectors of docs/ledger-format.md "Test vectors", kept here as literals: the doc and
// this test must say the same. The ledger: the fixture header, then one batch of input records
// 2, 3 and 4 (record 3 is a reject), signed with RFC 8032 test 1's key.
@Suite struct LedgerVectorTests {
    static let canonical = [
        "00000000000000000001010005302e312e300001000973686f74732e63737609fe70881253e3543d9f33f009536ae020e96859f79233cb3ee7a74c45cc2ec5824d80d71985f082a26997a8db88b5d1dd45b777d73585d03d236303e21bde974f93e5df395c7b831bbd760bdc8b7b74ad21079f5dd5e844b06432255fcef16f000200046c696e6b0003302e3900067265766965770003302e35d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "0000000000000001000400000000000000000000000000000001",
        "00000000000000020253320200000004030300000002540be4023f947ae147ae147bc0210000000000000000126e3d302e39373b623d313b733d313b703d3239f826c6d26fd42c47de8eeefc04bced7c5edce321bbb6152d7fb525cd934c84",
        "00000000000000030003000000050000000b6669656c645f636f756e74001a65787065637465642039206669656c64732c20666f756e64203801000966756c6c5f6e616d65bb858e06516117b563ef929766e61ee93586a94d89312442c7259dad2e3c3a02",
        "000000000000000402533402000000060505ffffffffffffffff3fa47ae147ae147bc01a0000000000000000126e3d302e39373b623d313b733d313b703d344527180a926cb08181faffde56c7a572180cdcfc4144b0ca4c523b296f9b9729",
        "0000000000000005000400000000000000010000000000000003",
    ]
    static let chain = [
        "e6202c7fe2b574595f97abafbf410166c1559aefa838e3c86801fd148c72b4b8",
        "84443b90ebe2ad74496aec77a43304ce6b7d1e14a3435a6d511174e73ba329b0",
        "b9d21618802716b2ffc8cdcdf0fc7a7318ee1e89ec1b01d64c2ca6151b8bbb20",
        "da2f43b265ce33497c2e96d87b1f9e88f5d995b1624a750b1b2214734c7bd082",
        "e2fdfc5b4e72e0f101d14d79d73df1589cb6c05d13b7020631cca0885ecef98c",
        "07130a4c97f4c68dd0f0a5dd8387f3395162b50dd546e936dfb670fe055c1122",
    ]
    static let leaves = [
        "2f8e37ff054a12ec8d860f24d8d92d17f69981b3eb2a95fc5b33d07eac49d416",
        "1a8f3330b67027d1d9f864963c9db92ef73744579566ec94d432b6df53cd2acc",
        "100ec931b7c58dffc61d16e73c00bcc2f2103b33fd7b81dce4fdc411af0e8a01",
        "2c3d610447e1fd198aad95ea37f79367abc3977c4061514a234b25ad5a846c60",
        "1e61630f6526b327f2fef3f240f7a211e073fc7abdde117ab46d6bad3a907eee",
        "184e1493be24d810c6e5ed144d58b33db906987b1de53b3c537f67f273808c96",
    ]
    static let root = "ce9bcca38df507eb21d72acf41bd45e999ff7b815d4217ee3c7752441db19a0c"
    static let checkpoint = """
        vaxlink/ledger/e6202c7fe2b574595f97abafbf410166
        6
        zpvMo431B+sh1yrPQb1F6Zn/e4FdQhfuPHdSRB2xmgw=
        chain BxMKTJf0xo3Q8KXdg4fzOVFitQ3VRuk237Zw/gVcESI=

        — vaxlink K+HjlEKgODoUZk+csTvtweehQ/j8sUbFO3VfK+Uexplxo5XxADyiasIPtL53znB35A0G4VV6ugpSbNMLsAohdx7kMgs=
        """ + "\n"
    static let proof = """
        vaxlink inclusion proof v1
        index 2
        entry AAAAAAAAAAICUzICAAAABAMDAAAAAlQL5AI/lHrhR64Ue8AhAAAAAAAAAAASbj0wLjk3O2I9MTtzPTE7cD0yOfgmxtJv1CxH3o7u/AS87Xxe3OMhu7YVLX+1Jc2TTIQ=
        path LD1hBEfh/RmKrZXqN/eTZ6vDl3xAYVFKI0slrVqEbGA=
        path 1rTe05ApkHKzuoMrnEDP+MVnxFmnoEq4zzU01ldwUCA=
        path pQC0wW6FfMG+yVuv1Tm4SnRtftlbYOKJknGorokPmWk=

        vaxlink/ledger/e6202c7fe2b574595f97abafbf410166
        6
        zpvMo431B+sh1yrPQb1F6Zn/e4FdQhfuPHdSRB2xmgw=
        chain BxMKTJf0xo3Q8KXdg4fzOVFitQ3VRuk237Zw/gVcESI=

        — vaxlink K+HjlEKgODoUZk+csTvtweehQ/j8sUbFO3VfK+Uexplxo5XxADyiasIPtL53znB35A0G4VV6ugpSbNMLsAohdx7kMgs=
        """ + "\n"

    func makeLedger(_ dir: String) throws -> (LedgerWriter, LedgerReader) {
        let path = dir + "/vectors.ledger"
        let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
        let records = fixtureRecords(2..<5)
        try writer.appendBatch(decisions: records.decisions, rejects: records.rejects)
        try writer.finish(checkpointOut: nil)
        return (writer, try LedgerReader(path: path))
    }

    @Test func canonicalBytesChainLeavesAndRoot() throws {
        try withTemporaryDirectory { dir in
            let (writer, reader) = try makeLedger(dir)
            var chain = [UInt8](repeating: 0, count: 32)
            for seq in 0..<6 {
                let bytes = try #require(try reader.canonicalBytes(seq: seq))
                #expect(hexString(bytes) == Self.canonical[seq], "entry \(seq)")
                // chain(seq) = SHA256(chain(seq-1) || canonical(seq)), recomputed independently here.
                chain = SHA256.hash(chain + bytes).bytes
                #expect(hexString(chain) == Self.chain[seq], "entry \(seq)")
                #expect(SHA256.hash([0] + bytes).hex == Self.leaves[seq], "entry \(seq)")
            }
            #expect(writer.head.checkpoint.root.hex == Self.root)
            #expect(writer.head.chainHead.hex == Self.chain[5])
            #expect(writer.head.checkpoint.text == Self.checkpoint)
        }
    }

    @Test func checkpointAndProofCheck() throws {
        try withTemporaryDirectory { dir in
            let (_, reader) = try makeLedger(dir)
            let checkpoint = try Checkpoint(text: Self.checkpoint, key: fixtureKey.publicKey)
            #expect(checkpoint.treeSize == 6)
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
