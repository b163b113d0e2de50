import VaxCore

// spec: ledger-format.md "Verification" steps 4 (chain head) and 7 (root).

/// Phase 7: every checkpoint's root is the Merkle root of its first t entries and its chain
/// line is chain(t−1).
enum CheckpointRootCheck {
    /// - Parameters:
    ///   - levels: the tree's levels ≥ 8, from `MerkleNodeCheck`.
    ///   - partialRoots: the root of the trailing partial block at each checkpoint size not a
    ///     multiple of 256; `heads`: the recomputed chain(t−1) at each checkpoint size t.
    /// - Throws: `VerificationFailure` at the checkpoint's last entry.
    static func check(
        checkpoints: [Int: Checkpoint], sizes: [Int], levels: [[SHA256Digest]],
        partialRoots: [Int: SHA256Digest], heads: [Int: SHA256Digest], hashing: LedgerHashing
    ) throws {
        for s in sizes {
            var parts: [SHA256Digest] = []
            var start = 0
            for level in stride(from: levels.count - 1, through: LedgerFormat.storedLevel, by: -1)
            where s >> level & 1 == 1 {
                parts.append(levels[level][start >> level])
                start += 1 << level
            }
            if s % LedgerFormat.blockSize != 0, let partial = partialRoots[s] { parts.append(partial) }
            var root = parts.removeLast()
            while let left = parts.popLast() { root = hashing.node(left, root) }
            let checkpoint = checkpoints[s]!
            if root != checkpoint.root {
                throw VerificationFailure(
                    s - 1, nil, "the checkpoint of tree size \(s) has a root that the entries do not give")
            }
            if let head = checkpoint.chainHead, heads[s] != head {
                throw VerificationFailure(s - 1, nil, "the checkpoint of tree size \(s) has a wrong chain head")
            }
        }
    }
}
