import VaxCore

/// The right edge of an RFC 6962 Merkle tree: one perfect subtree per 1-bit of the size.
///
/// Appending a leaf costs amortized one node hash; completed subtrees of level ≥ 8 are
/// handed to `emit` so the writer can store them for proofs.
struct MerkleFrontier {
    /// `levels[k]` is the perfect subtree of 2^k leaves on the edge, if bit k of `size` is set.
    private(set) var levels: [SHA256Digest?] = []
    private(set) var size = 0

    init() {}

    /// A frontier of a tree of `size` leaves from its edge subtrees (nil where the bit is clear).
    init(size: Int, levels: [SHA256Digest?]) {
        self.size = size
        self.levels = levels
    }

    /// Adds one leaf hash; calls `emit(level, index, hash)` for each completed subtree of level ≥ 8.
    mutating func append(
        _ leaf: SHA256Digest, hashing: LedgerHashing,
        emit: (Int, Int, SHA256Digest) throws -> Void
    ) rethrows {
        var carry = leaf
        var level = 0
        while level < levels.count, let left = levels[level] {
            carry = hashing.node(left, carry)
            levels[level] = nil
            level += 1
            if level >= LedgerFormat.storedLevel {
                try emit(level, ((size + 1) >> level) - 1, carry)
            }
        }
        if level == levels.count { levels.append(nil) }
        levels[level] = carry
        size += 1
    }

    /// MTH of all leaves so far (RFC 6962 §2.1); SHA-256 of nothing for an empty tree.
    func root(hashing: LedgerHashing) -> SHA256Digest {
        var accumulator: SHA256Digest? = nil
        for case let subtree? in levels {
            accumulator = accumulator.map { hashing.node(subtree, $0) } ?? subtree
        }
        return accumulator ?? hashing.hasher.hash(UnsafeRawBufferPointer(start: nil, count: 0))
    }
}

/// RFC 9162 §2.1.3.2: whether `path` proves `leaf` at `index` in a tree of `size` with `root`.
func verifyInclusion(
    leaf: SHA256Digest, index: Int, size: Int, path: [SHA256Digest], root: SHA256Digest,
    hashing: LedgerHashing
) -> Bool {
    guard index >= 0, index < size else { return false }
    var fn = index
    var sn = size - 1
    var r = leaf
    for p in path {
        if sn == 0 { return false }
        if fn & 1 == 1 || fn == sn {
            r = hashing.node(p, r)
            if fn & 1 == 0 {
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            }
        } else {
            r = hashing.node(r, p)
        }
        fn >>= 1
        sn >>= 1
    }
    return sn == 0 && r == root
}
