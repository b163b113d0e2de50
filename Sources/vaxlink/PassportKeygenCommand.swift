import Foundation
import VaxCore
import VaxCrypto
import VaxPassport

/// `vaxlink passport keygen`: a passport signing key and its self-signed document signer certificate.
enum PassportKeygenCommand: Command {
    static let name = "passport keygen"
    static let summary = "Make a passport signing key (PS256 or ES256) and its signer certificate."
    static let help = """
        USAGE: vaxlink passport keygen --algorithm ps256|es256 --out DIR [--country CC]
                                       [--name NAME] [--days N]

        Writes DIR/passport-key.pem (the private key, PKCS#8 PEM, mode 0600) and
        DIR/passport-cert.pem (a self-signed X.509 document signer certificate, PEM) and
        prints the certificate's kid (the first 8 bytes of SHA-256 of its DER form), which
        every certificate it signs names. Refuses to overwrite either file.

        OPTIONS:
          --algorithm  ps256: RSA 2048 with RSASSA-PSS (SHA-256); es256: ECDSA P-256
          --out DIR    the folder for both files (created if missing)
          --country    the issuing country, ISO 3166-1 alpha-2 (default VN)
          --name       the certificate's common name (default "<CC> DSC vaxlink")
          --days       the certificate's lifetime in days (default 730)

        A self-signed certificate suits tests and demos; a national deployment has its
        signer certificate issued by the country signing CA instead.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let algorithmText = try arguments.required("algorithm")
        let directory = try arguments.required("out")
        let country = try arguments.option("country") ?? "VN"
        let commonName = try arguments.option("name") ?? "\(country) DSC vaxlink"
        let days = try arguments.integer("days", default: 730, in: 1...36_500)!
        try arguments.finish()
        guard let algorithm = SignatureAlgorithm(rawValue: algorithmText.uppercased()) else {
            throw VaxError(.usage, "--algorithm must be ps256 or es256, got '\(algorithmText)'")
        }
        let keyPath = directory + "/passport-key.pem"
        let certificatePath = directory + "/passport-cert.pem"
        for path in [keyPath, certificatePath] where FileManager.default.fileExists(atPath: path) {
            throw VaxError(.usage, "\(path) exists; refusing to overwrite a key")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw VaxError(.environment, "cannot create the folder", file: directory)
        }

        let certificate = try writePassportSigner(
            algorithm, commonName: commonName, country: country, validDays: days,
            keyPath: keyPath, certificatePath: certificatePath)
        print("wrote \(keyPath) (private, keep secret) and \(certificatePath)")
        print(
            "algorithm \(algorithm.rawValue), kid \(hexString(certificate.kid).uppercased()), valid until \(DCCTime.format(certificate.notAfter))"
        )
        return 0
    }
}

/// Makes a passport signing key and its self-signed signer certificate and writes them: the
/// key created with mode 0600 from the start (never world-readable), the certificate 0644.
func writePassportSigner(
    _ algorithm: SignatureAlgorithm, commonName: String, country: String, validDays: Int,
    keyPath: String, certificatePath: String
) throws -> SignerCertificate {
    let key = try SigningKey.generate(algorithm)
    let certificate = try SignerCertificate.selfSigned(
        key: key, commonName: commonName, country: country, validDays: validDays)
    try KeyFile.createPrivate(keyPath, try key.privateKeyPEM())
    try KeyFile.createPublic(certificatePath, Array(certificate.pem()))
    return certificate
}
