internal import CCrypto
internal import VaxCore

/// An X.509 document signer certificate (DSC): the public half of a passport signing key.
///
/// `@unchecked Sendable`: the X509 handle and its public key are never mutated after init,
/// and libcrypto allows concurrent verification with one immutable key.
public final class SignerCertificate: @unchecked Sendable {
    private let certificate: OpaquePointer
    /// The certificate's DER encoding.
    public let der: [UInt8]
    /// The DCC key identifier: the first 8 bytes of SHA-256 of `der`.
    public let kid: [UInt8]
    /// Start of validity, Unix seconds.
    public let notBefore: Int64
    /// End of validity, Unix seconds.
    public let notAfter: Int64

    private init(owning certificate: OpaquePointer) throws {
        self.certificate = certificate
        let length = i2d_X509(certificate, nil)
        guard length > 0 else {
            X509_free(certificate)
            throw VaxError(.badInput, "the certificate cannot be DER-encoded")
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            // safe: buffer holds the `length` bytes that i2d_X509 said it needs
            return i2d_X509(certificate, &cursor)
        }
        guard written == length, let start = X509_get0_notBefore(certificate).flatMap(unixTime),
            let end = X509_get0_notAfter(certificate).flatMap(unixTime)
        else {
            X509_free(certificate)
            throw VaxError(.badInput, "the certificate's validity period cannot be read")
        }
        self.der = der
        self.kid = Array(SHA256.hash(der).bytes.prefix(8))
        self.notBefore = start
        self.notAfter = end
    }

    deinit { X509_free(certificate) }

    /// A certificate from PEM (`BEGIN CERTIFICATE`) or raw DER bytes.
    /// C: `PEM_read_bio_X509`, `d2i_X509`.
    /// - Throws: `VaxError(.badInput)` if the bytes are neither.
    public convenience init(pemOrDER bytes: [UInt8]) throws {
        let parsed: OpaquePointer?
        if looksLikePEM(bytes) {
            parsed = withReadBIO(bytes) { PEM_read_bio_X509($0, nil, nil, nil) }
        } else {
            parsed = withNonNullBytes(bytes) { base, count in
                var cursor: UnsafePointer<UInt8>? = base
                // safe: d2i reads at most `count` bytes from cursor
                return d2i_X509(nil, &cursor, count)
            }
            ERR_clear_error()
        }
        guard let parsed else { throw VaxError(.badInput, "not a PEM or DER X.509 certificate") }
        try self.init(owning: parsed)
    }

    /// A self-signed document signer certificate for `key`, valid for `validDays` from
    /// `validFrom` (Unix seconds; default now), with subject and issuer `C=country,
    /// CN=commonName`, a random 127-bit serial, key usage `critical,digitalSignature` and, as
    /// extended key usage, `extendedKeyUsage` (OIDs; default the DCC usages for vaccination,
    /// test and recovery certificates; empty: no extension). Tests pass other values.
    /// C: `X509_new`, `X509_set_pubkey`, `X509_NAME_add_entry_by_txt`, `X509_sign` (SHA-256).
    /// - Throws: `VaxError(.usage)` for a bad country or lifetime, `.environment` if libcrypto fails.
    public static func selfSigned(
        key: SigningKey, commonName: String, country: String, validDays: Int, validFrom: Int64? = nil,
        keyUsage: String = "critical,digitalSignature",
        extendedKeyUsage: [String] = DCCKeyUsage.allCases.map(\.oid)
    ) throws -> SignerCertificate {
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw VaxError(.usage, "the country must be two capital letters (ISO 3166-1 alpha-2)")
        }
        guard (1...36_500).contains(validDays) else {
            throw VaxError(.usage, "the certificate lifetime must be 1...36500 days")
        }
        guard !commonName.isEmpty else { throw VaxError(.usage, "the certificate needs a common name") }
        guard let certificate = X509_new() else { preconditionFailure("X509_new: out of memory") }
        var owned = true
        defer { if owned { X509_free(certificate) } }
        var start = time_t(validFrom ?? Int64(time(nil)))
        guard X509_set_version(certificate, 2) == 1,  // 2 means X.509 v3
            setRandomSerial(certificate),
            X509_time_adj_ex(X509_getm_notBefore(certificate), 0, 0, &start) != nil,
            X509_time_adj_ex(X509_getm_notAfter(certificate), Int32(validDays), 0, &start) != nil,
            X509_set_pubkey(certificate, key.key) == 1,
            let name = X509_get_subject_name(certificate),
            X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, country, -1, -1, 0) == 1,
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0) == 1,
            X509_set_issuer_name(certificate, name) == 1,
            keyUsage.isEmpty || addExtension(certificate, NID_key_usage, keyUsage),
            extendedKeyUsage.isEmpty
                || addExtension(certificate, NID_ext_key_usage, extendedKeyUsage.joined(separator: ",")),
            X509_sign(certificate, key.key, sha256Algorithm) > 0
        else {
            ERR_clear_error()
            throw VaxError(.environment, "libcrypto could not make the self-signed certificate")
        }
        owned = false
        return try SignerCertificate(owning: certificate)
    }

    /// The PEM text (`BEGIN CERTIFICATE`). C: `PEM_write_bio_X509`.
    public func pem() -> [UInt8] {
        guard let pem = bytesWrittenToBIO({ PEM_write_bio_X509($0, certificate) }) else {
            preconditionFailure("PEM_write_bio_X509 failed on a parsed certificate")
        }
        return pem
    }

    /// The algorithm the certificate's public key verifies: PS256 for RSA, ES256 for EC, nil
    /// for any other key. (ES256 names P-256, but issuers have signed "ES256" with P-384 keys
    /// and the EU test vectors accept that, so verification allows any named curve.)
    /// C: `X509_get0_pubkey`, `EVP_PKEY_get_base_id`.
    public var algorithm: SignatureAlgorithm? {
        guard let key = X509_get0_pubkey(certificate) else { return nil }
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: return .ps256
        case EVP_PKEY_EC: return .es256
        default: return nil
        }
    }

    /// The OIDs of the extended key usage extension in dotted form; nil if the certificate
    /// has none (or an empty or unreadable one). C: `X509_get_ext_d2i(NID_ext_key_usage)`, `OBJ_obj2txt`.
    public var extendedKeyUsageOIDs: [String]? {
        var critical: Int32 = 0
        guard let stack = X509_get_ext_d2i(certificate, NID_ext_key_usage, &critical, nil) else {
            ERR_clear_error()
            return nil
        }
        defer { vax_free_object_stack(stack) }
        var oids: [String] = []
        for index in 0..<max(0, vax_stack_count(stack)) {
            var text = [CChar](repeating: 0, count: 128)
            let length = OBJ_obj2txt(&text, Int32(text.count), vax_stack_object(stack, Int32(index)), 1)
            guard length > 0, Int(length) < text.count else { continue }
            oids.append(String(decoding: text[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return oids.isEmpty ? nil : oids
    }

    /// Whether the key usage extension allows digitalSignature; nil if the certificate has no
    /// key usage extension. C: `X509_get_extension_flags` (`EXFLAG_KUSAGE`), `X509_get_key_usage`.
    public var allowsDigitalSignature: Bool? {
        guard X509_get_extension_flags(certificate) & UInt32(EXFLAG_KUSAGE) != 0 else { return nil }
        return X509_get_key_usage(certificate) & UInt32(KU_DIGITAL_SIGNATURE) != 0
    }

    /// The public key's size in bits (the modulus for RSA, the order for EC). C: `EVP_PKEY_get_bits`.
    public var keyBits: Int {
        guard let key = X509_get0_pubkey(certificate) else { return 0 }
        return Int(EVP_PKEY_get_bits(key))
    }

    /// The EC key's named curve as libcrypto names it ("prime256v1" is P-256); nil for other
    /// keys. C: `EVP_PKEY_get_group_name`.
    public var curveName: String? {
        guard let key = X509_get0_pubkey(certificate), EVP_PKEY_get_base_id(key) == EVP_PKEY_EC else { return nil }
        var name = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1, length < name.count else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: name[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The subject's country (C), if it has exactly one. C: `X509_NAME_get_index_by_NID`,
    /// `X509_NAME_ENTRY_get_data`, `ASN1_STRING_get0_data`.
    public var country: String? {
        guard let name = X509_get_subject_name(certificate) else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_countryName, -1)
        guard index >= 0, X509_NAME_get_index_by_NID(name, NID_countryName, index) < 0,
            let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry),
            let bytes = ASN1_STRING_get0_data(data)
        else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(data))), as: UTF8.self)
    }

    /// The DCC extended key usages the certificate names.
    public var dccKeyUsages: Set<DCCKeyUsage> {
        Set((extendedKeyUsageOIDs ?? []).compactMap(DCCKeyUsage.init(oid:)))
    }

    /// Whether `signature` is a valid signature of `message` under this certificate's key.
    ///
    /// ES256 takes COSE's raw r‖s (converted to DER for libcrypto), SHA-256 on the key's curve. PS256 takes RSASSA-PSS with
    /// SHA-256 and MGF1-SHA-256; any salt length is accepted, as DCC verifiers do, since issuers
    /// differ (32 bytes per RFC 8230, or the maximum). The key type must fit the algorithm.
    /// C: `EVP_DigestVerifyInit`, `EVP_PKEY_CTX_set_rsa_pss_saltlen(RSA_PSS_SALTLEN_AUTO)`,
    /// one-shot `EVP_DigestVerify`.
    public func verify(signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm) -> Bool {
        guard self.algorithm == algorithm, let key = X509_get0_pubkey(certificate) else { return false }
        let encoded: [UInt8]
        switch algorithm {
        case .es256:
            // r‖s, each as wide as the curve's order (32 bytes on P-256).
            let width = (Int(EVP_PKEY_get_bits(key)) + 7) / 8
            guard signature.count == 2 * width, let der = derECDSASignature(fromRaw: signature) else { return false }
            encoded = der
        case .ps256:
            guard !signature.isEmpty else { return false }
            encoded = signature
        }
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
        defer {
            EVP_MD_CTX_free(context)
            ERR_clear_error()
        }
        var keyContext: OpaquePointer? = nil
        guard EVP_DigestVerifyInit(context, &keyContext, sha256Algorithm, nil, key) == 1, let keyContext else {
            return false
        }
        if algorithm == .ps256 {
            guard configurePSS(keyContext, saltLength: RSA_PSS_SALTLEN_AUTO) else { return false }
        }
        let result = encoded.withUnsafeBufferPointer { sig in
            withNonNullBytes(message) { base, count in
                // safe: sig and base point at sig.count and count readable bytes
                EVP_DigestVerify(context, sig.baseAddress, sig.count, base, count)
            }
        }
        return result == 1
    }
}

/// The extended key usages that restrict which DCC types a signer may sign
/// (eHealth Network, "Digital Covid Certificate Trust Framework", §5.1).
public enum DCCKeyUsage: String, Sendable, CaseIterable {
    case test, vaccination, recovery

    /// The OID a certificate carries for this usage.
    public var oid: String {
        switch self {
        case .test: return "1.3.6.1.4.1.1847.2021.1.1"
        case .vaccination: return "1.3.6.1.4.1.1847.2021.1.2"
        case .recovery: return "1.3.6.1.4.1.1847.2021.1.3"
        }
    }

    /// The usage of an OID, including the alternative arc (1.3.6.1.4.1.0.1847…) that the
    /// specification also allows; nil for any other OID.
    public init?(oid: String) {
        switch oid {
        case "1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1": self = .test
        case "1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2": self = .vaccination
        case "1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3": self = .recovery
        default: return nil
        }
    }
}

/// Sets a random positive serial of at most 127 bits (RFC 5280 §4.1.2.2 allows 20 octets).
/// C: `RAND_bytes`, `BN_bin2bn`, `BN_to_ASN1_INTEGER`.
private func setRandomSerial(_ certificate: OpaquePointer) -> Bool {
    var bytes = [UInt8](repeating: 0, count: 16)
    // safe: bytes holds the 16 bytes RAND_bytes writes
    guard bytes.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, 16) }) == 1 else { return false }
    bytes[0] &= 0x7F
    bytes[0] |= 0x01  // never zero
    guard let number = BN_bin2bn(bytes, 16, nil) else { return false }
    defer { BN_free(number) }
    return BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil
}

/// Adds a v3 extension from its configuration text. C: `X509V3_EXT_conf_nid`, `X509_add_ext`.
private func addExtension(_ certificate: OpaquePointer, _ nid: Int32, _ value: String) -> Bool {
    guard let extensionHandle = X509V3_EXT_conf_nid(nil, nil, nid, value) else { return false }
    defer { X509_EXTENSION_free(extensionHandle) }
    return X509_add_ext(certificate, extensionHandle, -1) == 1
}
