import Foundation
import VaxCore
public import VaxCrypto
import VaxInterchange

// The detached signature of a saved review-decisions.csv (docs/interchange.md "Review
// signatures"): FILE.sig beside FILE, UTF-8 text, five lines:
//
//   vaxlink review-decisions signature v1
//   file: review-decisions-01-01-0001.csv        (the name when signed; informative)
//   sha256: <64 hex: SHA-256 of FILE's bytes>
//   key_id: <16 hex: the first 8 bytes of SHA-256 of the site's raw 32-byte Ed25519 public key>
//   signature: <base64 of the Ed25519 signature>
//
// The signature covers the bytes of the first four lines, line ends included. Valid iff the
// file's SHA-256 is the one named, a registered site key has the key_id, and the signature
// verifies under it.

/// Signs and checks review-decisions files with the sites' Ed25519 keys.
public enum ReviewSignature {
    static let firstLine = "vaxlink review-decisions signature v1"

    /// Who signed a file: the registered key's name (its file name in the site-keys folder
    /// without `.pub`) and its key id.
    public struct Signer: Sendable, Equatable {
        public var site: String
        public var keyID: String
    }

    /// The key id of a public key: hex of the first 8 bytes of SHA-256(raw key).
    public static func keyID(_ key: Ed25519PublicKey) -> String { String(SHA256.hash(key.rawBytes).hex.prefix(16)) }

    /// `vaxlink review sign`: writes `decisions` + ".sig" signed with the site key `keyPath`.
    /// - Throws: `VaxError(.badInput)` for an unreadable decisions file or key, or a file that
    ///   does not read as review-decisions.csv; `.environment` on I/O faults.
    public static func sign(decisions: String, keyPath: String) throws -> WorkflowReport {
        let key = try Ed25519PrivateKey(contentsOf: keyPath)
        try requireRegularFile(decisions)
        // Sign only what import would accept: a file with bad rows is fixed first.
        let contents = try ReviewDecisionsReader.read(path: decisions)
        if let first = contents.issues.first {
            throw VaxError(
                .badInput, "\(contents.issues.count) rows do not read (first: \(first.reason)); not signed",
                file: decisions, line: first.line)
        }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: decisions)))
        let name = decisions.split(separator: "/").last.map(String.init) ?? decisions
        let signed = "\(firstLine)\nfile: \(name)\nsha256: \(SHA256.hash(bytes).hex)\nkey_id: \(keyID(key.publicKey))\n"
        let signature = key.signature(for: Array(signed.utf8))
        let text = signed + "signature: \(Base64.encode(signature))\n"
        try OutputFile.write(Array(text.utf8), to: decisions + ".sig", mode: FileMode.personal)
        return WorkflowReport(
            output:
                "signed \(decisions) (\(contents.rows.count) decisions) with key \(keyID(key.publicKey)): \(decisions).sig"
        )
    }

    /// Checks `decisions` + ".sig" against the public keys (`*.pub`) in `siteKeys`.
    /// - Returns: the signer.
    /// - Throws: `VaxError(.badInput)` naming the file when the signature is missing,
    ///   malformed, made by an unregistered key, does not verify, or names other bytes.
    public static func verify(decisions: String, siteKeys: String) throws -> Signer {
        let sigPath = decisions + ".sig"
        guard let data = FileManager.default.contents(atPath: sigPath) else {
            throw VaxError(.badInput, "no signature: sign it at the site with 'vaxlink review sign'", file: sigPath)
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        func value(_ i: Int, _ prefix: String) throws -> String {
            guard i < lines.count, lines[i].hasPrefix(prefix) else {
                throw VaxError(.badInput, "line \(i + 1) should start with '\(prefix)'", file: sigPath, line: i + 1)
            }
            return String(lines[i].dropFirst(prefix.count))
        }
        guard lines.count == 6, lines[0] == firstLine, lines[5].isEmpty else {
            throw VaxError(.badInput, "not a review-decisions signature (v1)", file: sigPath)
        }
        _ = try value(1, "file: ")
        let digest = try value(2, "sha256: ")
        let keyID = try value(3, "key_id: ")
        guard let signature = Base64.decode(try value(4, "signature: ")), signature.count == 64 else {
            throw VaxError(.badInput, "the signature is not 64 bytes of base64", file: sigPath, line: 5)
        }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: decisions)))
        guard SHA256.hash(bytes).hex == digest else {
            throw VaxError(.badInput, "the file is not the one signed (its SHA-256 differs)", file: decisions)
        }
        let keys = try FileManager.default.contentsOfDirectory(atPath: siteKeys).filter { $0.hasSuffix(".pub") }
            .sorted()
        for name in keys {
            let key = try Ed25519PublicKey(
                pem: String(decoding: try KeyFile.readPublic(siteKeys + "/" + name), as: UTF8.self))
            guard Self.keyID(key) == keyID else { continue }
            let signed = lines[0...3].joined(separator: "\n") + "\n"
            guard key.isValidSignature(signature, for: Array(signed.utf8)) else {
                throw VaxError(
                    .badInput, "the signature does not verify under site key \(name)", file: sigPath, line: 5)
            }
            return Signer(site: String(name.dropLast(4)), keyID: keyID)
        }
        throw VaxError(
            .badInput, "signed by key \(keyID), which is not registered in \(siteKeys)", file: sigPath, line: 4)
    }
}
