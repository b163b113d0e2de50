import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// A signer and helpers that wrap hand-made COSE messages into HC1 texts.
struct TestSigner {
    let key: SigningKey
    let certificate: SignerCertificate
    static let issuedAt: Int64 = 1_700_000_000
    static let expiresAt: Int64 = 1_731_536_000
    static let midway: Int64 = 1_710_000_000

    init(_ algorithm: SignatureAlgorithm = .es256) throws {
        key = try SigningKey.generate(algorithm)
        // Valid a day before iat until after exp, as SignerRules require.
        certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "DSC", country: "VN", validDays: 400, validFrom: Self.issuedAt - 86_400)
    }

    var verifier: HC1Verifier { HC1Verifier(certificates: [certificate]) }

    func issue(_ dcc: CBOR = sampleDCC()) throws -> String {
        try HC1.issue(
            dcc: dcc, issuerCountry: "VN", issuedAt: Self.issuedAt, expiresAt: Self.expiresAt,
            key: key, certificate: certificate
        ).text
    }

    /// "HC1:" + Base45(zlib(cose)).
    static func wrap(_ cose: [UInt8]) -> String { "HC1:" + Base45.encode(Zlib.compress(cose)) }

    /// A COSE_Sign1 over `payload` signed with this key, with the given headers.
    func signedMessage(payload: [UInt8], protected: CBOR, unprotected: CBOR = .map([])) throws -> [UInt8] {
        let protectedBytes = protected.encoded()
        let toBeSigned = CBOR.array([.text("Signature1"), .bytes(protectedBytes), .bytes([]), .bytes(payload)])
            .encoded()
        let signature = try key.sign(toBeSigned)
        return CBOR.tagged(18, .array([.bytes(protectedBytes), unprotected, .bytes(payload), .bytes(signature)]))
            .encoded()
    }

    var protectedHeader: CBOR {
        .map([
            CBORMapEntry(.unsigned(1), .int(Int64(key.algorithm.coseIdentifier))),
            CBORMapEntry(.unsigned(4), .bytes(certificate.kid)),
        ])
    }
}

@Suite struct HC1VerifierTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func anIssuedCertificatePassesEveryStage(_ algorithm: SignatureAlgorithm) throws {
        let signer = try TestSigner(algorithm)
        let result = signer.verifier.verify(try signer.issue(), at: TestSigner.midway)
        #expect(result.isValid, "\(result.verdict)")
        #expect(result.checks.map(\.stage) == HC1Stage.allCases)
        #expect(result.failedStage == nil)
        #expect(
            result.issuer == "VN" && result.issuedAt == TestSigner.issuedAt && result.expiresAt == TestSigner.expiresAt)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.dcc == sampleDCC())
    }

    /// One broken input per decoding stage: (text, stage that must fail).
    @Test func eachDecodingStageNamesItsFailure() throws {
        let signer = try TestSigner()
        let good = try signer.issue()
        let body = String(good.dropFirst(4))
        let claims = HC1.claims(dcc: sampleDCC(), issuerCountry: "VN", issuedAt: 1, expiresAt: 2)
        let cases: [(String, HC1Stage, String)] = [
            ("HC2:" + body, .prefix, "another context identifier"),
            (body, .prefix, "no prefix"),
            ("hc1:" + body, .prefix, "lowercase prefix"),
            ("HC1:" + body + "a", .base45, "lowercase Base45"),
            // Base45 text is 3k or 3k+2 long; which one depends on the signature's bytes, so
            // cut to 3k+1 explicitly (dropping one character of a 3k text would still decode).
            ("HC1:" + body.prefix(body.count - (body.count % 3 == 0 ? 2 : 1)), .base45, "3k+1 characters"),
            (
                "HC1:" + Base45.encode(try signer.signedMessage(payload: claims, protected: signer.protectedHeader)),
                .decompression, "not compressed"
            ),
            (
                "HC1:" + Base45.encode(Array(Zlib.compress(Array(repeating: 0, count: 1 << 20)))), .decompression,
                "a zlib bomb"
            ),
            ("HC1:" + Base45.encode(Array(Zlib.compress([1, 2, 3]).dropLast(2))), .decompression, "truncated zlib"),
            (TestSigner.wrap([0x82, 0x01, 0x02]), .cose, "an array of 2"),
            (TestSigner.wrap(CBOR.tagged(98, .array([])).encoded()), .cose, "COSE_Sign (tag 98)"),
            (TestSigner.wrap([0xD2, 0x84, 0x40, 0xA0, 0xF6, 0x40]), .cose, "a detached payload"),
            (
                TestSigner.wrap(
                    try signer.signedMessage(
                        payload: claims, protected: .map([CBORMapEntry(.unsigned(4), .bytes(signer.certificate.kid))]))),
                .cose, "no alg"
            ),
            (
                TestSigner.wrap(try signer.signedMessage(payload: [0xFF], protected: signer.protectedHeader)), .cwt,
                "payload not CBOR"
            ),
            (
                TestSigner.wrap(
                    try signer.signedMessage(payload: CBOR.array([]).encoded(), protected: signer.protectedHeader)),
                .cwt, "payload not a map"
            ),
            (
                TestSigner.wrap(
                    try signer.signedMessage(
                        payload: CBOR.map([CBORMapEntry(.unsigned(1), .text("VN"))]).encoded(),
                        protected: signer.protectedHeader)), .cwt, "no hcert"
            ),
            (
                TestSigner.wrap(
                    try signer.signedMessage(
                        payload: CBOR.map([
                            CBORMapEntry(.unsigned(1), .unsigned(7)),
                            CBORMapEntry(.int(-260), .map([CBORMapEntry(.unsigned(1), sampleDCC())])),
                        ]).encoded(), protected: signer.protectedHeader)), .cwt, "iss not text"
            ),
            (
                TestSigner.wrap(
                    try signer.signedMessage(
                        payload: CBOR.map([
                            CBORMapEntry(.unsigned(4), .text("soon")),
                            CBORMapEntry(.int(-260), .map([CBORMapEntry(.unsigned(1), sampleDCC())])),
                        ]).encoded(), protected: signer.protectedHeader)), .cwt, "exp not a NumericDate"
            ),
        ]
        for (text, stage, what) in cases {
            let result = signer.verifier.verify(text, at: TestSigner.midway)
            #expect(result.failedStage == stage, "\(what): \(result.verdict)")
            #expect(result.checks.last?.stage == stage, "\(what): decoding must stop at the failed stage")
            #expect(!result.isValid)
        }
    }

    @Test func signatureFailuresSayWhy() throws {
        let signer = try TestSigner()
        let claims = HC1.claims(
            dcc: sampleDCC(), issuerCountry: "VN", issuedAt: TestSigner.issuedAt, expiresAt: TestSigner.expiresAt)
        // Another key signs with this certificate's kid.
        let impostor = try TestSigner()
        let forged = TestSigner.wrap(try impostor.signedMessage(payload: claims, protected: signer.protectedHeader))
        var result = signer.verifier.verify(forged, at: TestSigner.midway)
        #expect(result.signatureProblem == .invalidSignature)
        #expect(result.outcome(of: .schema) == true && result.outcome(of: .expiry) == true)

        // No kid at all, an unknown kid, no certificate, an unsupported alg, a key of the wrong type.
        let noKid = TestSigner.wrap(
            try signer.signedMessage(payload: claims, protected: .map([CBORMapEntry(.unsigned(1), .int(-7))])))
        #expect(signer.verifier.verify(noKid, at: TestSigner.midway).signatureProblem == .keyNotAvailable)
        result = impostor.verifier.verify(try signer.issue(), at: TestSigner.midway)
        #expect(result.signatureProblem == .keyNotAvailable)
        result = HC1Verifier(certificates: []).verify(try signer.issue(), at: TestSigner.midway)
        #expect(result.signatureProblem == .keyNotAvailable)
        #expect(result.checks.first { $0.stage == .signature }?.detail.contains("no signer certificate") == true)
        let eddsa = TestSigner.wrap(
            try signer.signedMessage(
                payload: claims,
                protected: .map([
                    CBORMapEntry(.unsigned(1), .int(-8)), CBORMapEntry(.unsigned(4), .bytes(signer.certificate.kid)),
                ])))
        #expect(signer.verifier.verify(eddsa, at: TestSigner.midway).signatureProblem == .unsupportedAlgorithm)
        let claimsPS256 = TestSigner.wrap(
            try signer.signedMessage(
                payload: claims,
                protected: .map([
                    CBORMapEntry(.unsigned(1), .int(-37)), CBORMapEntry(.unsigned(4), .bytes(signer.certificate.kid)),
                ])))
        #expect(signer.verifier.verify(claimsPS256, at: TestSigner.midway).signatureProblem == .keyTypeMismatch)

        // kid in the unprotected header is used when the protected one has none; the protected one wins.
        let unprotectedKid = TestSigner.wrap(
            try signer.signedMessage(
                payload: claims, protected: .map([CBORMapEntry(.unsigned(1), .int(-7))]),
                unprotected: .map([CBORMapEntry(.unsigned(4), .bytes(signer.certificate.kid))])))
        #expect(signer.verifier.verify(unprotectedKid, at: TestSigner.midway).outcome(of: .signature) == true)
        let conflicting = TestSigner.wrap(
            try signer.signedMessage(
                payload: claims, protected: signer.protectedHeader,
                unprotected: .map([CBORMapEntry(.unsigned(4), .bytes([1, 2, 3, 4, 5, 6, 7, 8]))])))
        #expect(signer.verifier.verify(conflicting, at: TestSigner.midway).outcome(of: .signature) == true)
    }

    @Test func expiryIsCheckedAtTheGivenTime() throws {
        let signer = try TestSigner()
        let text = try signer.issue()
        #expect(signer.verifier.verify(text, at: TestSigner.issuedAt).outcome(of: .expiry) == true)
        #expect(signer.verifier.verify(text, at: TestSigner.expiresAt).outcome(of: .expiry) == true)
        let late = signer.verifier.verify(text, at: TestSigner.expiresAt + 1)
        #expect(late.outcome(of: .expiry) == false && late.failedStage == .expiry)
        #expect(late.outcome(of: .signature) == true && late.outcome(of: .schema) == true)
        #expect(signer.verifier.verify(text, at: TestSigner.issuedAt - 1).outcome(of: .expiry) == false)
    }

    @Test func schemaViolationsAreListedWithTheirPaths() throws {
        let signer = try TestSigner()
        var entries = sampleDCC().mapEntries!
        entries.removeAll { $0.key == .text("dob") }
        entries.append(CBORMapEntry(.text("t"), .array([])))
        let result = signer.verifier.verify(try signer.issue(.map(entries)), at: TestSigner.midway)
        #expect(result.outcome(of: .signature) == true)
        #expect(result.failedStage == .schema)
        let paths = Set(result.schemaViolations.map(\.path))
        #expect(paths == ["", "t"], "\(result.schemaViolations)")
    }

    @Test func keyUsageRestrictsTheCertificateTypes() throws {
        let signer = try TestSigner()
        #expect(HC1Verifier.keyUsageProblem(certificate: signer.certificate, dcc: sampleDCC()) == nil)
        let test = CBOR.map([CBORMapEntry(.text("t"), .array([.map([])]))])
        #expect(HC1Verifier.keyUsageProblem(certificate: signer.certificate, dcc: test) == nil)
    }

    /// A changed text never traps, and never verifies unless it still carries the very same
    /// signed message: deflate pads its last byte with unused bits, so a change that only
    /// touches those bits decodes to identical bytes (the text is not canonical; what is signed is).
    @Test func mutatedTextsNeverTrapAndOnlyVerifyWithTheSameSignedMessage() throws {
        let signer = try TestSigner()
        let good = Array(try signer.issue().utf8)
        let original = try #require(signer.verifier.verify(String(decoding: good, as: UTF8.self), at: TestSigner.midway).message)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
        var random = makeTestRandom(seed: 0x4C1)
        var decodedThrough = 0
        for round in 0..<3_000 {
            var text = good
            if round % 3 == 0 {
                text.removeLast(1 + Int(random.next() % UInt64(text.count - 5)))
            } else {
                let index = 4 + Int(random.next() % UInt64(text.count - 4))
                let replacement = alphabet[Int(random.next() % UInt64(alphabet.count))]
                guard replacement != text[index] else { continue }
                text[index] = replacement
            }
            let result = signer.verifier.verify(String(decoding: text, as: UTF8.self), at: TestSigner.midway)
            if result.isValid {
                #expect(result.message?.payload == original.payload && result.message?.signature == original.signature
                        && result.message?.protectedBytes == original.protectedBytes,
                        "a changed text verified with another message (round \(round))")
            }
            if result.outcome(of: .cwt) == true { decodedThrough += 1 }
        }
        // zlib's Adler-32 catches nearly every change before COSE; a valid signature never survives.
        #expect(decodedThrough < 100)
    }
}
