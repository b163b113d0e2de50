import VaxCore
import VaxCrypto
import VaxPassport

// The input is the text as UTF-8 (invalid bytes become U+FFFD, as a text file read would).
// One trusted certificate, the document signer of the EU DCC test vector DE/2DCode/raw/1.json
// (dcc-testdata, Apache 2.0), so texts from that signer reach the signature and key-usage
// checks; the clock is that vector's validation clock.

/// The HC1 verifier target.
enum HC1Fuzz {
    /// 2021-06-01T20:00:00+02:00.
    static let clock: Int64 = 1_622_570_400

    static let verifier: HC1Verifier = {
        let certificates: [SignerCertificate]
        if let der = Base64.decode(deSignerBase64), let certificate = try? SignerCertificate(pemOrDER: der) {
            certificates = [certificate]
        } else {
            certificates = []
        }
        return HC1Verifier(certificates: certificates)
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let result = verifier.verify(String(decoding: bytes, as: UTF8.self), at: clock)
        blackHole(result.textReport.utf8.count &+ result.verdict.utf8.count)
        blackHole(result.jsonReport)
    }
}
