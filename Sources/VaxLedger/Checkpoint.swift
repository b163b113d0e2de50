public import VaxCore
public import VaxCrypto

/// A signed tree head: a C2SP signed note (c2sp.org/signed-note) holding a C2SP
/// tlog-checkpoint (c2sp.org/tlog-checkpoint).
///
///     version 2:  <origin>\n<tree size>\n<base64 root>\n\n— <origin> <base64(key ID ‖ signature)>\n
///     version 1:  <origin>\n<tree size>\n<base64 root>\nchain <base64 chain head>\n\n— vaxlink <…>\n
///
/// The signature covers the note body (the lines before the blank line, each with its
/// newline). The key ID is SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[0..<4]; the key name is
/// the origin in version 2 (as tlog-checkpoint says) and `vaxlink` in version 1. Any further
/// signature line must be a tlog-cosignature/v1 of a witness the caller names, else the note
/// is refused: no stored byte escapes a check.
public struct Checkpoint: Sendable, Equatable {
    /// Names the ledger: `vaxlink/ledger/` + hex of the first 16 bytes of the header's chain hash.
    public var origin: String
    /// Entries covered.
    public var treeSize: Int
    /// The RFC 6962 Merkle root of those entries.
    public var root: SHA256Digest
    /// Version 1 only: the chain hash of the last entry, on the note's extension line. In
    /// version 2 the chain head is inside the tree (each seal commits the chain before it).
    public var chainHead: SHA256Digest?
    /// The full note text, signature lines included.
    public var text: String
    /// The witness cosignatures that verified against the witnesses given to `init`.
    public var cosignatures: [Cosignature] = []

    /// The ledger format version of the note: 1 with a chain line, 2 without.
    public var formatVersion: UInt8 { chainHead == nil ? 2 : 1 }

    /// The signed body of a note (version 1 iff `chainHead` is given).
    static func body(origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest?) -> String {
        var text = "\(origin)\n\(treeSize)\n\(Base64.encode(root.bytes))\n"
        if let chainHead { text += "chain \(Base64.encode(chainHead.bytes))\n" }
        return text
    }

    /// The note body: the text before the blank line, with its last newline.
    public var body: String { Checkpoint.body(origin: origin, treeSize: treeSize, root: root, chainHead: chainHead) }

    /// The signed-note key name of a ledger's signer.
    static func keyName(origin: String, version: UInt8) -> String { version == 1 ? LedgerFormat.v1KeyName : origin }

    /// The 4-byte signed-note key ID of `key` under `name`, for signature type `type`
    /// (0x01 Ed25519 note signature, 0x04 tlog-cosignature/v1).
    static func keyID(name: String, key: Ed25519PublicKey, type: UInt8 = 0x01) -> [UInt8] {
        Array(SHA256.hash(Array(name.utf8) + [0x0A, type] + key.rawBytes).bytes.prefix(4))
    }

    /// The C2SP verifier key (vkey) of the ledger signer `key` for `origin`:
    /// `name+hex(key ID)+base64(0x01 ‖ key)`, as Go's golang.org/x/mod/sumdb/note reads it.
    public static func verifierKey(origin: String, key: Ed25519PublicKey, version: UInt8 = LedgerFormat.version)
        -> String
    {
        let name = keyName(origin: origin, version: version)
        return "\(name)+\(hexString(keyID(name: name, key: key)))+\(Base64.encode([0x01] + key.rawBytes))"
    }

    /// Makes and signs a checkpoint: version 1 if `chainHead` is given, else version 2.
    static func make(
        origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest?,
        key: Ed25519PrivateKey
    ) -> Checkpoint {
        let body = body(origin: origin, treeSize: treeSize, root: root, chainHead: chainHead)
        let signature = key.signature(for: Array(body.utf8))
        let name = keyName(origin: origin, version: chainHead == nil ? 2 : 1)
        let id = keyID(name: name, key: key.publicKey)
        let text = body + "\n\u{2014} \(name) \(Base64.encode(id + signature))\n"
        return Checkpoint(origin: origin, treeSize: treeSize, root: root, chainHead: chainHead, text: text)
    }

    /// What to do with a signature line that is neither the signer's nor a given witness's.
    public enum OtherLines: Sendable {
        /// Refuse the note (verification: every byte is accounted for).
        case reject
        /// Skip it (a witness adding its own cosignature to a note others cosigned).
        case ignore
    }

    /// Parses a note and checks its signature by `key` and every other line.
    /// - Parameters:
    ///   - witnesses: cosigners whose tlog-cosignature/v1 lines are accepted (and checked).
    ///   - otherLines: what to do with any other signature line.
    /// - Throws: `VaxError(.problem)` naming what is wrong (format, key ID, signature, a line).
    public init(
        text: String, key: Ed25519PublicKey, witnesses: [WitnessKey] = [], otherLines: OtherLines = .reject
    ) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "checkpoint: \(why)") }
        let utf8 = Array(text.utf8)
        guard let blank = utf8.indices.dropLast().first(where: { utf8[$0] == 0x0A && utf8[$0 + 1] == 0x0A }) else {
            throw bad("the note has no blank line before its signatures")
        }
        let body = String(decoding: utf8[...blank], as: UTF8.self)
        let signatureBlock = String(decoding: utf8[(blank + 2)...], as: UTF8.self)
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count == 3 || lines.count == 4, !lines[0].isEmpty else {
            throw bad("the note must have origin, size and root lines (and in version 1 a chain line)")
        }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else { throw bad("bad tree size") }
        guard let root = Base64.decode(lines[2]), root.count == 32 else { throw bad("bad root hash") }
        var head: SHA256Digest? = nil
        if lines.count == 4 {
            guard lines[3].hasPrefix("chain "), let bytes = Base64.decode(String(lines[3].dropFirst(6))),
                bytes.count == 32
            else { throw bad("bad chain line (the only extension line, in version 1)") }
            head = SHA256Digest(bytes)
        }
        let version: UInt8 = head == nil ? 2 : 1
        guard signatureBlock.hasSuffix("\n"), !signatureBlock.isEmpty else {
            throw bad("the signature lines must end with a newline")
        }
        let signerName = Checkpoint.keyName(origin: lines[0], version: version)
        let signerID = Checkpoint.keyID(name: signerName, key: key)
        let bodyBytes = Array(body.utf8)
        var signed = false
        var cosignatures: [Cosignature] = []
        for line in signatureBlock.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "\u{2014}", !parts[1].isEmpty,
                let blob = Base64.decode(String(parts[2])), blob.count > 4
            else { throw bad("malformed signature line") }
            let name = String(parts[1])
            let id = Array(blob.prefix(4))
            if name == signerName && id == signerID {
                guard !signed else { throw bad("a second signature line by the signer") }
                guard blob.count == 68, key.isValidSignature(Array(blob.dropFirst(4)), for: bodyBytes) else {
                    throw bad("the signature does not verify")
                }
                signed = true
            } else if let witness = witnesses.first(where: { $0.name == name && $0.keyID == id }) {
                guard let cosignature = witness.verify(blob: blob, body: body) else {
                    throw bad("the cosignature of witness \(name) does not verify")
                }
                guard !cosignatures.contains(where: { $0.name == name }) else {
                    throw bad("a second cosignature by witness \(name)")
                }
                cosignatures.append(cosignature)
            } else if otherLines == .reject {
                throw bad("a signature line by \(name.prefix(64)) that is neither the signer's nor a given witness's")
            }
        }
        guard signed else { throw bad("no signature by the given key") }
        self.origin = lines[0]
        self.treeSize = size
        self.root = SHA256Digest(root)
        self.chainHead = head
        self.text = text
        self.cosignatures = cosignatures
    }

    init(origin: String, treeSize: Int, root: SHA256Digest, chainHead: SHA256Digest?, text: String) {
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
