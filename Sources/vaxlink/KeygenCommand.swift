import Foundation
import VaxCore
import VaxCrypto

/// `vaxlink keygen --out NAME`: an Ed25519 key pair for signing ledger checkpoints.
enum KeygenCommand: Command {
    static let name = "keygen"
    static let summary = "Make an Ed25519 key pair for signing ledgers."
    static let help = """
        USAGE: vaxlink keygen --out NAME

        Writes NAME.key (PKCS#8 PEM private key, mode 0600) and NAME.pub (PEM public key).
        Refuses to overwrite existing files. Give NAME.pub to auditors.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let base = try arguments.required("out")
        try arguments.finish()
        let (keyPath, pubPath) = (base + ".key", base + ".pub")
        _ = try writeKeyPair(base: base)
        print("wrote \(keyPath) (private, keep secret) and \(pubPath)")
        return 0
    }
}

/// Makes a new key pair and writes NAME.key (mode 0600) and NAME.pub; refuses to overwrite.
func writeKeyPair(base: String) throws -> Ed25519PrivateKey {
    try Ed25519PrivateKey.createKeyPair(base: base)
}

/// Reads a text file for a command, mapping a missing file to a usage error (exit 2).
func readTextFile(_ path: String, what: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw VaxError(.badInput, "cannot read the \(what)", file: path)
    }
    return String(decoding: data, as: UTF8.self)
}

/// Fails with exit 2 unless `path` exists (SQLite would otherwise report an I/O fault).
func requireExistingLedger(_ path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
        throw VaxError(.badInput, "no such ledger", file: path)
    }
    try requireRegularFile(path)
}
