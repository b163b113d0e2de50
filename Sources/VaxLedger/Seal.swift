public import VaxCore
public import VaxCrypto

// RUN/seal: a signed note (C2SP signed-note, like the checkpoint) that makes the N partition
// ledgers of a partitioned run one verifiable run (docs/ledger-format.md "Seal").
//
//     vaxlink/seal/v1\n
//     partitions <N>\n
//     store <hex SHA-256>\n            the store's content hash, shared by every partition
//     shots <hex SHA-256>\n            shots.csv, shared
//     model <hex SHA-256>\n            the model, shared
//     decisions <hex SHA-256>\n        the merged RUN/decisions.csv
//     review <hex SHA-256>\n           the merged RUN/review.csv
//     rejects <hex SHA-256>\n          the merged RUN/rejects.csv
//     part <I> <size> <b64 root> <hex SHA-256 of checkpoint bytes> <ledger path>\n   I = 0..N-1
//     \n
//     — vaxlink <base64(key ID ‖ Ed25519 signature)>\n
//
// Valid iff the signature by the run's key verifies over every byte before the blank line
// (key ID = SHA-256("vaxlink" ‖ 0x0A ‖ 0x01 ‖ public key)[0..<4]), the part lines name
// 0..N-1 in order, and for each part the held checkpoint's bytes hash to the committed
// value, it is signed by the same key, its tree size and root are the ones committed, and
// the ledger at the path verifies against it with exactly that many entries. The seal
// commits to the checkpoint's *bytes* and its size and root, not to its text layout.

/// The seal of a partitioned run.
public struct Seal: Sendable, Equatable {
    /// The key name of a seal's signature line (docs/ledger-format.md "Seal"): a fixed name,
    /// since a seal spans the N partition logs rather than one origin.
    public static let keyName = "vaxlink"

    /// One partition's commitment.
    public struct Part: Sendable, Equatable {
        public var index: Int
        public var treeSize: Int
        public var root: SHA256Digest
        /// SHA-256 of the partition's checkpoint file, byte for byte.
        public var checkpointSHA256: SHA256Digest
        public var ledgerPath: String
        public init(index: Int, treeSize: Int, root: SHA256Digest, checkpointSHA256: SHA256Digest, ledgerPath: String) {
            self.index = index
            self.treeSize = treeSize
            self.root = root
            self.checkpointSHA256 = checkpointSHA256
            self.ledgerPath = ledgerPath
        }
    }

    public static let header = "vaxlink/seal/v1"
    public var store: SHA256Digest
    public var shots: SHA256Digest
    public var model: SHA256Digest
    public var decisions: SHA256Digest
    public var review: SHA256Digest
    public var rejects: SHA256Digest
    public var parts: [Part]

    public init(store: SHA256Digest, shots: SHA256Digest, model: SHA256Digest, decisions: SHA256Digest,
                review: SHA256Digest, rejects: SHA256Digest, parts: [Part]) {
        self.store = store
        self.shots = shots
        self.model = model
        self.decisions = decisions
        self.review = review
        self.rejects = rejects
        self.parts = parts
    }

    /// The signed body.
    public var body: String {
        var text = "\(Seal.header)\npartitions \(parts.count)\nstore \(store.hex)\nshots \(shots.hex)\nmodel \(model.hex)\n"
        text += "decisions \(decisions.hex)\nreview \(review.hex)\nrejects \(rejects.hex)\n"
        for p in parts {
            text += "part \(p.index) \(p.treeSize) \(Base64.encode(p.root.bytes)) \(p.checkpointSHA256.hex) \(p.ledgerPath)\n"
        }
        return text
    }

    /// The whole note, signed by `key`.
    public func signed(by key: Ed25519PrivateKey) -> String {
        let body = body
        let id = Checkpoint.keyID(name: Seal.keyName, key: key.publicKey)
        let signature = key.signature(for: Array(body.utf8))
        return body + "\n\u{2014} \(Seal.keyName) \(Base64.encode(id + signature))\n"
    }

    /// Parses a seal note and checks its signature by `key`.
    /// - Throws: `VaxError(.problem)` naming what is wrong.
    public init(text: String, key: Ed25519PublicKey) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "seal: \(why)") }
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let blank = all.firstIndex(of: ""), blank > 0, all.last == "" else { throw bad("no blank line before the signature") }
        let body = all[..<blank].joined(separator: "\n") + "\n"
        let signatureLines = all[(blank + 1)...].filter { !$0.isEmpty }
        let expectedID = Checkpoint.keyID(name: Seal.keyName, key: key)
        var verified = false
        for line in signatureLines {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count == 3, f[0] == "\u{2014}", let blob = Base64.decode(String(f[2])), blob.count == 68 else {
                throw bad("malformed signature line")
            }
            guard f[1] == Seal.keyName, Array(blob.prefix(4)) == expectedID else { continue }
            guard key.isValidSignature(Array(blob.dropFirst(4)), for: Array(body.utf8)) else { throw bad("the signature does not verify") }
            verified = true
        }
        guard verified else { throw bad("no signature by the given key") }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count >= 8, lines[0] == Seal.header else { throw bad("not a \(Seal.header) note") }
        func value(_ i: Int, _ name: String) throws -> String {
            guard lines[i].hasPrefix(name + " ") else { throw bad("line \(i + 1) must be \(name)") }
            return String(lines[i].dropFirst(name.count + 1))
        }
        func digest(_ i: Int, _ name: String) throws -> SHA256Digest {
            guard let d = SHA256Digest(hexText: try value(i, name)) else { throw bad("bad \(name) hash") }
            return d
        }
        guard let n = Int(try value(1, "partitions")), n >= 1, lines.count == 8 + n else { throw bad("bad partitions count") }
        store = try digest(2, "store")
        shots = try digest(3, "shots")
        model = try digest(4, "model")
        decisions = try digest(5, "decisions")
        review = try digest(6, "review")
        rejects = try digest(7, "rejects")
        parts = []
        for i in 0..<n {
            let f = try value(8 + i, "part").split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            guard f.count == 5, Int(f[0]) == i, let size = Int(f[1]), size >= 0,
                  let root = Base64.decode(String(f[2])), root.count == 32,
                  let cp = SHA256Digest(hexText: String(f[3])), !f[4].isEmpty else { throw bad("bad part line \(i)") }
            parts.append(Part(index: i, treeSize: size, root: SHA256Digest(root), checkpointSHA256: cp, ledgerPath: String(f[4])))
        }
    }
}

extension SHA256Digest {
    /// Parses 64 lowercase hex digits; nil otherwise.
    package init?(hexText: String) {
        let bytes = Array(hexText.utf8)
        guard bytes.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        for i in stride(from: 0, to: 64, by: 2) {
            guard let hi = nibble(bytes[i]), let lo = nibble(bytes[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        self.init(out)
    }
}
