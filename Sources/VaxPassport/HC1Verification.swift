public import VaxCrypto

/// What the verifier found in one HC1 text: each check run, and the unwrapped parts.
public struct HC1Verification: Sendable {
    /// The outcome of one stage.
    public struct Check: Sendable, Equatable {
        /// The stage.
        public var stage: HC1Stage
        /// Whether it passed.
        public var passed: Bool
        /// For a failure, what failed; for a pass, a short note (may be empty).
        public var detail: String
    }

    /// Why the signature stage did not pass, when it did not.
    public enum SignatureProblem: Sendable, Equatable {
        /// No certificate was given, or none has the message's kid: the signer key is not available.
        case keyNotAvailable
        /// The protected header names an algorithm other than PS256 (−37) or ES256 (−7).
        case unsupportedAlgorithm
        /// The certificate's key is of another type or strength than the algorithm needs
        /// (ES256: P-256; PS256: RSA of 2048 bits or more; `SignerRules.keyProblem`).
        case keyTypeMismatch
        /// The signature does not verify under the certificate's key.
        case invalidSignature
    }

    /// The stages run, in order. Decoding stops at the first failed decoding stage; the
    /// signature, key-usage, expiry and schema checks all run once decoding succeeded
    /// (key usage and signer only when a certificate was found).
    public var checks: [Check] = []
    /// The COSE_Sign1 message, once decoded.
    public var message: COSESign1?
    /// The CWT claims map, once decoded.
    public var claims: CBOR?
    /// The DCC payload (hcert −260 / 1), once decoded.
    public var dcc: CBOR?
    /// The iss claim, if present.
    public var issuer: String?
    /// The iat claim (Unix seconds), if present.
    public var issuedAt: Int64?
    /// The exp claim (Unix seconds), if present.
    public var expiresAt: Int64?
    /// The signature algorithm of the protected header, if supported.
    public var algorithm: SignatureAlgorithm?
    /// The kid the message names (protected header first, else unprotected).
    public var kid: [UInt8]?
    /// The reason the signature stage failed, if it did.
    public var signatureProblem: SignatureProblem?
    /// The schema violations found.
    public var schemaViolations: [DCCSchemaViolation] = []
    /// Format and value-set problems that are not schema failures.
    public var warnings: [String] = []

    /// Whether every stage ran and passed.
    public var isValid: Bool {
        checks.allSatisfy(\.passed) && !checks.isEmpty
            && Set(checks.map(\.stage)).isSuperset(of: HC1Stage.allCases.filter { $0 != .keyUsage && $0 != .signer })
    }

    /// The first stage that failed, if any.
    public var failedStage: HC1Stage? { checks.first { !$0.passed }?.stage }

    /// Whether `stage` ran and passed (nil if it did not run).
    public func outcome(of stage: HC1Stage) -> Bool? {
        checks.first { $0.stage == stage }?.passed
    }

    mutating func record(_ stage: HC1Stage, _ passed: Bool, _ detail: String = "") {
        checks.append(Check(stage: stage, passed: passed, detail: detail))
    }
}
