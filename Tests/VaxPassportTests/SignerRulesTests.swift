import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// The signer rules of issue 14 (finding 5), the same for issue and verify.
@Suite struct SignerRulesTests {
    static let now: Int64 = 1_750_000_000
    static let day: Int64 = 86_400

    static func certificate(
        _ key: SigningKey, country: String = "VN", from: Int64 = now - day, days: Int = 365,
        keyUsage: String = "critical,digitalSignature", extendedKeyUsage: [String] = DCCKeyUsage.allCases.map(\.oid)
    ) throws -> SignerCertificate {
        try SignerCertificate.selfSigned(
            key: key, commonName: "DSC", country: country, validDays: days, validFrom: from, keyUsage: keyUsage,
            extendedKeyUsage: extendedKeyUsage)
    }

    static func plan(_ certificate: SignerCertificate, algorithm: SignatureAlgorithm = .es256, validDays: Int = 365)
        throws -> SignerRules.IssuePlan
    {
        try SignerRules.planIssue(
            certificate: certificate, algorithm: algorithm, country: "VN", types: [.vaccination], now: now,
            validDays: validDays)
    }

    // spec: issue 14 "issue caps and warns"
    @Test func issueCapsExpAtTheCertificateAndWarns() throws {
        let key = try SigningKey.generate(.es256)
        let long = try Self.plan(try Self.certificate(key, days: 800))
        #expect(long.issuedAt == Self.now && long.expiresAt == Self.now + 365 * Self.day && long.warnings.isEmpty)
        let short = try Self.certificate(key, days: 41)  // 40 days left
        let capped = try Self.plan(short)
        #expect(capped.expiresAt == short.notAfter && capped.warnings.count == 1)
        #expect(capped.warnings.first?.contains("325 days before") == true, "\(capped.warnings)")
    }

    @Test func issueRefusesWhatVerifyWouldReject() throws {
        let key = try SigningKey.generate(.es256)
        let refusals: [(String, SignerCertificate)] = [
            ("not valid before", try Self.certificate(key, from: Self.now + Self.day)),
            ("in less than 14 days", try Self.certificate(key, days: 10)),
            (
                "allows test certificates, not vaccination",
                try Self.certificate(key, extendedKeyUsage: [DCCKeyUsage.test.oid])
            ),
            ("the issuer is VN but the signer certificate is TH's", try Self.certificate(key, country: "TH")),
            ("does not allow digitalSignature", try Self.certificate(key, keyUsage: "critical,keyCertSign")),
        ]
        for (message, certificate) in refusals {
            #expect {
                try Self.plan(certificate)
            } throws: { error in
                (error as? VaxError)?.message.contains(message) == true
            }
        }
        // No DCC OID at all (only TLS purposes): every type may be signed.
        #expect(throws: Never.self) {
            try Self.plan(try Self.certificate(key, extendedKeyUsage: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]))
        }
        #expect(throws: Never.self) { try Self.plan(try Self.certificate(key, extendedKeyUsage: [])) }
    }

    /// A passport signed around the rules is rejected by verify at the stage that owns the rule.
    @Test func verifyJudgesTheSameRules() throws {
        let key = try SigningKey.generate(.es256)
        let iat = Self.now
        func verify(_ certificate: SignerCertificate, issuer: String = "VN", dcc: CBOR = sampleDCC()) throws
            -> HC1Verification
        {
            let text = try HC1.issue(
                dcc: dcc, issuerCountry: issuer, issuedAt: iat, expiresAt: iat + 30 * Self.day, key: key,
                certificate: certificate
            ).text
            return HC1Verifier(certificates: [certificate]).verify(text, at: iat + Self.day)
        }
        #expect(try verify(try Self.certificate(key)).isValid)
        let notYet = try verify(try Self.certificate(key, from: iat + 60))
        #expect(notYet.outcome(of: .signer) == false && !notYet.isValid)
        let otherCountry = try verify(try Self.certificate(key, country: "TH"))
        #expect(otherCountry.failedStage == .signer, "\(otherCountry.verdict)")
        // An issuer that is a name, not a country code, is not compared.
        #expect(try verify(try Self.certificate(key, country: "TH"), issuer: "Ministry of Health").isValid)
        let testOnly = try verify(try Self.certificate(key, extendedKeyUsage: [DCCKeyUsage.test.oid]))
        #expect(testOnly.failedStage == .keyUsage)
        let noSignature = try verify(try Self.certificate(key, keyUsage: "critical,keyCertSign"))
        #expect(noSignature.failedStage == .keyUsage)
        #expect(try verify(try Self.certificate(key, extendedKeyUsage: ["1.3.6.1.5.5.7.3.1"])).isValid)
        // Outliving the certificate: valid, with a warning.
        let short = try verify(try Self.certificate(key, days: 10))
        #expect(short.isValid && short.warnings.contains { $0.contains("after its signer certificate") })
    }

    /// Keys outside the DCC algorithms, made with the openssl tool: verify rejects them at
    /// the signature stage even though the signature itself is sound.
    @Test(arguments: [
        ("ec", "-pkeyopt ec_paramgen_curve:P-384", SignatureAlgorithm.es256, "secp384r1"),
        ("ec", "-pkeyopt ec_paramgen_curve:secp256k1", .es256, "secp256k1"),
        ("rsa", "-pkeyopt rsa_keygen_bits:1024", .ps256, "1024"),
    ])
    func weakOrWrongKeysAreRejected(_ type: String, _ options: String, _ algorithm: SignatureAlgorithm, _ named: String)
        throws
    {
        try withTemporaryDirectory { directory in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c",
                "openssl req -x509 -newkey \(type) \(options) -nodes -keyout \(directory)/k.pem -out \(directory)/c.pem "
                    + "-days 30 -subj /C=VN/CN=DSC 2>/dev/null",
            ]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                Issue.record("openssl could not make the \(named) certificate")
                return
            }
            let certificate = try SignerCertificate(
                pemOrDER: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/c.pem"))))
            let problem = SignerRules.keyProblem(certificate, algorithm: algorithm)
            #expect(problem?.contains(named) == true, "\(problem ?? "accepted")")
            // A message signed with the weak key by hand: the signature stage says why.
            let cose = CBOR.tagged(
                18,
                .array([
                    .bytes(
                        CBOR.map([
                            CBORMapEntry(.unsigned(1), .int(Int64(algorithm.coseIdentifier))),
                            CBORMapEntry(.unsigned(4), .bytes(certificate.kid)),
                        ]).encoded()),
                    .map([]), .bytes(HC1.claims(dcc: sampleDCC(), issuerCountry: "VN", issuedAt: 0, expiresAt: 1)),
                    .bytes(Array(repeating: 1, count: algorithm == .es256 ? 2 * (certificate.keyBits + 7) / 8 : 128)),
                ])
            ).encoded()
            let result = HC1Verifier(certificates: [certificate]).verify(TestSigner.wrap(cose), at: 0)
            #expect(result.signatureProblem == .keyTypeMismatch, "\(result.verdict)")
        }
    }
}
