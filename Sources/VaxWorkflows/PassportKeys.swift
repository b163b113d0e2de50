import Foundation
import VaxCore
public import VaxCrypto
import VaxPassport

/// Passport signing keys and their self-signed document signer certificates.
public enum PassportKeys {
    /// `vaxlink passport keygen`: writes DIR/passport-key.pem and DIR/passport-cert.pem and
    /// reports the certificate's kid and expiry; refuses to overwrite either file.
    /// - Parameter algorithmName: "ps256" or "es256", in any case.
    /// - Throws: `VaxError(.usage)` for another algorithm or an existing file;
    ///   `.environment` if the folder or a file cannot be written.
    public static func generate(algorithmName: String, directory: String, country: String, commonName: String,
                                days: Int) throws -> WorkflowReport {
        guard let algorithm = SignatureAlgorithm(rawValue: algorithmName.uppercased()) else {
            throw VaxError(.usage, "--algorithm must be ps256 or es256, got '\(algorithmName)'")
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
        let certificate = try writeSigner(
            algorithm, commonName: commonName, country: country, validDays: days,
            keyPath: keyPath, certificatePath: certificatePath)
        return WorkflowReport(
            output: "wrote \(keyPath) (private, keep secret) and \(certificatePath)\n"
                + "algorithm \(algorithm.rawValue), kid \(hexString(certificate.kid).uppercased()), "
                + "valid until \(DCCTime.format(certificate.notAfter))")
    }

    /// Makes a passport signing key and its self-signed signer certificate and writes them:
    /// the key created with mode 0600 from the start (never world-readable), the certificate 0644.
    /// - Returns: the certificate.
    /// - Throws: `VaxError(.environment)` if a file cannot be written or libcrypto fails.
    public static func writeSigner(
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
}
