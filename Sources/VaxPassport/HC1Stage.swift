/// The checks of an HC1 text, in the order the verifier runs them.
///
/// The first five unwrap the text; each needs the one before it. The last five judge the
/// unwrapped certificate and are all run, so a report says, for instance, that the schema
/// holds although the signer key is not available.
public enum HC1Stage: String, Sendable, CaseIterable {
    /// The text starts with the context identifier "HC1:".
    case prefix
    /// The rest is valid Base45.
    case base45
    /// That is one zlib stream.
    case decompression
    /// That is a COSE_Sign1 message with a protected alg.
    case cose
    /// Its payload is a CWT claims map with iss/iat/exp of the right types and hcert −260 / 1.
    case cwt
    /// A given certificate has the message's kid and its key verifies the signature.
    case signature
    /// The certificate's DCC extended key usages, if any, allow this certificate type.
    case keyUsage = "key-usage"
    /// The certificate was valid when the message was issued (iat) and its country is the issuer (`SignerRules`).
    case signer
    /// The validation time lies within [iat, exp].
    case expiry
    /// The DCC payload conforms to the DCC JSON schema 1.3.0.
    case schema

    /// Whether the stage unwraps the text (and so stops the verifier when it fails).
    public var isDecodingStage: Bool {
        switch self {
        case .prefix, .base45, .decompression, .cose, .cwt: return true
        case .signature, .keyUsage, .signer, .expiry, .schema: return false
        }
    }
}
