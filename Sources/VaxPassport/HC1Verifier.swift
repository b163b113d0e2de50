import VaxCore
public import VaxCrypto

// The HC1 verifier: prefix → Base45 → zlib → COSE_Sign1 → CWT → signature (kid, key) →
// key usage → expiry at a given time → schema. It never throws on a bad text: every
// failure is a recorded check naming its stage.

/// Verifies HC1 texts against a set of document signer certificates.
public struct HC1Verifier: Sendable {
    /// The trusted signer certificates; the message's kid selects one.
    public var certificates: [SignerCertificate]
    /// The largest inflated COSE message accepted (a guard against zlib bombs).
    public var maximumMessageBytes = 64 * 1024

    /// A verifier trusting `certificates` (may be empty: the signature then fails as
    /// "signer key not available" after all decoding and schema checks).
    public init(certificates: [SignerCertificate]) {
        self.certificates = certificates
    }

    /// Verifies one HC1 text at Unix time `time`.
    public func verify(_ text: String, at time: Int64) -> HC1Verification {
        var result = HC1Verification()
        guard let message = unwrap(text, into: &result) else { return result }
        checkSignature(message, into: &result)
        checkExpiry(at: time, into: &result)
        checkSchema(into: &result)
        return result
    }

    /// The decoding stages; nil once one fails.
    func unwrap(_ text: String, into result: inout HC1Verification) -> COSESign1? {
        let prefix = Array(HC1.prefix.utf8)
        let bytes = Array(text.utf8)
        guard bytes.starts(with: prefix) else {
            let shown = String(decoding: bytes.prefix(4), as: UTF8.self)
            result.record(.prefix, false, "the text does not start with \"HC1:\" (starts with \"\(shown)\")")
            return nil
        }
        result.record(.prefix, true, HC1.prefix)

        let compressed: [UInt8]
        do { compressed = try Base45.decode(Array(bytes[prefix.count...])) } catch {
            result.record(.base45, false, describe(error))
            return nil
        }
        result.record(.base45, true, "\(compressed.count) bytes")

        let cose: [UInt8]
        do {
            guard compressed.first.map({ $0 & 0x0F == 8 }) == true else {
                throw VaxError(.badInput, "no zlib header (the data is not compressed)")
            }
            cose = try Zlib.decompress(compressed, limit: maximumMessageBytes)
        } catch {
            result.record(.decompression, false, describe(error))
            return nil
        }
        result.record(.decompression, true, "\(cose.count) bytes")

        let message: COSESign1
        do { message = try COSESign1.decode(cose) } catch {
            result.record(.cose, false, describe(error))
            return nil
        }
        result.message = message
        result.kid = message.kid
        guard let algorithmIdentifier = message.algorithmIdentifier else {
            result.record(.cose, false, "no integer alg (label 1) in the protected or unprotected header")
            return nil
        }
        result.algorithm = SignatureAlgorithm(coseIdentifier: algorithmIdentifier)
        result.record(.cose, true, "alg \(algorithmIdentifier)")

        do { try readClaims(message.payload, into: &result) } catch {
            result.record(.cwt, false, describe(error))
            return nil
        }
        result.record(.cwt, true, result.issuer.map { "iss \($0)" } ?? "no iss")
        return message
    }

    /// Decodes the CWT claims and checks their types (RFC 8392 §3.1: iss text, iat/exp NumericDate).
    func readClaims(_ payload: [UInt8], into result: inout HC1Verification) throws {
        let claims = try CBOR.decode(payload)
        guard claims.mapEntries != nil else { throw VaxError(.badInput, "the CWT payload is not a map") }
        result.claims = claims
        if let issuer = claims[HC1.Claim.issuer] {
            guard let text = issuer.textValue else { throw VaxError(.badInput, "claim 1 (iss) is not text") }
            result.issuer = text
        }
        func numericDate(_ key: Int64, _ name: String) throws -> Int64? {
            guard let value = claims[key] else { return nil }
            if let seconds = value.integerValue { return seconds }
            if case .double(let d) = value, d.isFinite, abs(d) < 1e15 { return Int64(d.rounded(.down)) }
            throw VaxError(.badInput, "claim \(key) (\(name)) is not a NumericDate")
        }
        result.issuedAt = try numericDate(HC1.Claim.issuedAt, "iat")
        result.expiresAt = try numericDate(HC1.Claim.expiration, "exp")
        guard let hcert = claims[HC1.Claim.healthCertificate] else {
            throw VaxError(.badInput, "no hcert claim (-260)")
        }
        guard let dcc = hcert[HC1.Claim.euDCC], dcc.mapEntries != nil else {
            throw VaxError(.badInput, "hcert (-260) holds no EU DCC map under key 1")
        }
        result.dcc = dcc
    }

    func checkSignature(_ message: COSESign1, into result: inout HC1Verification) {
        func fail(_ problem: HC1Verification.SignatureProblem, _ detail: String) {
            result.signatureProblem = problem
            result.record(.signature, false, detail)
        }
        guard let algorithm = result.algorithm else {
            return fail(.unsupportedAlgorithm, "unsupported signature algorithm \(message.algorithmIdentifier ?? 0)")
        }
        guard let kid = message.kid else {
            return fail(.keyNotAvailable, "signer key not available: the message names no kid")
        }
        let kidText = hexString(kid).uppercased()
        guard let certificate = certificates.first(where: { $0.kid == kid }) else {
            if certificates.isEmpty {
                return fail(
                    .keyNotAvailable, "signer key not available: no signer certificate was given for kid \(kidText)")
            }
            let given = certificates.map { hexString($0.kid).uppercased() }.joined(separator: ", ")
            return fail(
                .keyNotAvailable,
                "signer key not available: kid \(kidText) does not match the given certificate (kid \(given))")
        }
        guard certificate.algorithm == algorithm else {
            return fail(.keyTypeMismatch, "the certificate with kid \(kidText) holds no \(algorithm.rawValue) key")
        }
        if let problem = SignerRules.keyProblem(certificate, algorithm: algorithm) {
            return fail(.keyTypeMismatch, "\(problem) (kid \(kidText))")
        }
        guard certificate.verify(signature: message.signature, message: message.toBeSigned, algorithm: algorithm) else {
            return fail(.invalidSignature, "the \(algorithm.rawValue) signature does not verify (kid \(kidText))")
        }
        result.record(.signature, true, "\(algorithm.rawValue), kid \(kidText)")
        checkKeyUsage(certificate, into: &result)
        checkSigner(certificate, into: &result)
    }

    // spec: SignerRules, the rules issue applies before signing.
    func checkSigner(_ certificate: SignerCertificate, into result: inout HC1Verification) {
        if let warning = SignerRules.lifetimeWarning(certificate, expiresAt: result.expiresAt) {
            result.warnings.append(warning)
        }
        if let problem = SignerRules.signerProblem(certificate, issuer: result.issuer, issuedAt: result.issuedAt) {
            result.record(.signer, false, problem)
        } else {
            result.record(.signer, true, certificate.country.map { "country \($0)" } ?? "")
        }
    }

    func checkKeyUsage(_ certificate: SignerCertificate, into result: inout HC1Verification) {
        guard let dcc = result.dcc else { return }
        if let problem = HC1Verifier.keyUsageProblem(certificate: certificate, dcc: dcc) {
            result.record(.keyUsage, false, problem)
        } else {
            result.record(.keyUsage, true)
        }
    }

    /// Why `certificate` may not sign `dcc`'s type, or nil if it may (`SignerRules.usageProblem`):
    /// key usage digitalSignature where present; a certificate whose extended key usage lists
    /// DCC OIDs may sign only the DCC types among them (vaccination 1.3.6.1.4.1.1847.2021.1.2,
    /// test …1.1, recovery …1.3); one that lists none may sign every type (eHealth Network,
    /// DCC Trust Framework §5.1.1).
    public static func keyUsageProblem(certificate: SignerCertificate, dcc: CBOR) -> String? {
        SignerRules.usageProblem(certificate, types: dccTypes(dcc))
    }

    /// The DCC types whose group (v, t, r) `dcc` holds.
    public static func dccTypes(_ dcc: CBOR) -> Set<DCCKeyUsage> {
        let groups: [(String, DCCKeyUsage)] = [("v", .vaccination), ("t", .test), ("r", .recovery)]
        return Set(groups.filter { dcc[$0.0] != nil }.map(\.1))
    }

    func checkExpiry(at time: Int64, into result: inout HC1Verification) {
        guard let expiresAt = result.expiresAt else { return result.record(.expiry, false, "no exp claim") }
        if let issuedAt = result.issuedAt, time < issuedAt {
            return result.record(
                .expiry, false, "not yet valid at \(DCCTime.format(time)): issued \(DCCTime.format(issuedAt))")
        }
        guard time <= expiresAt else {
            return result.record(
                .expiry, false, "expired at \(DCCTime.format(expiresAt)), checked at \(DCCTime.format(time))")
        }
        result.record(.expiry, true, "valid until \(DCCTime.format(expiresAt))")
    }

    func checkSchema(into result: inout HC1Verification) {
        guard let dcc = result.dcc else { return }
        result.schemaViolations = DCCSchema.validate(dcc)
        result.warnings += DCCSchema.warnings(dcc)
        if result.schemaViolations.isEmpty {
            result.record(.schema, true, "DCC schema \(DCCSchema.version)")
        } else {
            result.record(.schema, false, result.schemaViolations.map(\.description).joined(separator: "; "))
        }
    }

    func describe(_ error: any Error) -> String {
        (error as? VaxError)?.message ?? "\(error)"
    }
}
