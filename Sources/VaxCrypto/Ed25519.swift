internal import CCrypto
internal import VaxCore

// Ed25519 over libcrypto (RFC 8032). Keys cross the module boundary as bytes or PEM text,
// never as C types (docs/STYLE.md §1). Files: PKCS#8 PEM for the private key, SubjectPublicKeyInfo
// PEM for the public key, so `openssl pkey` reads both.

/// An Ed25519 public key: 32 bytes.
public struct Ed25519PublicKey: Sendable, Equatable {
    /// The raw 32-byte key (RFC 8032 encoding).
    public let rawBytes: [UInt8]

    /// A key from its raw 32 bytes.
    /// - Throws: `VaxError(.badInput)` if there are not 32 bytes.
    public init(rawBytes: [UInt8]) throws {
        guard rawBytes.count == 32 else { throw VaxError(.badInput, "an Ed25519 public key has 32 bytes") }
        self.rawBytes = rawBytes
    }

    /// A key from `-----BEGIN PUBLIC KEY-----` PEM text. C: `PEM_read_bio_PUBKEY`.
    /// - Throws: `VaxError(.badInput)` if the text is not an Ed25519 public key.
    public init(pem: String) throws {
        let key = try withMemoryBIO(pem) { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
        guard let key else { throw VaxError(.badInput, "not a PEM Ed25519 public key") }
        defer { EVP_PKEY_free(key) }
        self.rawBytes = try rawPublicKey(key)
    }

    /// The SubjectPublicKeyInfo PEM text. C: `PEM_write_bio_PUBKEY`.
    public var pem: String {
        let key = makePublicKey(rawBytes)
        defer { EVP_PKEY_free(key) }
        return writeMemoryBIO { PEM_write_bio_PUBKEY($0, key) }
    }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    /// C: `EVP_DigestVerifyInit` (NULL digest), one-shot `EVP_DigestVerify`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        let key = makePublicKey(rawBytes)
        defer { EVP_PKEY_free(key) }
        guard let ctx = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        precondition(EVP_DigestVerifyInit(ctx, nil, nil, nil, key) == 1, "EVP_DigestVerifyInit failed")
        let result = signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { msg in
                EVP_DigestVerify(ctx, sig.baseAddress, 64, msg.baseAddress ?? sig.baseAddress, msg.count)
            }
        }
        ERR_clear_error()
        return result == 1
    }
}

/// An Ed25519 private key, owned by one holder.
///
/// `@unchecked Sendable`: the EVP_PKEY is never mutated after init, and libcrypto allows
/// concurrent signing with one immutable key.
public final class Ed25519PrivateKey: @unchecked Sendable {
    private let key: OpaquePointer
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    private init(owning key: OpaquePointer) throws {
        self.key = key
        self.publicKey = try Ed25519PublicKey(rawBytes: rawPublicKey(key))
    }

    deinit { EVP_PKEY_free(key) }

    /// A fresh random key: a 32-byte seed from libcrypto's CSPRNG. C: `RAND_bytes`.
    /// (`EVP_PKEY_Q_keygen` is variadic, which Swift cannot call.)
    public static func generate() -> Ed25519PrivateKey {
        var seed = [UInt8](repeating: 0, count: 32)
        precondition(
            seed.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, 32) } == 1,
            "RAND_bytes failed: no entropy")
        // Only a bug can make libcrypto refuse a 32-byte seed.
        return try! Ed25519PrivateKey(seed: seed)
    }

    /// The key whose RFC 8032 32-byte seed is `seed` (deterministic; for test vectors).
    /// C: `EVP_PKEY_new_raw_private_key`.
    /// - Throws: `VaxError(.badInput)` if the seed is not 32 bytes.
    public convenience init(seed: [UInt8]) throws {
        guard seed.count == 32 else { throw VaxError(.badInput, "an Ed25519 seed has 32 bytes") }
        let key = seed.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
        }
        guard let key else { throw VaxError(.badInput, "libcrypto refused the Ed25519 seed") }
        try self.init(owning: key)
    }

    /// A key from `-----BEGIN PRIVATE KEY-----` (PKCS#8) PEM text. C: `PEM_read_bio_PrivateKey`.
    /// - Throws: `VaxError(.badInput)` if the text is not an Ed25519 private key.
    public convenience init(pem: String) throws {
        let key = try withMemoryBIO(pem) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        guard let key else { throw VaxError(.badInput, "not a PEM Ed25519 private key") }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw VaxError(.badInput, "the private key is not an Ed25519 key")
        }
        try self.init(owning: key)
    }

    /// The unencrypted PKCS#8 PEM text. C: `PEM_write_bio_PrivateKey`.
    public var pem: String {
        writeMemoryBIO { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
    }

    /// The 64-byte Ed25519 signature of `message`.
    /// C: `EVP_DigestSignInit` (NULL digest, as Ed25519 requires), one-shot `EVP_DigestSign`.
    public func signature(for message: [UInt8]) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        precondition(EVP_DigestSignInit(ctx, nil, nil, nil, key) == 1, "EVP_DigestSignInit failed")
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        let result = signature.withUnsafeMutableBufferPointer { sig in
            message.withUnsafeBufferPointer { msg in
                // safe: sig holds the 64 bytes an Ed25519 signature takes
                EVP_DigestSign(
                    ctx, sig.baseAddress, &length, msg.baseAddress ?? UnsafePointer(sig.baseAddress!), msg.count)
            }
        }
        precondition(result == 1 && length == 64, "EVP_DigestSign failed")
        return signature
    }
}

private func makePublicKey(_ raw: [UInt8]) -> OpaquePointer {
    let key = raw.withUnsafeBufferPointer { EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32) }
    // Any 32 bytes are accepted as a raw Ed25519 key; failure is memory exhaustion.
    guard let key else { preconditionFailure("EVP_PKEY_new_raw_public_key failed") }
    return key
}

private func rawPublicKey(_ key: OpaquePointer) throws -> [UInt8] {
    guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
        throw VaxError(.badInput, "the key is not an Ed25519 key")
    }
    var raw = [UInt8](repeating: 0, count: 32)
    var length = 32
    guard raw.withUnsafeMutableBufferPointer({ EVP_PKEY_get_raw_public_key(key, $0.baseAddress, &length) }) == 1,
        length == 32
    else { throw VaxError(.badInput, "cannot read the Ed25519 public key") }
    return raw
}

private func withMemoryBIO<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
        guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
            preconditionFailure("BIO_new_mem_buf: out of memory")
        }
        defer { BIO_free(bio) }
        let result = try body(bio)
        ERR_clear_error()
        return result
    }
}

private func writeMemoryBIO(_ body: (OpaquePointer) -> Int32) -> String {
    guard let bio = BIO_new(BIO_s_mem()) else { preconditionFailure("BIO_new: out of memory") }
    defer { BIO_free(bio) }
    precondition(body(bio) == 1, "PEM write failed")
    var pointer: UnsafeMutablePointer<CChar>? = nil
    // BIO_get_mem_data is a macro for BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer).
    let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
    guard let pointer, length > 0 else { preconditionFailure("empty PEM output") }
    let raw = UnsafeRawBufferPointer(start: pointer, count: Int(length))
    return String(decoding: raw, as: UTF8.self)
}
