public import VaxCore
public import VaxCrypto

/// A proof that one entry is in the ledger a signed checkpoint commits to (RFC 9162 §2.1.3),
/// checkable offline with only the public key.
///
/// Text form (docs/ledger-format.md "Inclusion proofs"):
///
///     vaxlink inclusion proof v1\nindex <seq>\nentry <base64 canonical bytes>\n
///     path <base64 hash>\n… (leaf to root)\n\n<checkpoint note>
public struct InclusionProof: Sendable, Equatable {
    public var index: Int
    /// The entry's canonical bytes.
    public var entry: [UInt8]
    public var path: [SHA256Digest]
    /// The signed checkpoint text the path leads to.
    public var checkpoint: String

    static let magic = "vaxlink inclusion proof v1"

    /// The proof's text form.
    public var text: String {
        var out = "\(Self.magic)\nindex \(index)\nentry \(Base64.encode(entry))\n"
        for hash in path { out += "path \(Base64.encode(hash.bytes))\n" }
        return out + "\n" + checkpoint
    }

    /// Parses the text form.
    /// - Throws: `VaxError(.problem)` if it is malformed.
    public init(text: String) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "proof: \(why)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 4, lines[0] == Self.magic else { throw bad("not a vaxlink inclusion proof") }
        guard lines[1].hasPrefix("index "), let index = Int(lines[1].dropFirst(6)), index >= 0,
            String(index) == String(lines[1].dropFirst(6))
        else { throw bad("bad index line") }
        guard lines[2].hasPrefix("entry "), let entry = Base64.decode(String(lines[2].dropFirst(6))) else {
            throw bad("bad entry line")
        }
        var path: [SHA256Digest] = []
        var i = 3
        while i < lines.count, !lines[i].isEmpty {
            guard lines[i].hasPrefix("path "), let hash = Base64.decode(String(lines[i].dropFirst(5))), hash.count == 32
            else {
                throw bad("bad path line")
            }
            path.append(SHA256Digest(hash))
            i += 1
        }
        guard i < lines.count else { throw bad("no checkpoint") }
        self.index = index
        self.entry = entry
        self.path = path
        self.checkpoint = lines[(i + 1)...].joined(separator: "\n")
    }

    init(index: Int, entry: [UInt8], path: [SHA256Digest], checkpoint: String) {
        self.index = index
        self.entry = entry
        self.path = path
        self.checkpoint = checkpoint
    }

    /// Checks the checkpoint's signature by `key` and the path from the entry to its root.
    /// - Returns: the proven entry, decoded.
    /// - Throws: `VaxError(.problem)` naming what does not hold.
    public func check(key: Ed25519PublicKey) throws -> LedgerEntry {
        let signed = try Checkpoint(text: checkpoint, key: key)
        guard entry.count >= 9 else { throw VaxError(.problem, "proof: the entry is too short") }
        var seq: UInt64 = 0
        for b in entry[0..<8] { seq = seq << 8 | UInt64(b) }
        let shotCount = Int(entry[8])
        guard seq == UInt64(index), entry.count >= 9 + shotCount else {
            throw VaxError(.problem, "proof: the entry's sequence number is not the proven index")
        }
        let hashing = LedgerHashing()
        let shot = Array(entry[9..<(9 + shotCount)])
        let body = Array(entry[(9 + shotCount)...])
        let leaf = shot.withUnsafeBytes { s in
            body.withUnsafeBytes { b in hashing.leaf(seq: index, shotID: s, body: b) }
        }
        guard
            verifyInclusion(
                leaf: leaf, index: index, size: signed.treeSize, path: path, root: signed.root,
                hashing: hashing)
        else {
            throw VaxError(.problem, "proof: the path does not lead to the checkpoint's root")
        }
        let decoded = body.withUnsafeBytes { b in
            EntryCodec.decode(body: b, shotID: shotCount == 0 ? nil : String(decoding: shot, as: UTF8.self))
        }
        guard let decoded else { throw VaxError(.problem, "proof: the entry does not decode") }
        return decoded
    }

    /// The proof for the decision on `shotID` against the ledger's latest checkpoint.
    /// - Throws: `.badInput` if there is no decision for the shot, `.corruption` for a damaged file.
    /// - Complexity: O(log n) stored nodes plus at most 2 × 256 leaf hashes.
    public static func make(reader: LedgerReader, shotID: String) throws -> InclusionProof {
        guard let seq = try reader.seq(ofShot: shotID) else {
            throw VaxError(.badInput, "the ledger holds no decision for that shot", field: "shot")
        }
        let header = try reader.header()
        guard let checkpoint = try reader.latestCheckpoint(key: header.signerPublicKey) else {
            throw VaxError(.corruption, "the ledger has no checkpoint", file: reader.path)
        }
        let hashing = LedgerHashing()
        var builder = PathBuilder(reader: reader, hashing: hashing)
        let path = try builder.path(seq, 0, checkpoint.treeSize)
        return InclusionProof(
            index: seq, entry: try reader.canonicalBytes(seq: seq)!, path: path, checkpoint: checkpoint.text)
    }
}

/// RFC 6962 §2.1.1 PATH over stored nodes and recomputed leaves.
private struct PathBuilder {
    let reader: LedgerReader
    let hashing: LedgerHashing

    mutating func path(_ m: Int, _ lo: Int, _ hi: Int) throws -> [SHA256Digest] {
        let n = hi - lo
        if n <= 1 { return [] }
        let k = largestPowerOfTwo(below: n)
        if m < lo + k { return try path(m, lo, lo + k) + [mth(lo + k, hi)] }
        return try path(m, lo + k, hi) + [mth(lo, lo + k)]
    }

    func mth(_ lo: Int, _ hi: Int) throws -> SHA256Digest {
        let n = hi - lo
        if n & (n - 1) == 0, n >= LedgerFormat.blockSize, lo % n == 0 {
            let level = n.trailingZeroBitCount
            guard let node = try reader.node(level: level, index: lo >> level) else {
                throw VaxError(
                    .corruption, "the ledger lacks a Merkle node; run 'vaxlink ledger verify'", file: reader.path)
            }
            return node
        }
        if n <= LedgerFormat.blockSize {
            var frontier = MerkleFrontier()
            for leaf in try reader.leafHashes(lo..<hi, hashing: hashing) {
                frontier.append(leaf, hashing: hashing) { _, _, _ in }
            }
            return frontier.root(hashing: hashing)
        }
        let k = largestPowerOfTwo(below: n)
        return hashing.node(try mth(lo, lo + k), try mth(lo + k, hi))
    }
}

/// The largest power of two strictly below `n` (n ≥ 2).
func largestPowerOfTwo(below n: Int) -> Int {
    1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
}
