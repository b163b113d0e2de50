import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

/// Key files (issue 12 findings 2 and 10): created private from the first byte, never
/// replacing a key, and refused when others may read them.
@Suite struct KeyFileTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    /// Whether user `nobody` can read `path` (as another local user would try).
    static func nobodyCanRead(_ path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "/bin/cat", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A test folder that other users may enter, so only the key's own mode protects it.
    static func withOpenDirectory<T>(_ body: (String) throws -> T) throws -> T {
        try withTemporaryDirectory { dir in
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
            return try body(dir)
        }
    }

    // spec: issue 12 finding 2; the temporary a key is written to is already 0600.
    @Test func keyFilesAreNeverReadableByAnotherUserEvenWhileWritten() throws {
        try Self.withOpenDirectory { dir in
            let path = dir + "/ledger.key"
            let file = try OutputFile(path: path, mode: FileMode.secret, replacing: false)
            try file.write("-----BEGIN PRIVATE KEY-----\n")
            let temporaries = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(temporaries.count == 1)
            let temporary = dir + "/" + temporaries[0]
            #expect(try Self.mode(temporary) == 0o600)
            #expect(try !Self.nobodyCanRead(temporary))
            try file.commit()

            _ = try Ed25519PrivateKey.createKeyPair(base: dir + "/ledger2")
            #expect(try Self.mode(dir + "/ledger2.key") == 0o600)
            #expect(try !Self.nobodyCanRead(dir + "/ledger2.key"))
            #expect(try Self.mode(dir + "/ledger2.pub") == 0o644)
            #expect(try Self.nobodyCanRead(dir + "/ledger2.pub"))
        }
    }

    // spec: issue 12 "Key creation never replaces an existing key".
    @Test func keyCreationNeverReplacesAnExistingKey() throws {
        try withTemporaryDirectory { dir in
            let first = try Ed25519PrivateKey.createKeyPair(base: dir + "/k")
            let before = try String(contentsOfFile: dir + "/k.key", encoding: .utf8)
            #expect(throws: VaxError.self) { try Ed25519PrivateKey.createKeyPair(base: dir + "/k") }
            // The low-level create also refuses, so a second process that lost the race fails.
            #expect(throws: VaxError.self) { try KeyFile.createPrivate(dir + "/k.key", Array("other".utf8)) }
            #expect(try String(contentsOfFile: dir + "/k.key", encoding: .utf8) == before)
            #expect(try Ed25519PrivateKey(contentsOf: dir + "/k.key").publicKey == first.publicKey)
            // A public key alone in the way also stops the pair: no orphan private key is made.
            try "x".write(toFile: dir + "/p.pub", atomically: false, encoding: .utf8)
            #expect(throws: VaxError.self) { try Ed25519PrivateKey.createKeyPair(base: dir + "/p") }
            #expect(!FileManager.default.fileExists(atPath: dir + "/p.key"))
        }
    }

    // spec: issue 12 finding 10, "keys with group or world access refused with exit 2".
    @Test func keyFilesWithGroupOrWorldAccessAreRefused() throws {
        try withTemporaryDirectory { dir in
            _ = try Ed25519PrivateKey.createKeyPair(base: dir + "/k")
            let passport = try SigningKey.generate(.es256)
            try KeyFile.createPrivate(dir + "/passport-key.pem", try passport.privateKeyPEM())
            for mode in [0o644, 0o640, 0o604, 0o666, 0o620] {
                for path in [dir + "/k.key", dir + "/passport-key.pem"] {
                    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
                    do {
                        if path.hasSuffix(".key") {
                            _ = try Ed25519PrivateKey(contentsOf: path)
                        } else {
                            _ = try SigningKey(contentsOf: path)
                        }
                        Issue.record("mode \(String(mode, radix: 8)) accepted for \(path)")
                    } catch let error as VaxError {
                        #expect(error.kind == .badInput)
                        #expect(error.description.contains("chmod 600"))
                    }
                }
            }
            for path in [dir + "/k.key", dir + "/passport-key.pem"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
            }
            _ = try Ed25519PrivateKey(contentsOf: dir + "/k.key")
            #expect(try SigningKey(contentsOf: dir + "/passport-key.pem").algorithm == .es256)
        }
    }

    @Test func aKeyFileThatIsNotARegularFileIsBadInput() throws {
        try withTemporaryDirectory { dir in
            #expect(throws: VaxError.self) { try Ed25519PrivateKey(contentsOf: dir) }
            #expect(throws: VaxError.self) { try Ed25519PrivateKey(contentsOf: "/dev/zero") }
            #expect(throws: VaxError.self) { try Ed25519PrivateKey(contentsOf: dir + "/missing.key") }
        }
    }
}
