import Foundation
import VaxCore
public import VaxCrypto

/// The Ed25519 key pairs that sign ledger checkpoints: NAME.key and NAME.pub.
public enum LedgerKeys {
    /// `vaxlink keygen --out NAME`: makes a key pair and writes NAME.key and NAME.pub.
    /// - Throws: `VaxError(.usage)` if either file exists; `.environment` if one cannot be written.
    public static func generate(base: String) throws -> WorkflowReport {
        _ = try writeKeyPair(base: base)
        return WorkflowReport(output: "wrote \(base).key (private, keep secret) and \(base).pub")
    }

    /// Makes a new key pair and writes NAME.key (mode 0600) and NAME.pub (0644); refuses to
    /// overwrite either.
    /// - Returns: the private key.
    /// - Throws: `VaxError(.usage)` if either file exists; `.environment` if one cannot be written.
    public static func writeKeyPair(base: String) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey.createKeyPair(base: base)
    }
}
