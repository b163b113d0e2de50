public import VaxCore
public import VaxCrypto

/// A signed tree head in the C2SP tlog-checkpoint signed-note format:
///
///     <origin>\n<tree size>\n<base64 root>\nchain <base64 chain head>\n\n— vaxlink <base64(key ID ‖ signature)>\n
///
/// The signature covers the text up to and including the fourth line's newline. The key
/// ID is SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[0..<4] (C2SP signed-note, Ed25519).
public struct Checkpoint: Sendable, Equatable {
    /// Names the ledger: `vaxlink/ledger/` + hex of the first 16 bytes of the header's chain hash.
    public var origin: String
    /// Entries covered.
    public var treeSize: Int
    /// The RFC 6962 Merkle root of those entries.
    public var root: SHA256Digest
    /// The chain hash of the last entry (always a seal).
    public var chainHead: SHA256Digest
    /// The full note text, signature line included.
    public var text: String

    /// The signed body of a note.
    static func body(origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest) -> String {
        "\(origin)\n\(treeSize)\n\(Base64.encode(root.bytes))\nchain \(Base64.encode(chainHead.bytes))\n"
    }

    /// The 4-byte signed-note key ID of `key` under `name`.
    static func keyID(name: String, key: Ed25519PublicKey) -> [UInt8] {
        Array(SHA256.hash(Array(name.utf8) + [0x0A, 0x01] + key.rawBytes).bytes.prefix(4))
    }

    /// Makes and signs a checkpoint.
    static func make(
        origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest,
        key: Ed25519PrivateKey
    ) -> Checkpoint {
        let body = body(origin: origin, treeSize: treeSize, root: root, chainHead: chainHead)
        let signature = key.signature(for: Array(body.utf8))
        let id = keyID(name: LedgerFormat.keyName, key: key.publicKey)
        let text = body + "\n\u{2014} \(LedgerFormat.keyName) \(Base64.encode(id + signature))\n"
        return Checkpoint(origin: origin, treeSize: treeSize, root: root, chainHead: chainHead, text: text)
    }

    /// Parses a note and checks its signature by `key`.
    /// - Throws: `VaxError(.problem)` naming what is wrong (format, key ID, signature).
    public init(text: String, key: Ed25519PublicKey) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "checkpoint: \(why)") }
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // origin, size, root, chain, blank, ≥1 signature line, then the final newline's empty tail.
        guard all.count >= 7, all[4].isEmpty, all.last == "", !all[0].isEmpty else {
            throw bad("the note must have origin, size, root and chain lines, a blank line and signatures")
        }
        let lines = Array(all[0..<4])
        let body = lines.joined(separator: "\n") + "\n"
        let signatures = all[5..<(all.count - 1)]
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else { throw bad("bad tree size") }
        guard let root = Base64.decode(lines[2]), root.count == 32 else { throw bad("bad root hash") }
        guard lines[3].hasPrefix("chain "), let head = Base64.decode(String(lines[3].dropFirst(6))),
            head.count == 32
        else { throw bad("bad chain line") }
        let expectedID = Checkpoint.keyID(name: LedgerFormat.keyName, key: key)
        var verified = false
        for line in signatures {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "\u{2014}", let blob = Base64.decode(String(parts[2])),
                blob.count == 68
            else { throw bad("malformed signature line") }
            guard parts[1] == LedgerFormat.keyName, Array(blob.prefix(4)) == expectedID else { continue }
            verified = key.isValidSignature(Array(blob.dropFirst(4)), for: Array(body.utf8))
            if !verified { throw bad("the signature does not verify") }
        }
        guard verified else { throw bad("no signature by the given key") }
        self.origin = lines[0]
        self.treeSize = size
        self.root = SHA256Digest(root)
        self.chainHead = SHA256Digest(head)
        self.text = text
    }

    init(origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest, text: String) {
        self.origin = origin
        self.treeSize = treeSize
        self.root = root
        self.chainHead = chainHead
        self.text = text
    }

    /// The origin line of the ledger whose header entry has chain hash `headerChain`.
    static func origin(headerChain: SHA256Digest) -> String {
        "vaxlink/ledger/" + hexString(headerChain.bytes.prefix(16))
    }
}
