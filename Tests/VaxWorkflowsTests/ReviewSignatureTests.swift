import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport
import VaxWorkflows

/// `review sign` and the check that `review import` makes of it.
@Suite struct ReviewSignatureTests {
    static let csv = """
        shot_id,decision,citizen_id,reason,reviewer,decided_at
        S1,link,001085000101,,nurse-07,2022-04-20T09:15:00+07:00
        S2,defer,,ask_citizen: call back,nurse-07,2022-04-20T09:16:00+07:00

        """

    private func setUp(_ dir: String) throws -> String {
        try makeDirectory(dir + "/keys")
        _ = try LedgerKeys.writeKeyPair(base: dir + "/site-01-0001")
        try FileManager.default.copyItem(atPath: dir + "/site-01-0001.pub", toPath: dir + "/keys/site-01-0001.pub")
        _ = try LedgerKeys.writeKeyPair(base: dir + "/keys/other-site")
        let file = dir + "/review-decisions.csv"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try ReviewSignature.sign(decisions: file, keyPath: dir + "/site-01-0001.key")
        return file
    }

    @Test func aSignedFileNamesItsSite() throws {
        try withTemporaryDirectory { dir in
            let file = try setUp(dir)
            let signer = try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys")
            #expect(signer.site == "site-01-0001")
            let key = try Ed25519PublicKey(pem: try String(contentsOfFile: dir + "/site-01-0001.pub", encoding: .utf8))
            #expect(signer.keyID == ReviewSignature.keyID(key) && signer.keyID.count == 16)
        }
    }

    @Test func anyChangeOrAnUnregisteredKeyIsRefused() throws {
        try withTemporaryDirectory { dir in
            let file = try setUp(dir)
            // One byte of the decisions changed.
            try Self.csv.replacingOccurrences(of: "S2,defer", with: "S3,defer").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(Workflow.errorKind { try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys") } == .badInput)
            try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(throws: Never.self) { try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys") }
            // The site's key is not registered.
            try FileManager.default.removeItem(atPath: dir + "/keys/site-01-0001.pub")
            #expect(Workflow.errorKind { try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys") } == .badInput)
            try FileManager.default.copyItem(atPath: dir + "/site-01-0001.pub", toPath: dir + "/keys/site-01-0001.pub")
            // The signature itself altered (one base64 character).
            var sig = try String(contentsOfFile: file + ".sig", encoding: .utf8)
            let at = sig.index(sig.range(of: "signature: ")!.upperBound, offsetBy: 3)
            sig.replaceSubrange(at...at, with: sig[at] == "A" ? "B" : "A")
            try sig.write(toFile: file + ".sig", atomically: true, encoding: .utf8)
            #expect(Workflow.errorKind { try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys") } == .badInput)
            // No signature at all.
            try FileManager.default.removeItem(atPath: file + ".sig")
            #expect(Workflow.errorKind { try ReviewSignature.verify(decisions: file, siteKeys: dir + "/keys") } == .badInput)
        }
    }

    @Test func aFileWithABadRowIsNotSigned() throws {
        try withTemporaryDirectory { dir in
            _ = try LedgerKeys.writeKeyPair(base: dir + "/site")
            let file = dir + "/r.csv"
            try (Self.csv + "S9,maybe,,,n,2022-04-20T09:15:00+07:00\n").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(Workflow.errorKind { try ReviewSignature.sign(decisions: file, keyPath: dir + "/site.key") } == .badInput)
            #expect(!FileManager.default.fileExists(atPath: file + ".sig"))
        }
    }
}
