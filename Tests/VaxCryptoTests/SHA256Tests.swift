import Testing
import VaxCrypto

@Test func sha256OfKnownVectors() {
    // FIPS 180-2 examples.
    #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hash("").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}

@Test func sha256HasherIsReusable() {
    let hasher = SHA256Hasher()
    let first = Array("abc".utf8).withUnsafeBytes { hasher.hash($0) }
    let second = Array("abc".utf8).withUnsafeBytes { hasher.hash($0) }
    #expect(first == second)
    #expect(SHA256Digest(first.bytes) == first)
}
