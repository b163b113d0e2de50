import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// Round trip through an independent decoder: Python's zlib, cbor2 and cryptography, with
/// Base45 and the COSE_Sign1 check written in the script (no pycose), and an exact PS256
/// salt-length check.
@Suite(.enabled(if: IndependentDecoder.isAvailable, Comment(rawValue: IndependentDecoder.absentMessage)))
struct IndependentDecoderTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func pythonDecodesAndVerifiesWhatHC1Issues(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "VN DSC test", country: "VN", validDays: 30)
        let names = ["Nguyễn", "Trần", "Lê", "Phạm"]
        let issued = try names.map { name in
            try HC1.issue(
                dcc: sampleDCC(name: name), issuerCountry: "VN", issuedAt: 1_700_000_000,
                expiresAt: 1_731_536_000, key: key, certificate: certificate)
        }
        let lines = try withTemporaryDirectory { directory -> [[String: Any]] in
            try Data(certificate.pem()).write(to: URL(fileURLWithPath: directory + "/cert.pem"))
            try (issued.map(\.text).joined(separator: "\n") + "\n")
                .write(toFile: directory + "/hc1.txt", atomically: true, encoding: .utf8)
            let output = try IndependentDecoder.decode(
                input: directory + "/hc1.txt", certificatePEM: directory + "/cert.pem")
            #expect(output.status == 0, "crosscheck.py failed: \(output.stderr)")
            return output.results
        }
        #expect(lines.count == names.count)
        for (index, line) in lines.enumerated() {
            #expect(line["tag"] as? Int == 18)
            #expect(line["kidMatches"] as? Bool == true)
            #expect(line["alg"] as? Int == algorithm.coseIdentifier)
            #expect(line["signatureVerifies"] as? Bool == true)
            if algorithm == .ps256 { #expect(line["pssSalt32"] as? Bool == true) }
            #expect(line["iss"] as? String == "VN")
            #expect(line["iat"] as? Int == 1_700_000_000)
            #expect(line["exp"] as? Int == 1_731_536_000)
            #expect(line["payloadSHA256"] as? String == hexString(issued[index].payloadSHA256))
            let dcc = line["dcc"] as? [String: Any]
            let nam = dcc?["nam"] as? [String: Any]
            #expect(nam?["fn"] as? String == names[index])
            #expect(dcc?["ver"] as? String == "1.3.0")
            let vaccination = (dcc?["v"] as? [[String: Any]])?.first
            #expect(vaccination?["dn"] as? Int == 2)
            #expect(vaccination?["ci"] as? String == "URN:UVCI:01:VN:ABC123DEF456#K")
        }
    }

    /// The script's own COSE_Sign1 check can fail: a flipped signature byte is refused.
    @Test func theIndependentCheckRejectsATamperedSignature() throws {
        let key = try SigningKey.generate(.es256)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "VN DSC test", country: "VN", validDays: 30)
        let issued = try HC1.issue(
            dcc: sampleDCC(), issuerCountry: "VN", issuedAt: 1_700_000_000, expiresAt: 1_731_536_000, key: key,
            certificate: certificate)
        var message = try COSESign1.decode(try Zlib.decompress(try Base45.decode(Array(issued.text.utf8.dropFirst(4)))))
        message.signature[5] ^= 0x01
        let tampered = "HC1:" + Base45.encode(Zlib.compress(message.encoded()))
        let results = try withTemporaryDirectory { directory -> [[String: Any]] in
            try Data(certificate.pem()).write(to: URL(fileURLWithPath: directory + "/cert.pem"))
            try (issued.text + "\n" + tampered + "\n").write(
                toFile: directory + "/hc1.txt", atomically: true, encoding: .utf8)
            return try IndependentDecoder.decode(input: directory + "/hc1.txt", certificatePEM: directory + "/cert.pem")
                .results
        }
        #expect(results.map { $0["signatureVerifies"] as? Bool } == [true, false])
    }
}
