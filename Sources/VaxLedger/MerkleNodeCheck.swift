import VaxCore

// spec: ledger-format.md "Verification" step 6.

/// Phase 6: the node table is exactly the set of perfect subtrees (level ≥ 8) recomputed from
/// the leaves. The rows are read before the entries (a malformed row fails first) and
/// compared once the entries' block hashes are known.
enum MerkleNodeCheck {
    /// Reads every node row.
    /// - Throws: `VerificationFailure` for a malformed row; `VaxError` if SQLite fails.
    static func load(_ database: SQLiteDatabase) throws -> [Int64: SHA256Digest] {
        var stored: [Int64: SHA256Digest] = [:]
        let nodes = try database.prepare("SELECT id, hash FROM node")
        while try nodes.step() {
            let id = nodes.int64(0)
            guard nodes.isInteger(0), nodes.isBlob(1), nodes.withBytes(1, { $0.count }) == 32 else {
                throw VerificationFailure(
                    Int((id & 0xFF_FFFF_FFFF) << (id >> 40)), nil, "a Merkle node row is malformed")
            }
            stored[id] = SHA256Digest(nodes.bytes(1))
        }
        return stored
    }

    /// Recomputes the levels ≥ 8 over `size` entries from their 256-leaf block hashes and
    /// compares them with `stored`.
    /// - Returns: the tree's levels (levels below 8 are empty), for the root check.
    /// - Throws: `VerificationFailure` naming the first entry of a missing or wrong node.
    /// - Complexity: O(size / 256) hashes.
    static func check(
        stored: [Int64: SHA256Digest], blockHashes: [SHA256Digest], size: Int, hashing: LedgerHashing
    ) throws -> [[SHA256Digest]] {
        var levels: [[SHA256Digest]] = Array(repeating: [], count: LedgerFormat.storedLevel)
        levels.append(Array(blockHashes.prefix(size / LedgerFormat.blockSize)))
        while levels.last!.count > 1 {
            let below = levels.last!
            levels.append((0..<(below.count / 2)).map { hashing.node(below[2 * $0], below[2 * $0 + 1]) })
        }
        var expectedNodes = 0
        for level in LedgerFormat.storedLevel..<levels.count {
            for (index, hash) in levels[level].enumerated() {
                expectedNodes += 1
                if stored[LedgerFormat.nodeID(level: level, index: index)] != hash {
                    throw VerificationFailure(
                        index << level, nil,
                        "the stored Merkle node (level \(level), index \(index)) is missing or wrong")
                }
            }
        }
        if stored.count != expectedNodes {
            throw VerificationFailure(nil, nil, "the node table holds \(stored.count - expectedNodes) extra rows")
        }
        return levels
    }
}
