import Testing
import VaxCrypto
import VaxPassport

/// kid against the real world: a vector's TESTCTX certificate has the kid its COSE header names.
@Suite(.enabled(if: DCCTestData.isPresent, Comment(rawValue: DCCTestData.absentMessage)))
struct KidVectorTests {
    @Test(arguments: ["common/2DCode/raw/CO1.json", "common/2DCode/raw/CO2.json", "common/2DCode/raw/CO3.json"])
    func kidOfTheVectorCertificateMatchesTheMessage(_ path: String) throws {
        let vector = try DCCVector(relativePath: path)
        let certificate = try SignerCertificate(pemOrDER: try #require(vector.certificateDER))
        let result = HC1Verifier(certificates: []).verify(vector.prefixText, at: vector.validationClock ?? 0)
        #expect(result.kid == certificate.kid)
    }
}
