import VaxCore
public import VaxCrypto

// What a document signer certificate (DSC) must be to sign a passport, one rule set for
// `passport issue` (before signing) and `passport verify` (after the signature verifies):
//
// | rule | source | issue | verify |
// |---|---|---|---|
// | key: P-256 for ES256, RSA >= 2048 bits for PS256 | eHN "Electronic Health Certificates" v1.3 §3.3.2; DCC Trust Framework §5.1 (DSC profile) | refuse | signature stage fails |
// | key usage digitalSignature, where the extension is present | RFC 5280 §4.2.1.3; DSC profile | refuse | key-usage stage fails |
// | extended key usage: DCC OIDs present → only those types; none → every type | DCC Trust Framework §5.1.1 | refuse | key-usage stage fails |
// | validity covers iat | DSC profile: a DSC signs only while valid | refuse (not yet valid) | signer stage fails |
// | validity covers exp | eHN v1.3 §3.3.4: an HCERT must not outlive its DSC | cap exp, warn | warning |
// | subject C is the issuer (iss), when iss is an ISO 3166 code | eHN v1.3 §3.3.1 (iss); DSC profile (C) | refuse | signer stage fails |
//
// Verify only warns on exp beyond the DSC, as the EU test vectors (FR, HU) carry such
// certificates and a verifier cannot shorten what was issued; issue never produces one.

/// The rules a document signer certificate must meet to sign a DCC.
public enum SignerRules {
    /// Why `certificate`'s key may not make `algorithm` signatures, or nil.
    public static func keyProblem(_ certificate: SignerCertificate, algorithm: SignatureAlgorithm) -> String? {
        guard certificate.algorithm == algorithm else {
            return "the signer certificate holds no \(algorithm.rawValue) key"
        }
        switch algorithm {
        case .es256:
            let curve = certificate.curveName ?? "an unnamed curve"
            return curve == "prime256v1" || curve == "P-256"
                ? nil : "ES256 needs a P-256 key; the signer certificate's key is on \(curve)"
        case .ps256:
            let bits = certificate.keyBits
            return bits >= 2048
                ? nil : "PS256 needs an RSA key of at least 2048 bits; the signer certificate's has \(bits)"
        }
    }

    /// Why `certificate` may not sign certificates of `types`, or nil: its key usage, if
    /// present, must allow digitalSignature; its DCC extended key usages, if it names any,
    /// must include every type (one naming none may sign every type).
    public static func usageProblem(_ certificate: SignerCertificate, types: Set<DCCKeyUsage>) -> String? {
        if certificate.allowsDigitalSignature == false {
            return "the signer certificate's key usage does not allow digitalSignature"
        }
        let usages = certificate.dccKeyUsages
        guard !usages.isEmpty else { return nil }
        let refused = types.subtracting(usages)
        guard !refused.isEmpty else { return nil }
        let allowed = usages.map(\.rawValue).sorted().joined(separator: ", ")
        return "the signer certificate's extended key usage allows \(allowed) certificates, not "
            + refused.map(\.rawValue).sorted().joined(separator: ", ")
    }

    /// Why `certificate` may not have signed at `issuedAt` for issuer `issuer`, or nil: iat
    /// within its validity, and its country (C) equal to iss when iss is a country code.
    public static func signerProblem(_ certificate: SignerCertificate, issuer: String?, issuedAt: Int64?) -> String? {
        if let issuedAt, issuedAt < certificate.notBefore || issuedAt > certificate.notAfter {
            return "issued at \(DCCTime.format(issuedAt)), outside the signer certificate's validity "
                + "\(DCCTime.format(certificate.notBefore)) to \(DCCTime.format(certificate.notAfter))"
        }
        if let issuer, isCountryCode(issuer), let country = certificate.country, country != issuer {
            return "the issuer is \(issuer) but the signer certificate is \(country)'s"
        }
        return nil
    }

    /// A warning when the passport outlives its signer certificate, or nil.
    public static func lifetimeWarning(_ certificate: SignerCertificate, expiresAt: Int64?) -> String? {
        guard let expiresAt, expiresAt > certificate.notAfter else { return nil }
        return
            "expires \(DCCTime.format(expiresAt)), after its signer certificate (\(DCCTime.format(certificate.notAfter)))"
    }

    /// Whether `text` is an ISO 3166-1 alpha-2 code in form (two capital letters).
    static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// The iat and exp to issue with, after every rule: exp is `validDays` after `now`,
    /// capped at the certificate's end (with a warning).
    public struct IssuePlan: Sendable, Equatable {
        /// The iat claim.
        public var issuedAt: Int64
        /// The exp claim.
        public var expiresAt: Int64
        /// What the operator should know (a capped lifetime).
        public var warnings: [String]
    }

    /// Checks `certificate` before issuing `types` certificates for `country` at `now`.
    /// - Parameter minimumRemaining: a certificate with less validity left is refused as
    ///   about to expire (its passports would be near-useless); default 14 days.
    /// - Throws: `VaxError(.usage)` naming the broken rule.
    public static func planIssue(
        certificate: SignerCertificate, algorithm: SignatureAlgorithm, country: String, types: Set<DCCKeyUsage>,
        now: Int64, validDays: Int, minimumRemaining: Int64 = 14 * 86_400
    ) throws -> IssuePlan {
        if let problem = keyProblem(certificate, algorithm: algorithm) ?? usageProblem(certificate, types: types) {
            throw VaxError(.usage, problem)
        }
        guard certificate.notBefore <= now else {
            throw VaxError(
                .usage, "the signer certificate is not valid before \(DCCTime.format(certificate.notBefore))")
        }
        guard certificate.notAfter - now >= minimumRemaining else {
            throw VaxError(
                .usage,
                "the signer certificate expires \(DCCTime.format(certificate.notAfter)), in less than "
                    + "\(minimumRemaining / 86_400) days: renew it before issuing")
        }
        if let problem = signerProblem(certificate, issuer: country, issuedAt: now) { throw VaxError(.usage, problem) }
        let wanted = now + Int64(validDays) * 86_400
        var plan = IssuePlan(issuedAt: now, expiresAt: min(wanted, certificate.notAfter), warnings: [])
        if wanted > certificate.notAfter {
            plan.warnings.append(
                "passports expire \(DCCTime.format(certificate.notAfter)) with the signer certificate, "
                    + "\((wanted - certificate.notAfter + 86_399) / 86_400) days before the \(validDays) days asked")
        }
        return plan
    }
}
