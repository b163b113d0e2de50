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

    /// The token itself and its deletions: one letter, and two letters for longer tokens.
    static func deletions(_ token: [UInt8]) -> Set<[UInt8]> {
        var out: Set<[UInt8]> = [token]
        guard token.count >= 3 else { return out }
        for i in token.indices {
            var one = token
            one.remove(at: i)
            out.insert(one)
            if token.count >= 6 {
                for j in one.indices {
                    var two = one
                    two.remove(at: j)
                    out.insert(two)
                }
            }
        }
        return out
    }

    /// Folded token IDs within edit distance 1 (2 for tokens of 6+ letters) of `token`,
    /// excluding the exact match, at most `limit` of them.
    func near(_ token: [UInt8], limit: Int = 16) -> [UInt32] {
        guard token.count >= 3 else { return [] }
        let maxDistance = token.count >= 6 ? 2 : 1
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
