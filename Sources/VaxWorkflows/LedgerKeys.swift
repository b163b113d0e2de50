import Foundation
public import VaxCore
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
        let keyPath = base + ".key"
        let pubPath = base + ".pub"
        for path in [keyPath, pubPath] where FileManager.default.fileExists(atPath: path) {
            throw VaxError(.usage, "keygen: \(path) exists; refusing to overwrite a key")
        }
        let key = Ed25519PrivateKey.generate()
        // The private key is created with mode 0600 from the start: never world-readable.
        guard
            FileManager.default.createFile(
                atPath: keyPath, contents: Data(key.pem.utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw VaxError(.environment, "cannot write the private key", file: keyPath)
        }
        guard
            FileManager.default.createFile(
                atPath: pubPath, contents: Data(key.publicKey.pem.utf8),
                attributes: [.posixPermissions: 0o644])
        else {
            throw VaxError(.environment, "cannot write the public key", file: pubPath)
        }
        return key
    }
}
