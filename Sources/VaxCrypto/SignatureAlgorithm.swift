/// The COSE signature algorithms that EU Digital COVID Certificates use (RFC 8152 §8, RFC 8230 §2).
///
/// The raw values are the JOSE/COSE names, as `--algorithm` and the payload printer show them.
public enum SignatureAlgorithm: String, Sendable, CaseIterable {
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (COSE −37).
    case ps256 = "PS256"
    /// ECDSA over P-256 with SHA-256, signature as raw r‖s (COSE −7).
    case es256 = "ES256"

    /// The COSE `alg` header value: −37 for PS256, −7 for ES256.
    public var coseIdentifier: Int {
        switch self {
        case .ps256: return -37
        case .es256: return -7
        }
    }

    /// The algorithm whose COSE `alg` value is `coseIdentifier`, or nil for any other.
    public init?(coseIdentifier: Int) {
        switch coseIdentifier {
        case -37: self = .ps256
        case -7: self = .es256
        default: return nil
        }
    }
}
