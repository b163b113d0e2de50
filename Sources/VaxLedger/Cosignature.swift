import VaxCore
import VaxCrypto

/// A verified C2SP tlog-cosignature/v1 on a checkpoint (c2sp.org/tlog-cosignature).
public struct Cosignature: Sendable, Equatable {
    /// The witness's key name.
    public var name: String
    /// When the witness cosigned, in seconds since the epoch (POSIX).
    public var timestamp: UInt64

    /// The message a witness signs: `cosignature/v1\ntime <timestamp>\n` ‖ the note body.
    static func message(timestamp: UInt64, body: String) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(body)".utf8)
    }
}

extension Cosignature {
    /// The signature line a witness named `name` adds to a checkpoint whose note body is
    /// `body`: `— name base64(key ID ‖ u64be timestamp ‖ Ed25519 signature)\n`.
    static func line(name: String, key: Ed25519PrivateKey, timestamp: UInt64, body: String) throws -> String {
        let witness = try WitnessKey(name: name, key: key.publicKey)
        var stamp = ByteWriter()
        stamp.u64(timestamp)
        let signature = key.signature(for: message(timestamp: timestamp, body: body))
        return "\u{2014} \(name) \(Base64.encode(witness.keyID + stamp.bytes + signature))\n"
    }
}
