import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Test vectors, version 2": the same tiny ledger as LedgerVectorTests
// in format version 2 (header version byte 2, seals committing the chain before them, a plain
// C2SP checkpoint under the key name = origin). The values were reproduced by an independent
// Python script (hashlib and the cryptography package's Ed25519) from the canonical bytes.
@Suite struct LedgerVectorV2Tests {
    static let canonical = [
        "00000000000000000001020005302e312e300001000973686f74732e63737609fe70881253e3543d9f33f009536ae020e96859f79233cb3ee7a74c45cc2ec5824d80d71985f082a26997a8db88b5d1dd45b777d73585d03d236303e21bde974f93e5df395c7b831bbd760bdc8b7b74ad21079f5dd5e844b06432255fcef16f000200046c696e6b0003302e3900067265766965770003302e35d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "0000000000000001000400000000000000000000000000000001c7fbd6b838f5a3c80004ba6124242683b6a33ab4c7ca1e46049075d26821bdf3",
        "000000000000000200050000000000126e3d302e39373b623d313b733d313b703d32",
        "00000000000000030253320200000004030300000002540be4023f947ae147ae147bc021000000000000000000000039f826c6d26fd42c47de8eeefc04bced7c5edce321bbb6152d7fb525cd934c84",
        "00000000000000040003000000050000000b6669656c645f636f756e74001a65787065637465642039206669656c64732c20666f756e64203801000966756c6c5f6e616d65bb858e06516117b563ef929766e61ee93586a94d89312442c7259dad2e3c3a02",
        "000000000000000500050000000100126e3d302e39373b623d313b733d313b703d31",
        "000000000000000602533402000000060505ffffffffffffffff3fa47ae147ae147bc01a00000000000000000000014527180a926cb08181faffde56c7a572180cdcfc4144b0ca4c523b296f9b9729",
        "00000000000000070004000000000000000100000000000000050b90a65d916f793fc122162cb70bfefc816d149d1c25f9ef48353b1ffe77be76",
    ]
    static let chain = [
        "c7fbd6b838f5a3c80004ba6124242683b6a33ab4c7ca1e46049075d26821bdf3",
        "a151b366116dd923998e6ebb91c041ae7ac312c249fc5ed11b2c699f952f1be9",
        "201cb70fcfbe49b8f7d581a16e46178be244608e9b0250214a43d58f83ddfa0f",
        "2c57f9d82fa61e2ecb040aba5f82d9011747c9b2b217f11a8a2bc8f2cde28bd4",
        "8dcac359123e98db2052d2d01983a3a6786733c8d935cba7404000839cb185a9",
        "444ae4df8920c7ec0d950bcbf63de7353393a20562eaec38920285ab01c0769f",
        "0b90a65d916f793fc122162cb70bfefc816d149d1c25f9ef48353b1ffe77be76",
        "2e0a0daf2ad6bed0e6eecef2e24711006096077f8e0ad1b48b2c10e0fe5709ed",
    ]
    static let leaves = [
        "a68daf9b128ba5c099b253f85649b352bcf891cc725d11153e23d67da31d1337",
        "b748bc2925b9b4029248a336596f388252b3f1567cac012e7c657aece214cdb4",
        "fc1af26671144c9f0398e4a58ac15f3d4f89bbfa1b14e258bd99f905770f2be1",
        "ef21072b061d0a3180b7f2cb92bfe7a20718217708bc76b40dff209c4cdb3bc3",
        "aa160fdb65bce47f5d2c6762f0ae5d70e383788dd7bdd71e68bc0d434ba1206c",
        "09772eb2f345a22b62c67792d3d2c3c0a910e54266d178265d07341599d1b754",
        "7d969ef16a107dfcf471d29e3be00b1591862f31dc8c64c15b6d860d21d1ba28",
        "30b9cf75f87bc85b87b31df5f6269f22c094abb49f59294a41bda4441d1d98c0",
    ]
    static let root = "29cf80598d7fe6bdb2ee2e7c9d850c3438fc9057f7b0f5d2fae3b39ded8c5e2a"
    static let checkpoint = """
        vaxlink/ledger/c7fbd6b838f5a3c80004ba6124242683
        8
        Kc+AWY1/5r2y7i58nYUMNDj8kFf3sPXS+uOzne2MXio=

        — vaxlink/ledger/c7fbd6b838f5a3c80004ba6124242683 pByhSJjPgaTyXg23RVY5peTh/eedAODvURO3dXeeRxNBnqX9d2bnYxdGh02+QwoQDOri1ryLffIzblUylyh6R3iAyg8=
        """ + "\n"
    static let proof = """
        vaxlink inclusion proof v1
        index 3
        entry AAAAAAAAAAMCUzICAAAABAMDAAAAAlQL5AI/lHrhR64Ue8AhAAAAAAAAAAAAAAA5+CbG0m/ULEfeju78BLztfF7c4yG7thUtf7UlzZNMhA==
        path /BryZnEUTJ8DmOSlisFfPU+Ju/obFOJYvZn5BXcPK+E=
        path 97HLwsmYtUJ4rQA1iEjHCZIRTzviLx4y1zFb6a4jHS8=
        path dqQUqz+4RwKsUxwRSY177EicHo0QLW8k8xCGlXl/RdA=
        evidence-index 2
        evidence-entry AAAAAAAAAAIABQAAAAAAEm49MC45NztiPTE7cz0xO3A9Mg==
        evidence-path 7yEHKwYdCjGAt/LLkr/nogcYIXcIvHa0Df8gnEzbO8M=
        evidence-path 97HLwsmYtUJ4rQA1iEjHCZIRTzviLx4y1zFb6a4jHS8=
        evidence-path dqQUqz+4RwKsUxwRSY177EicHo0QLW8k8xCGlXl/RdA=

        vaxlink/ledger/c7fbd6b838f5a3c80004ba6124242683
        8
        Kc+AWY1/5r2y7i58nYUMNDj8kFf3sPXS+uOzne2MXio=

        — vaxlink/ledger/c7fbd6b838f5a3c80004ba6124242683 pByhSJjPgaTyXg23RVY5peTh/eedAODvURO3dXeeRxNBnqX9d2bnYxdGh02+QwoQDOri1ryLffIzblUylyh6R3iAyg8=
        """ + "\n"
    static let verifierKey =
        "vaxlink/ledger/c7fbd6b838f5a3c80004ba6124242683+a41ca148+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea"

    func makeLedger(_ dir: String) throws -> (LedgerWriter, LedgerReader) {
        let path = dir + "/vectors.ledger"
        let writer = try LedgerWriter.open(path: path, header: fixtureHeader(version: 2), signingKey: fixtureKey)
        let records = fixtureRecords(2..<5)
        try writer.appendBatch(decisions: records.decisions, rejects: records.rejects)
        try writer.finish(checkpointOut: nil)
        return (writer, try LedgerReader(path: path))
    }

    @Test func canonicalBytesChainLeavesRootAndCheckpoint() throws {
        try withTemporaryDirectory { dir in
            let (writer, reader) = try makeLedger(dir)
            var chain = [UInt8](repeating: 0, count: 32)
            for seq in 0..<8 {
                let bytes = try #require(try reader.canonicalBytes(seq: seq))
                #expect(hexString(bytes) == Self.canonical[seq], "entry \(seq)")
                // A seal commits the chain hash before it: its last 32 bytes.
                if bytes[9] == EntryKind.seal.rawValue { #expect(Array(bytes.suffix(32)) == chain, "seal \(seq)") }
                chain = SHA256.hash(chain + bytes).bytes
                #expect(hexString(chain) == Self.chain[seq], "entry \(seq)")
                #expect(SHA256.hash([0] + bytes).hex == Self.leaves[seq], "entry \(seq)")
            }
            #expect(writer.head.checkpoint.root.hex == Self.root)
            #expect(writer.head.chainHead.hex == Self.chain[7])
            #expect(writer.head.checkpoint.text == Self.checkpoint)
            let report = try LedgerVerifier.verify(path: dir + "/vectors.ledger", publicKey: fixtureKey.publicKey)
            #expect(report.isValid)
            #expect(report.chainHead?.hex == Self.chain[7])
        }
    }

    @Test func checkpointIsAPlainC2SPCheckpointUnderTheOrigin() throws {
        let checkpoint = try Checkpoint(text: Self.checkpoint, key: fixtureKey.publicKey)
        #expect(checkpoint.formatVersion == 2)
        #expect(checkpoint.chainHead == nil)
        #expect(checkpoint.treeSize == 8)
        #expect(checkpoint.root.hex == Self.root)
        // The key name is the origin line (C2SP tlog-checkpoint).
        let signature = Self.checkpoint.split(separator: "\n").last!
        #expect(signature.hasPrefix("\u{2014} \(checkpoint.origin) "))
        #expect(Checkpoint.verifierKey(origin: checkpoint.origin, key: fixtureKey.publicKey) == Self.verifierKey)
    }

    @Test func proofOfAVersion2Ledger() throws {
        try withTemporaryDirectory { dir in
            let (_, reader) = try makeLedger(dir)
            #expect(try InclusionProof.make(reader: reader, shotID: "S2").text == Self.proof)
            guard case .decision(let decision) = try InclusionProof(text: Self.proof).check(key: fixtureKey.publicKey)
            else {
                Issue.record("not a decision")
                return
            }
            #expect(decision == fixtureRecords(2..<3).decisions[0])
        }
    }

    @Test(arguments: [UInt8(1), 2])
    func bothVersionsVerifyResumeAndCatchAChangedSeal(version: UInt8) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            // The first writer ends (and lets go of the ledger's lock) before the resume.
            let headBefore = try {
                let writer = try LedgerWriter.open(
                    path: path, header: fixtureHeader(version: version), signingKey: fixtureKey)
                try writer.appendBatch(
                    decisions: fixtureRecords(0..<300).decisions, rejects: fixtureRecords(0..<300).rejects)
                return writer.head.chainHead
            }()
            // Resume from the file alone (version 2 takes the chain head from the last seal).
            let resumed = try LedgerWriter.open(
                path: path, header: fixtureHeader(version: version), signingKey: fixtureKey)
            #expect(resumed.head.chainHead == headBefore)
            let more = fixtureRecords(300..<600)
            try resumed.appendBatch(decisions: more.decisions, rejects: more.rejects)
            try resumed.finish(checkpointOut: nil)
            for threads in [1, 2] {
                let report = try LedgerVerifier.verify(path: path, threads: threads)
                #expect(report.isValid, "\(String(describing: report.failure))")
                #expect(report.chainHead == resumed.head.chainHead)
            }
            // A forger re-signing a version-2 seal that commits a wrong chain hash.
            if version == 2 {
                var entries = try readRawEntries(path)
                let seal = entries.indices.last!
                try forgeLedger(path: dir + "/forged.ledger", entries: entries)
                #expect(try LedgerVerifier.verify(path: dir + "/forged.ledger").isValid)
                entries[seal].body[20] ^= 1
                let database = try SQLiteDatabase(path: path, readOnly: false)
                try database.execute("UPDATE entry SET body = X'\(hexString(entries[seal].body))' WHERE seq = \(seal)")
                #expect(try LedgerVerifier.verify(path: path).failure?.seq == seal)
            }
        }
    }
}
