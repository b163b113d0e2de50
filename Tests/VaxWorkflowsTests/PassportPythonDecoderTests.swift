import Foundation
import Testing
import VaxCrypto
import VaxTestSupport

/// An independent decoder (Python's zlib, cbor2 and cryptography; see
/// VaxTestSupport's IndependentDecoder) decodes and verifies what `PassportIssueSession` wrote.
@Suite(.enabled(if: IndependentDecoder.isAvailable, Comment(rawValue: IndependentDecoder.absentMessage)))
struct PassportPythonDecoderTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func pythonDecodesAndVerifiesIssuedPassports(algorithm: SignatureAlgorithm) throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let key = try run.makeKey(algorithm, name: "k")
            _ = try run.session(key: key, out: dir + "/p").run()
            let decoded = try IndependentDecoder.decode(input: dir + "/p/passports.csv", certificatePEM: key.1, limit: 200)
            #expect(decoded.status == 0, "\(decoded.stderr)")
            #expect(decoded.results.count == 200)
            for result in decoded.results {
                #expect(result["signatureVerifies"] as? Bool == true)
                #expect(result["kidMatches"] as? Bool == true)
                #expect(result["alg"] as? Int == algorithm.coseIdentifier)
                #expect(result["iss"] as? String == "VN")
                #expect((result["exp"] as? Int ?? 0) > (result["iat"] as? Int ?? 0))
                let dcc = result["dcc"] as? [String: Any]
                #expect(dcc?["ver"] as? String == "1.3.0")
                let vaccination = (dcc?["v"] as? [[String: Any]])?.first
                #expect(vaccination?["ci"] as? String == result["rowUVCI"] as? String, "the payload's ci is the CSV's uvci")
            }
        }
    }
}
