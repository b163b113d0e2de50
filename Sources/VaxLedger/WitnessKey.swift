import VaxCore
public import VaxCrypto

/// A witness's public key under its name: what an auditor's policy lists (`--witness`).
///
/// Text form (C2SP signed-note "verifier keys", signature type 0x04 for
/// tlog-cosignature/v1): `name+hex(key ID)+base64(0x04 ‖ 32-byte Ed25519 key)`, key ID =
/// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[0..<4].
public struct WitnessKey: Sendable, Equatable {
    /// The witness's key name (a schema-less URL, or any name without spaces or `+`).
    public var name: String
    /// Its Ed25519 public key.
    public var key: Ed25519PublicKey

    /// The 4-byte key ID of cosignature lines by this witness.
    public var keyID: [UInt8] { Checkpoint.keyID(name: name, key: key, type: 0x04) }

    public init(name: String, key: Ed25519PublicKey) throws {
        guard !name.isEmpty, !name.contains(where: { $0 == "+" || $0.isWhitespace }) else {
            throw VaxError(.usage, "a witness name must be non-empty, without spaces or '+'")
        }
        self.name = name
        self.key = key
    }

    /// Parses the text form.
    /// - Throws: `VaxError(.usage)` if it is not a type-0x04 Ed25519 verifier key whose ID matches.
    public init(verifierKey text: String) throws {
        let parts = String(text.filter { !$0.isWhitespace }).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let raw = Base64.decode(String(parts[2])), raw.count == 33, raw[0] == 0x04,
            let key = try? Ed25519PublicKey(rawBytes: Array(raw.dropFirst()))
        else { throw VaxError(.usage, "a witness key is name+keyid+base64(0x04 ‖ Ed25519 key)") }
        try self.init(name: String(parts[0]), key: key)
        guard hexString(keyID) == parts[1] else { throw VaxError(.usage, "the witness key's ID does not match it") }
    }

    /// The text form.
    public var verifierKey: String { "\(name)+\(hexString(keyID))+\(Base64.encode([0x04] + key.rawBytes))" }

    /// The cosignature in `blob` (key ID ‖ u64 timestamp ‖ signature) over `body`, if it verifies.
    func verify(blob: [UInt8], body: String) -> Cosignature? {
        guard blob.count == 4 + 8 + 64, Array(blob.prefix(4)) == keyID else { return nil }
        let timestamp = blob[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp < 1 << 63,
            key.isValidSignature(Array(blob.suffix(64)), for: Cosignature.message(timestamp: timestamp, body: body))
        else { return nil }
        return Cosignature(name: name, timestamp: timestamp)
    }
}
