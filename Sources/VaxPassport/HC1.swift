import VaxCore
public import VaxCrypto

// The HC1 envelope of an EU Digital COVID Certificate (eHealth Network, "Electronic Health
// Certificates", v1.3, §2-3):
//
//   "HC1:" + Base45( zlib( COSE_Sign1( CWT claims ) ) )
//   CWT claims = { 1 iss: country, 4 exp: Unix s, 6 iat: Unix s, −260 hcert: { 1: DCC payload } }
//
// Claims are written in the deterministic key order 1, 4, 6, −260 (RFC 8949 §4.2.1), zlib at
// level 9 as issuers do.

/// A signed certificate as the holder gets it.
public struct IssuedHC1: Sendable {
    /// The "HC1:…" text that the QR code holds.
    public var text: String
    /// SHA-256 of the CWT payload bytes that were signed.
    public var payloadSHA256: [UInt8]

    /// A certificate text and its payload hash.
    public init(text: String, payloadSHA256: [UInt8]) {
        self.text = text
        self.payloadSHA256 = payloadSHA256
    }
}

/// Issues DCC HC1 texts.
public enum HC1 {
    /// The context identifier that starts every EU DCC text.
    public static let prefix = "HC1:"

    /// CWT claim keys (RFC 8392 §3.1; hcert from the DCC specification).
    public enum Claim {
        public static let issuer: Int64 = 1
        public static let expiration: Int64 = 4
        public static let issuedAt: Int64 = 6
        public static let healthCertificate: Int64 = -260
        /// The key of the EU DCC inside the hcert map.
        public static let euDCC: Int64 = 1
    }

    /// The encoded CWT claims for `dcc`.
    public static func claims(dcc: CBOR, issuerCountry: String, issuedAt: Int64, expiresAt: Int64) -> [UInt8] {
        CBOR.map([
            CBORMapEntry(.int(Claim.issuer), .text(issuerCountry)),
            CBORMapEntry(.int(Claim.expiration), .int(expiresAt)),
            CBORMapEntry(.int(Claim.issuedAt), .int(issuedAt)),
            CBORMapEntry(.int(Claim.healthCertificate), .map([CBORMapEntry(.int(Claim.euDCC), dcc)])),
        ]).encoded()
    }

    /// Signs a DCC payload (the map that goes under hcert −260 / 1) into
    /// "HC1:" + Base45(zlib(COSE_Sign1(CWT))).
    ///
    /// CWT claims: 1 iss = issuerCountry, 6 iat, 4 exp, −260 {1: dcc}. Protected header
    /// {1: alg, 4: kid} with the certificate's kid.
    /// - Throws: `VaxError(.usage)` if the key does not belong to the certificate's algorithm
    ///   or the times are out of order; `.environment` if signing fails.
    public static func issue(
        dcc: CBOR, issuerCountry: String, issuedAt: Int64, expiresAt: Int64,
        key: SigningKey, certificate: SignerCertificate
    ) throws -> IssuedHC1 {
        guard certificate.algorithm == key.algorithm else {
            throw VaxError(.usage, "the signing key (\(key.algorithm.rawValue)) does not fit the signer certificate")
        }
        guard expiresAt > issuedAt else { throw VaxError(.usage, "a certificate must expire after it is issued") }
        let payload = claims(dcc: dcc, issuerCountry: issuerCountry, issuedAt: issuedAt, expiresAt: expiresAt)
        let message = try COSESign1.sign(payload: payload, key: key, kid: certificate.kid)
        let text = prefix + Base45.encode(Zlib.compress(message.encoded(), level: 9))
        return IssuedHC1(text: text, payloadSHA256: SHA256.hash(payload).bytes)
    }
}
