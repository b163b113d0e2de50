import Testing
import VaxCore
import VaxCrypto
import VaxPassport

/// A small vaccination payload in the DCC 1.3.0 shape.
func sampleDCC(name: String = "Nguyễn") -> CBOR {
    .map([
        CBORMapEntry(.text("ver"), .text("1.3.0")),
        CBORMapEntry(
            .text("nam"),
            .map([
                CBORMapEntry(.text("fn"), .text(name)), CBORMapEntry(.text("fnt"), .text("NGUYEN")),
                CBORMapEntry(.text("gn"), .text("Bảo Duy")), CBORMapEntry(.text("gnt"), .text("BAO<DUY")),
            ])),
        CBORMapEntry(.text("dob"), .text("1985-03-14")),
        CBORMapEntry(
            .text("v"),
            .array([
                .map([
                    CBORMapEntry(.text("tg"), .text("840539006")), CBORMapEntry(.text("vp"), .text("1119349007")),
                    CBORMapEntry(.text("mp"), .text("EU/1/20/1528")), CBORMapEntry(.text("ma"), .text("ORG-100030215")),
                    CBORMapEntry(.text("dn"), .unsigned(2)), CBORMapEntry(.text("sd"), .unsigned(2)),
                    CBORMapEntry(.text("dt"), .text("2021-09-22")), CBORMapEntry(.text("co"), .text("VN")),
                    CBORMapEntry(.text("is"), .text("Ministry of Health of Viet Nam")),
                    CBORMapEntry(.text("ci"), .text("URN:UVCI:01:VN:ABC123DEF456#K")),
                ])
            ])),
    ])
}

@Suite struct HC1IssueTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func issuedTextUnwrapsToAVerifiableCWT(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "VN DSC test", country: "VN", validDays: 30)
        let issued = try HC1.issue(
            dcc: sampleDCC(), issuerCountry: "VN", issuedAt: 1_700_000_000, expiresAt: 1_731_536_000,
            key: key, certificate: certificate)
        #expect(issued.text.hasPrefix("HC1:"))

        // Unwrap by hand, stage by stage, so this test does not depend on the verifier.
        let compressed = try Base45.decode(issued.text.dropFirst(4))
        #expect(compressed.first == 0x78)
        let message = try COSESign1.decode(try Zlib.decompress(compressed))
        #expect(message.algorithmIdentifier == algorithm.coseIdentifier)
        #expect(message.kid == certificate.kid)
        #expect(certificate.verify(signature: message.signature, message: message.toBeSigned, algorithm: algorithm))
        #expect(SHA256.hash(message.payload).bytes == issued.payloadSHA256)

        let claims = try CBOR.decode(message.payload)
        #expect(claims[Int64(1)] == .text("VN"))
        #expect(claims[Int64(6)] == .unsigned(1_700_000_000))
        #expect(claims[Int64(4)] == .unsigned(1_731_536_000))
        #expect(claims[Int64(-260)]?[Int64(1)] == sampleDCC())

        // One flipped payload bit breaks the signature.
        var tampered = message.toBeSigned
        tampered[tampered.count - 3] ^= 0x01
        #expect(!certificate.verify(signature: message.signature, message: tampered, algorithm: algorithm))
    }

    @Test func refusesAKeyThatDoesNotFitTheCertificate() throws {
        let ecKey = try SigningKey.generate(.es256)
        let rsaCertificate = try SignerCertificate.selfSigned(
            key: try SigningKey.generate(.ps256), commonName: "DSC", country: "VN", validDays: 1)
        #expect(throws: VaxError.self) {
            try HC1.issue(
                dcc: sampleDCC(), issuerCountry: "VN", issuedAt: 0, expiresAt: 1, key: ecKey,
                certificate: rsaCertificate)
        }
    }
}
