internal import CCrypto
internal import VaxCore

/// A private key that signs vaccine passports: RSA 2048+ for PS256 or P-256 for ES256.
///
/// `@unchecked Sendable`: the EVP_PKEY is never mutated after init, each signature is made in
/// its own EVP_MD_CTX, and the shared template context is only read, under `templateLock`.
public final class SigningKey: @unchecked Sendable {
    let key: OpaquePointer
    /// The algorithm this key signs with.
    public let algorithm: SignatureAlgorithm
    /// A signing context initialized once (digest, padding, salt); each signature starts from a
    /// copy, which costs about a quarter less than EVP_DigestSignInit (measured side by side).
    private let template: OpaquePointer
    /// OpenSSL documents no object as safe for simultaneous use unless it says so
    /// (openssl-threads(7)), so copies of the template are made one at a time.
    private let templateLock = Lock()
    /// The pkcs11 engine a hardware key signs through (kept loaded while the key lives).
    let engine: PKCS11Engine?

    init(owning key: OpaquePointer, engine: PKCS11Engine? = nil) throws {
        self.engine = engine
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA:
            guard EVP_PKEY_get_bits(key) >= 2048 else {
                EVP_PKEY_free(key)
                throw VaxError(.badInput, "an RSA signing key must have at least 2048 bits")
            }
            algorithm = .ps256
        case EVP_PKEY_EC:
            guard isP256(key) else {
                EVP_PKEY_free(key)
                throw VaxError(.badInput, "an EC signing key must be on the P-256 curve")
            }
            algorithm = .es256
        default:
            EVP_PKEY_free(key)
            throw VaxError(.badInput, "the signing key is neither RSA nor EC P-256")
        }
        guard let template = makeSigningTemplate(key, algorithm) else {
            EVP_PKEY_free(key)
            throw VaxError(.environment, "libcrypto cannot set up \(algorithm.rawValue) signing with this key")
        }
        self.key = key
        self.template = template
    }

    deinit {
        EVP_MD_CTX_free(template)
        EVP_PKEY_free(key)
    }

    /// A fresh key: RSA 2048 bits (e = 65537) for PS256, a P-256 key for ES256.
    /// C: `EVP_PKEY_CTX_new_from_name`, `EVP_PKEY_keygen_init`, `EVP_PKEY_generate`
    /// (`EVP_PKEY_Q_keygen` and `EVP_EC_gen` are variadic or macros, which Swift cannot call).
    /// - Throws: `VaxError(.environment)` if libcrypto cannot make the key.
    public static func generate(_ algorithm: SignatureAlgorithm) throws -> SigningKey {
        let name = algorithm == .ps256 ? "RSA" : "EC"
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw VaxError(.environment, "libcrypto has no \(name) key generator")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw VaxError(.environment, "EVP_PKEY_keygen_init failed for \(name)")
        }
        let configured =
            algorithm == .ps256
            ? EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) : EVP_PKEY_CTX_set_group_name(context, "P-256")
        guard configured == 1 else { throw VaxError(.environment, "cannot configure the \(name) key generator") }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            ERR_clear_error()
            throw VaxError(.environment, "libcrypto could not generate a \(name) key")
        }
        return try SigningKey(owning: key)
    }

    /// A key from PEM text: PKCS#8 (`BEGIN PRIVATE KEY`) or the traditional
    /// `BEGIN RSA PRIVATE KEY` / `BEGIN EC PRIVATE KEY` forms. C: `PEM_read_bio_PrivateKey`.
    /// - Throws: `VaxError(.badInput)` if the text is not an unencrypted RSA 2048+ or P-256 key.
    public convenience init(pem: [UInt8]) throws {
        // No callback and an empty passphrase: an encrypted key fails instead of prompting on a terminal.
        var emptyPassphrase: [CChar] = [0]
        let key = withReadBIO(pem) { bio in
            emptyPassphrase.withUnsafeMutableBytes { PEM_read_bio_PrivateKey(bio, nil, nil, $0.baseAddress) }
        }
        guard let key else { throw VaxError(.badInput, "not a PEM private key (or an encrypted one)") }
        try self.init(owning: key)
    }

    /// The unencrypted PKCS#8 PEM text of the private key. C: `PEM_write_bio_PrivateKey`.
    /// - Throws: `VaxError(.environment)` if libcrypto cannot encode it.
    public func privateKeyPEM() throws -> [UInt8] {
        guard engine == nil else { throw VaxError(.usage, "a key in a hardware module cannot be exported") }
        guard let pem = bytesWrittenToBIO({ PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }) else {
            throw VaxError(.environment, "libcrypto could not write the private key")
        }
        return pem
    }

    /// The signature of `message` with this key.
    ///
    /// ES256: ECDSA P-256 / SHA-256 as raw r‖s (64 bytes, the COSE form). PS256: RSASSA-PSS
    /// with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8230 §2).
    /// C: `EVP_MD_CTX_copy_ex` of a context set up with `EVP_DigestSignInit`,
    /// `EVP_PKEY_CTX_set_rsa_padding`, `EVP_PKEY_CTX_set_rsa_pss_saltlen` and
    /// `EVP_PKEY_CTX_set_rsa_mgf1_md`; then one-shot `EVP_DigestSign`.
    /// - Throws: `VaxError(.environment)` if libcrypto fails to sign.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(context) }
        guard templateLock.withLock({ EVP_MD_CTX_copy_ex(context, template) }) == 1 else {
            ERR_clear_error()
            throw VaxError(.environment, "EVP_MD_CTX_copy_ex failed")
        }
        var length = 0
        // A null message pointer is not accepted even for an empty message.
        let sized = withNonNullBytes(message) { base, count in EVP_DigestSign(context, nil, &length, base, count) }
        guard sized == 1, length > 0 else {
            ERR_clear_error()
            throw VaxError(.environment, "EVP_DigestSign could not size the signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBufferPointer { sig in
            withNonNullBytes(message) { base, count in
                // safe: sig holds the maximum signature length that the sizing call returned
                EVP_DigestSign(context, sig.baseAddress, &length, base, count)
            }
        }
        guard signed == 1 else {
            ERR_clear_error()
            throw VaxError(.environment, "EVP_DigestSign failed")
        }
        signature.removeSubrange(length...)
        guard algorithm == .es256 else { return signature }
        guard let raw = rawECDSASignature(fromDER: signature, width: 32) else {
            throw VaxError(.environment, "libcrypto returned a malformed ECDSA signature")
        }
        return raw
    }
}

/// A digest-sign context for `key`: SHA-256, and for RSA the PSS parameters of PS256.
/// C: `EVP_DigestSignInit`.
func makeSigningTemplate(_ key: OpaquePointer, _ algorithm: SignatureAlgorithm) -> OpaquePointer? {
    guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
    var keyContext: OpaquePointer? = nil
    guard EVP_DigestSignInit(context, &keyContext, sha256Algorithm, nil, key) == 1, let keyContext,
        algorithm == .es256 || configurePSS(keyContext)
    else {
        ERR_clear_error()
        EVP_MD_CTX_free(context)
        return nil
    }
    return context
}

/// PSS with SHA-256 for MGF1 and a 32-byte salt: what COSE PS256 prescribes.
func configurePSS(_ keyContext: OpaquePointer, saltLength: Int32 = 32) -> Bool {
    EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, saltLength) == 1
        && EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, sha256Algorithm) == 1
}

/// Whether an EC key is on P-256. C: `EVP_PKEY_get_group_name`.
func isP256(_ key: OpaquePointer) -> Bool {
    var name = [CChar](repeating: 0, count: 64)
    var length = 0
    guard EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1 else {
        ERR_clear_error()
        return false
    }
    let text = String(decoding: name[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text == "prime256v1" || text == "P-256" || text == "secp256r1"
}
