import VaxStorage

/// Finds the register's folded tokens within a small edit distance of a recorded token,
/// by symmetric deletion: a token and its one- and two-letter deletions point at it.
/// Built once per run from the store's (small) vocabularies.
final class TokenNeighbours: Sendable {
    private let index: [[UInt8]: [UInt32]]
    private let table: StringTable

    /// Rows per folded token, to rank neighbours.
    private let frequency: [UInt32]

    init(table: StringTable, frequency: [UInt32]) {
        self.table = table
        self.frequency = frequency
        var index: [[UInt8]: [UInt32]] = [:]
        for id in 0..<table.count {
            let token = Array(table.bytes[table.range(id)])
            for variant in TokenNeighbours.deletions(token) { index[variant, default: []].append(UInt32(id)) }
        }
        self.index = index
    }

    /// The longest token (bytes, folded) given its two-letter deletions: 32 covers every
    /// Vietnamese name part seen (a word is at most 7 letters; a middle part of four words
    /// is about 30), at 32·31/2 ≈ 500 variants of 30 bytes, 15 KB.
    static let maxTwoDeletionLength = 32
    /// The longest token given its one-letter deletions (64 variants of 63 bytes, 4 KB);
    /// a longer one is looked up as itself only.
    static let maxOneDeletionLength = 64

    /// The token itself and its deletions: one letter, and two letters for longer tokens.
    ///
    /// spec: issue 12 finding 1: the variants of a token of length n number about n²/2 and
    /// weigh n³/2 bytes (a 1,500-letter name cost 55 s and 1.6 GB); they are bounded by the
    /// two limits above, so no token, from a shot or the register, costs more than about
    /// 500 variants and 16 KB.
    /// - Complexity: O(n³) bytes for n ≤ 32, O(n²) for n ≤ 64, O(n) above.
    static func deletions(_ token: [UInt8]) -> Set<[UInt8]> {
        var out: Set<[UInt8]> = [token]
        guard token.count >= 3, token.count <= maxOneDeletionLength else { return out }
        for i in token.indices {
            var one = token
            one.remove(at: i)
            out.insert(one)
            if token.count >= 6 && token.count <= maxTwoDeletionLength {
                for j in one.indices {
                    var two = one
                    two.remove(at: j)
                    out.insert(two)
                }
            }
        }
        return out
    }

    /// Folded token IDs within edit distance 1 (2 for tokens of 6 to 32 letters, none past
    /// 64) of `token`, excluding the exact match, at most `limit` of them.
    func near(_ token: [UInt8], limit: Int = 16) -> [UInt32] {
        guard token.count >= 3 else { return [] }
        // Past the deletion limits only shorter distances are looked for (deletions).
        let maxDistance = token.count > TokenNeighbours.maxOneDeletionLength ? 0
            : token.count >= 6 && token.count <= TokenNeighbours.maxTwoDeletionLength ? 2 : 1
        // Collect every neighbour, then keep the `limit` smallest IDs: the cut must not depend
        // on the iteration order of a Set, which Swift seeds differently in every process.
        var found: [UInt32: Int] = [:]  // id → distance
        for variant in TokenNeighbours.deletions(token) {
            for id in index[variant] ?? [] where found[id] == nil {
                let other = table.bytes[table.range(Int(id))]
                if other.elementsEqual(token) { continue }
                let distance = editDistance(other, token[...], limit: maxDistance)
                if distance <= maxDistance { found[id] = distance }
            }
        }
        // Nearest first, then the most common names (the likelier intended spelling), then ID.
        let ranked = found.sorted { a, b in
            a.value != b.value ? a.value < b.value
                : frequency[Int(a.key)] != frequency[Int(b.key)] ? frequency[Int(a.key)] > frequency[Int(b.key)] : a.key < b.key
        }
        return ranked.prefix(limit).map(\.key)
    }
}
