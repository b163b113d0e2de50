public import VaxCore
public import VaxCrypto

/// A proof that a ledger's latest checkpoint extends an older one: the tree of the older
/// checkpoint is a prefix of the newer one's (RFC 6962 §2.1.2, checked as in RFC 9162
/// §2.1.4.2). Checkable offline with only the public key: nothing before the older
/// checkpoint was changed, removed or reordered.
///
/// Text form (docs/ledger-format.md "Consistency proofs"):
///
///     vaxlink consistency proof v1\nold <base64(older checkpoint note)>\n
///     path <base64 hash>\n… \n<newer checkpoint note>
public struct ConsistencyProof: Sendable, Equatable {
    /// The older checkpoint's note text.
    public var old: String
    /// The newer checkpoint's note text.
    public var new: String
    /// The RFC 6962 PROOF(m, D[n]).
    public var path: [SHA256Digest]

    static let magic = "vaxlink consistency proof v1"

    /// The text form.
    public var text: String {
        var out = "\(Self.magic)\nold \(Base64.encode(Array(old.utf8)))\n"
        for hash in path { out += "path \(Base64.encode(hash.bytes))\n" }
        return out + "\n" + new
    }

    /// Parses the text form.
    /// - Throws: `VaxError(.problem)` if it is malformed.
    public init(text: String) throws {
        func bad(_ why: String) -> VaxError { VaxError(.problem, "consistency proof: \(why)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 3, lines[0] == Self.magic, lines[1].hasPrefix("old "),
            let old = Base64.decode(String(lines[1].dropFirst(4)))
        else { throw bad("not a vaxlink consistency proof") }
        var i = 2
        var path: [SHA256Digest] = []
        while i < lines.count, lines[i].hasPrefix("path ") {
            guard let hash = Base64.decode(String(lines[i].dropFirst(5))), hash.count == 32 else {
                throw bad("bad path line")
            }
            path.append(SHA256Digest(hash))
            i += 1
        }
        guard i < lines.count, lines[i].isEmpty else { throw bad("unexpected line, or no checkpoint") }
        self.old = String(decoding: old, as: UTF8.self)
        self.new = lines[(i + 1)...].joined(separator: "\n")
        self.path = path
    }

    init(old: String, new: String, path: [SHA256Digest]) {
        self.old = old
        self.new = new
        self.path = path
    }

    /// Whether `text` is a consistency proof (rather than an inclusion proof).
    public static func isConsistencyProof(_ text: String) -> Bool { text.hasPrefix(magic + "\n") }

    /// The proof from the checkpoint `oldText` to the ledger's latest checkpoint.
    /// - Throws: `.problem` if the older checkpoint is not this ledger's (signature, origin,
    ///   size) or the ledger does not extend it (rewritten or forked); `.corruption` for a
    ///   damaged file.
    /// - Complexity: O(log n) stored nodes plus at most a few blocks of 256 leaf hashes.
    public static func make(reader: LedgerReader, from oldText: String) throws -> ConsistencyProof {
        let key = try reader.header().signerPublicKey
        guard let latest = try reader.latestCheckpoint(key: key) else {
            throw VaxError(.corruption, "the ledger has no checkpoint", file: reader.path)
        }
        let old = try Checkpoint(text: oldText, key: key, otherLines: .ignore)
        guard old.origin == latest.origin else {
            throw VaxError(.problem, "the older checkpoint is for another ledger (\(old.origin))")
        }
        guard old.treeSize <= latest.treeSize else {
            throw VaxError(
                .problem,
                "the ledger was truncated: the older checkpoint covers \(old.treeSize) entries, the ledger has \(latest.treeSize)"
            )
        }
        var builder = PathBuilder(reader: reader, hashing: LedgerHashing())
        let path = try subproof(old.treeSize, 0, latest.treeSize, true, &builder)
        let proof = ConsistencyProof(old: oldText, new: latest.text, path: path)
        do { _ = try proof.check(key: key) } catch let error as VaxError where error.kind == .problem {
            throw VaxError(.problem, "the ledger does not extend the older checkpoint: rewritten or forked")
        }
        return proof
    }

    /// RFC 6962 §2.1.2 SUBPROOF(m, D[lo..<hi], b).
    private static func subproof(_ m: Int, _ lo: Int, _ hi: Int, _ b: Bool, _ builder: inout PathBuilder) throws
        -> [SHA256Digest]
    {
        let n = hi - lo
        if m == n { return b ? [] : [try builder.mth(lo, hi)] }
        let k = largestPowerOfTwo(below: n)
        if m <= k { return try subproof(m, lo, lo + k, b, &builder) + [builder.mth(lo + k, hi)] }
        return try subproof(m - k, lo + k, hi, false, &builder) + [builder.mth(lo, lo + k)]
    }

    /// Checks both notes' signatures by `key` (other signature lines are ignored here), that
    /// they name the same ledger, and the path from the older root to the newer.
    /// - Returns: the older and newer checkpoints.
    /// - Throws: `VaxError(.problem)` naming what does not hold.
    public func check(key: Ed25519PublicKey) throws -> (old: Checkpoint, new: Checkpoint) {
        let old = try Checkpoint(text: old, key: key, otherLines: .ignore)
        let new = try Checkpoint(text: new, key: key, otherLines: .ignore)
        guard old.origin == new.origin else { throw VaxError(.problem, "consistency proof: two different ledgers") }
        guard old.treeSize <= new.treeSize else {
            throw VaxError(.problem, "consistency proof: the older checkpoint is the larger")
        }
        guard
            Self.verify(
                oldSize: old.treeSize, newSize: new.treeSize, oldRoot: old.root, newRoot: new.root, path: path,
                hashing: LedgerHashing())
        else { throw VaxError(.problem, "consistency proof: the path does not lead from the older root to the newer") }
        return (old, new)
    }

    /// RFC 9162 §2.1.4.2: whether `path` proves the tree of `oldSize` leaves with `oldRoot` a
    /// prefix of the tree of `newSize` leaves with `newRoot`.
    static func verify(
        oldSize: Int, newSize: Int, oldRoot: SHA256Digest, newRoot: SHA256Digest, path: [SHA256Digest],
        hashing: LedgerHashing
    ) -> Bool {
        if oldSize == newSize { return path.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return path.isEmpty }
        guard oldSize < newSize, !path.isEmpty else { return false }
        var path = path
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = hashing.node(c, fr)
                sr = hashing.node(c, sr)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = hashing.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }
}
