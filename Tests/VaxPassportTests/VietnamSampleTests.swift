import Foundation
import Testing
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// The real Vietnamese certificate from the EU's DCC quality-assurance collection.
@Suite(.enabled(if: DCCTestData.isPresent, Comment(rawValue: DCCTestData.absentMessage)))
struct VietnamSampleTests {
    static func sampleText() throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: DCCTestData.directory + "/VN-sample-hc1.txt"))
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func decodesPassesTheSchemaAndReportsTheSignerKeyUnavailable() throws {
        let text = try Self.sampleText()
        #expect(text.utf8.count == 825)
        // Checked on 2022-06-01, inside its validity, with no signer certificate at hand.
        let result = HC1Verifier(certificates: []).verify(text, at: DCCTime.parseInstant("2022-06-01T00:00:00Z")!)
        for stage in HC1Stage.allCases where stage.isDecodingStage {
            #expect(result.outcome(of: stage) == true, "\(stage) failed")
        }
        #expect(result.outcome(of: .schema) == true)
        #expect(result.schemaViolations.isEmpty)
        #expect(result.kid.map { hexString($0).uppercased() } == "F30DA46716F7882D")
        #expect(result.message?.algorithmIdentifier == -37)
        #expect(result.algorithm == .ps256)
        #expect(result.issuer == "VN")
        #expect(result.dcc?["ver"]?.textValue == "1.3.0")
        #expect(result.outcome(of: .signature) == false)
        #expect(result.signatureProblem == .keyNotAvailable)
        #expect(result.failedStage == .signature)
        #expect(!result.isValid)
    }

    @Test func aCertificateWithAnotherKidIsReportedAsNotMatching() throws {
        let key = try SigningKey.generate(.es256)
        let other = try SignerCertificate.selfSigned(key: key, commonName: "Other DSC", country: "VN", validDays: 1)
        let result = HC1Verifier(certificates: [other]).verify(try Self.sampleText(), at: 1_654_041_600)
        #expect(result.signatureProblem == .keyNotAvailable)
        let detail = result.checks.first { $0.stage == .signature }?.detail ?? ""
        #expect(detail.contains("F30DA46716F7882D") && detail.contains("does not match"))
        #expect(detail.contains(hexString(other.kid).uppercased()))
    }

    @Test func theCommandLineReportsTheSameAndExitsOne() throws {
        let result = try runVaxlink([
            "passport", "verify", "--file", DCCTestData.directory + "/VN-sample-hc1.txt", "--at", "2022-06-01",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("INVALID at signature: signer key not available"))
        #expect(result.stdout.contains("ok     schema        DCC schema 1.3.0"))
        #expect(result.stdout.contains("kid F30DA46716F7882D, alg PS256 (-37)"))
    }
}
