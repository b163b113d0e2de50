/// What a verification was anchored to, outside the file itself (docs/ledger-format.md
/// "Trust roots"). Without any root, a pass proves integrity only: a forger who re-keys and
/// re-signs the whole file passes too.
public struct TrustRoots: Sendable, Equatable {
    /// The signer's public key was given by the auditor (else: the key the header names).
    public var publicKeyGiven = false
    /// A checkpoint held outside the ledger was given and is contained in it.
    public var heldCheckpoint = false
    /// Distinct given witnesses whose cosignatures on the held checkpoint verified.
    public var witnesses = 0

    /// Whether anything outside the file anchored the check.
    public var isAnchored: Bool { publicKeyGiven || heldCheckpoint }

    /// A machine word for `--json`: `given_key`, `held_checkpoint`, `witnesses`, joined by `+`, or
    /// `key_in_file` when nothing outside the file was given.
    public var code: String {
        var parts: [String] = []
        if publicKeyGiven { parts.append("given_key") }
        if heldCheckpoint { parts.append("held_checkpoint") }
        if witnesses > 0 { parts.append("witnesses") }
        return parts.isEmpty ? "key_in_file" : parts.joined(separator: "+")
    }

    /// One sentence for people.
    public var statement: String {
        guard isAnchored else {
            return "integrity only: checked against the key the ledger itself names; no --public-key or "
                + "--checkpoint was given, so a ledger re-keyed and re-signed by a forger would pass too"
        }
        var anchors: [String] = []
        if publicKeyGiven { anchors.append("signed by the given public key") }
        if heldCheckpoint { anchors.append("contains the held checkpoint") }
        if witnesses > 0 { anchors.append("cosigned by \(witnesses) given witness\(witnesses == 1 ? "" : "es")") }
        return anchors.joined(separator: "; ")
    }
}
