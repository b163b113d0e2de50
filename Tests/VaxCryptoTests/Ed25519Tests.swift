import Testing
import VaxCrypto

@Suite struct Ed25519Tests {
    // RFC 8032 §7.1 TEST 1 (empty message).
    @Test func matchesRFC8032TestVector() throws {
        let key = try Ed25519PrivateKey(
            seed: hexBytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(key.publicKey.rawBytes == hexBytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let signature = key.signature(for: [])
        #expect(
            signature
                == hexBytes(
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
                ))
        #expect(key.publicKey.isValidSignature(signature, for: []))
        #expect(!key.publicKey.isValidSignature(signature, for: [0]))
    }

    @Test func pemRoundTripsAndWrongKeyFails() throws {
        let key = Ed25519PrivateKey.generate()
        let again = try Ed25519PrivateKey(pem: key.pem)
        #expect(again.publicKey == key.publicKey)
        #expect(try Ed25519PublicKey(pem: key.publicKey.pem) == key.publicKey)
        let message = Array("checkpoint".utf8)
        let other = Ed25519PrivateKey.generate()
        #expect(!other.publicKey.isValidSignature(key.signature(for: message), for: message))
        #expect(throws: (any Error).self) {
            try Ed25519PublicKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        }
    }

    @Test func base64RoundTripsAndRejectsNonCanonical() {
        for n in 0..<7 {
            let bytes = (0..<n).map { UInt8($0 * 37 & 0xFF) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("foob".utf8)) == "Zm9vYg==")
        #expect(Base64.decode("Zm9vYh==") == nil)  // stray bits
        #expect(Base64.decode("Zm9v!g==") == nil)
    }
}
