import Foundation
import Testing
import VaxCore
import VaxCrypto

/// Keys in the traditional (SEC 1) PEM form, made with `openssl ecparam -genkey -noout`: test fixtures only.
enum KeyFixtures {
    static let p256Traditional = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIGZHHgFLSD5fmykDuDJhl+2mqm+xLHDrE8FoVzG6fehToAoGCCqGSM49
        AwEHoUQDQgAEHLI7eNaK/qLRdxnsjw5w4HFEAH1Lagl3/gvoqlrZXmPghxT5LqMM
        lEo6WCXD1rdDobCKiQD26AJEdxFl8yXkrA==
        -----END EC PRIVATE KEY-----
        """
    static let p384Traditional = """
        -----BEGIN EC PRIVATE KEY-----
        MIGkAgEBBDBqk7dCHhAVD8FC8/+2abkTYNRnXBvZHnjfsHuKX74Me6Ylu5X4CFBX
        LRd2whRrwaCgBwYFK4EEACKhZANiAASif2YB3X0EwTxtrzmccNA2vAiiC7cxdmuS
        oTmYypIsBe1cMAVEuNHMubxc7NubGDmvAmREiiH1qa4sr1rHPS77dLqaBvLL1v10
        2ek32sjdx49TYLm/qjgBOfAcGDIly8U=
        -----END EC PRIVATE KEY-----
        """
}

@Suite struct SignatureTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func signsAndVerifiesAndRejectsTampering(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "Test DSC", country: "VN", validDays: 2)
        #expect(certificate.algorithm == algorithm)
        let message = Array("Signature1 over a CWT".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == (algorithm == .es256 ? 64 : 256))
        #expect(certificate.verify(signature: signature, message: message, algorithm: algorithm))

        var flipped = signature
        flipped[10] ^= 0x40
        #expect(!certificate.verify(signature: flipped, message: message, algorithm: algorithm))
        #expect(!certificate.verify(signature: signature, message: message + [0], algorithm: algorithm))
        #expect(!certificate.verify(signature: Array(signature.dropLast()), message: message, algorithm: algorithm))
        #expect(!certificate.verify(signature: [], message: message, algorithm: algorithm))
        // The other algorithm never verifies with this key.
        let other: SignatureAlgorithm = algorithm == .es256 ? .ps256 : .es256
        #expect(!certificate.verify(signature: signature, message: message, algorithm: other))
        // Another key's certificate does not verify it either.
        let stranger = try SignerCertificate.selfSigned(
            key: try SigningKey.generate(algorithm), commonName: "Other", country: "VN", validDays: 2)
        #expect(!stranger.verify(signature: signature, message: message, algorithm: algorithm))
    }

    @Test func ecdsaSignaturesAreRandomizedButBothVerify() throws {
        let key = try SigningKey.generate(.es256)
        let certificate = try SignerCertificate.selfSigned(key: key, commonName: "DSC", country: "VN", validDays: 1)
        let first = try key.sign([1, 2, 3])
        let second = try key.sign([1, 2, 3])
        #expect(first != second)
        #expect(certificate.verify(signature: first, message: [1, 2, 3], algorithm: .es256))
        #expect(certificate.verify(signature: second, message: [1, 2, 3], algorithm: .es256))
        // An empty message signs and verifies too.
        #expect(certificate.verify(signature: try key.sign([]), message: [], algorithm: .es256))
    }

    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func privateKeyPEMRoundTrips(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let pem = try key.privateKeyPEM()
        #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try SigningKey(pem: pem)
        #expect(reloaded.algorithm == algorithm)
        let certificate = try SignerCertificate.selfSigned(key: key, commonName: "DSC", country: "VN", validDays: 1)
        #expect(certificate.verify(signature: try reloaded.sign([9, 9]), message: [9, 9], algorithm: algorithm))
    }

    @Test func loadsTraditionalPEMAndRefusesOtherCurvesAndGarbage() throws {
        let key = try SigningKey(pem: Array(KeyFixtures.p256Traditional.utf8))
        #expect(key.algorithm == .es256)
        #expect(throws: VaxError.self) { try SigningKey(pem: Array(KeyFixtures.p384Traditional.utf8)) }
        #expect(throws: VaxError.self) { try SigningKey(pem: Array("not a key".utf8)) }
        #expect(throws: VaxError.self) { try SigningKey(pem: []) }
    }

    @Test func certificateRoundTripsThroughPEMAndDERWithItsKid() throws {
        let key = try SigningKey.generate(.es256)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "Bộ Y tế DSC", country: "VN", validDays: 365)
        #expect(certificate.kid == Array(SHA256.hash(certificate.der).bytes.prefix(8)))
        #expect(certificate.kid.count == 8)
        let fromPEM = try SignerCertificate(pemOrDER: certificate.pem())
        let fromDER = try SignerCertificate(pemOrDER: certificate.der)
        #expect(fromPEM.der == certificate.der && fromDER.der == certificate.der)
        #expect(fromPEM.kid == certificate.kid)
        #expect(certificate.notAfter - certificate.notBefore == 365 * 86_400)
        #expect(abs(certificate.notBefore - Int64(Date().timeIntervalSince1970)) < 600)
        #expect(certificate.dccKeyUsages == [.vaccination, .test, .recovery])
        #expect(throws: VaxError.self) { try SignerCertificate(pemOrDER: [0x30, 0x03, 0x02, 0x01]) }
        #expect(throws: VaxError.self) { try SignerCertificate(pemOrDER: []) }
        #expect(throws: VaxError.self) {
            try SignerCertificate(pemOrDER: Array("-----BEGIN CERTIFICATE-----\nAAAA\n".utf8))
        }
        #expect(throws: VaxError.self) {
            try SignerCertificate.selfSigned(key: key, commonName: "DSC", country: "Viet Nam", validDays: 1)
        }
    }

    @Test func coseAlgorithmIdentifiers() {
        #expect(SignatureAlgorithm.ps256.coseIdentifier == -37)
        #expect(SignatureAlgorithm.es256.coseIdentifier == -7)
        #expect(SignatureAlgorithm(coseIdentifier: -37) == .ps256)
        #expect(SignatureAlgorithm(coseIdentifier: -7) == .es256)
        #expect(SignatureAlgorithm(coseIdentifier: -8) == nil)
    }
}

/// One key shared by several threads: signatures made concurrently all verify.
@Suite struct ConcurrentSigningTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func oneKeySignsOnManyThreads(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(key: key, commonName: "DSC", country: "VN", validDays: 1)
        let perChunk = algorithm == .es256 ? 200 : 20
        let chunks = (0..<8).map { $0 * perChunk..<($0 + 1) * perChunk }
        let verified = mapChunks(chunks, threads: 4) { range -> Int in
            range.reduce(0) { count, i in
                let message = Array("message \(i)".utf8)
                guard let signature = try? key.sign(message) else { return count }
                return count
                    + (certificate.verify(signature: signature, message: message, algorithm: algorithm) ? 1 : 0)
            }
        }
        #expect(verified.reduce(0, +) == 8 * perChunk)
    }
}
