internal import VaxCore

// Key files (issue 12 findings 2 and 10). A private key is created with mode 0600 in one
// open(O_CREAT | O_EXCL | O_NOFOLLOW) under an unpredictable temporary name, written,
// synced and linked to its final name only if nothing is there: it is never readable by
// another user, not even while written, never half-written under its name, and never
// replaces an existing key. A private key file that the group or others may read or write
// is refused (exit 2): such a key may already be known to someone else.

/// Reading and creating key files.
public enum KeyFile {
    /// Creates the private key file `path` (mode 0600) holding `bytes`.
    /// - Throws: `VaxError(.badInput)` if `path` exists (a key is never replaced),
    ///   `.environment` on I/O faults; nothing is left at `path` then.
    public static func createPrivate(_ path: String, _ bytes: [UInt8]) throws {
        try OutputFile.write(bytes, to: path, mode: FileMode.secret, replacing: false)
    }

    /// Creates the public file `path` (a public key or certificate, mode 0644) holding `bytes`.
    /// - Throws: `VaxError(.badInput)` if `path` exists, `.environment` on I/O faults.
    public static func createPublic(_ path: String, _ bytes: [UInt8]) throws {
        try OutputFile.write(bytes, to: path, mode: FileMode.shared, replacing: false)
    }

    /// The bytes of the private key file `path`.
    /// - Throws: `VaxError(.badInput)` if it is missing, not a regular file, or may be read
    ///   or written by the group or others.
    public static func readPrivate(_ path: String) throws -> [UInt8] {
        try InputFile.readSecret(path)
    }

    /// The bytes of the public file `path` (at most 1 MB).
    /// - Throws: `VaxError(.badInput)` if it is missing or not a regular file.
    public static func readPublic(_ path: String) throws -> [UInt8] {
        try InputFile.readAll(path, limit: 1 << 20)
    }
}

extension Ed25519PrivateKey {
    /// The Ed25519 private key in the PEM file `path`, which must be private to its owner.
    /// - Throws: `VaxError(.badInput)` for a missing, shared or malformed key file.
    public convenience init(contentsOf path: String) throws {
        let bytes = try KeyFile.readPrivate(path)
        do { try self.init(pem: String(decoding: bytes, as: UTF8.self)) } catch let error as VaxError {
            throw VaxError(.badInput, error.message, file: path)
        }
    }

    /// Makes a new key pair and writes NAME.key (mode 0600) and NAME.pub (0644).
    /// - Throws: `VaxError(.badInput)` if either file exists (nothing is written then).
    public static func createKeyPair(base: String) throws -> Ed25519PrivateKey {
        let keyPath = base + ".key"
        let pubPath = base + ".pub"
        for path in [keyPath, pubPath] where fileExists(path) {
            throw VaxError(.badInput, "exists; refusing to overwrite a key", file: path)
        }
        let key = Ed25519PrivateKey.generate()
        try KeyFile.createPrivate(keyPath, Array(key.pem.utf8))
        try KeyFile.createPublic(pubPath, Array(key.publicKey.pem.utf8))
        return key
    }
}

extension SigningKey {
    /// The passport signing key in the PEM file `path`, which must be private to its owner.
    /// - Throws: `VaxError(.badInput)` for a missing, shared or malformed key file.
    public convenience init(contentsOf path: String) throws {
        let bytes = try KeyFile.readPrivate(path)
        do { try self.init(pem: bytes) } catch let error as VaxError {
            throw VaxError(error.kind, error.message, file: path)
        }
    }
}
