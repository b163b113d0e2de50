import VaxInterchange
import VaxStorage

/// A recorded name, normalized once and split into parts, with the store's token IDs for
/// each part where the register knows the token.
struct ShotName {
    /// The normalized part bytes: family, middle (words joined by a space), given.
    var normalized: [[UInt8]] = [[], [], []]
    var folded: [[UInt8]] = [[], [], []]
    /// Normalized and folded token IDs in the store's dictionaries, nil when unknown.
    var normalizedID: [Int?] = [nil, nil, nil]
    var foldedID: [Int?] = [nil, nil, nil]
    /// The number of words recorded.
    var wordCount = 0

    init(raw: [UInt8], dictionaries: TokenDictionaries) {
        let whole = raw.withUnsafeBytes { normalizeName($0) }
        let tokens = nameTokens(whole)
        wordCount = tokens.wordCount
        normalized = [Array(whole[tokens.family]), Array(whole[tokens.middle]), Array(whole[tokens.given])]
        for p in NamePart.allCases {
            let i = p.rawValue
            folded[i] = normalized[i].withUnsafeBytes { foldName($0) }
            normalizedID[i] = dictionaries[p].normalized.find(normalized[i])
            foldedID[i] = dictionaries[p].folded.find(folded[i])
        }
    }
}

/// Finds the register's folded tokens within a small edit distance of a recorded token,
/// by symmetric deletion: a token and its one- and two-letter deletions point at it.
/// Built once per run from the store's (small) vocabularies.
final class TokenNeighbours: Sendable {
    private let index: [[UInt8]: [UInt32]]
    private let table: StringTable

    init(table: StringTable) {
        self.table = table
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
        var seen = Set<UInt32>()
        var out: [UInt32] = []
        for variant in TokenNeighbours.deletions(token) {
            for id in index[variant] ?? [] where !seen.contains(id) {
                seen.insert(id)
                let other = table.bytes[table.range(Int(id))]
                if other.elementsEqual(token) { continue }
                if editDistance(other, token[...], limit: maxDistance) <= maxDistance {
                    out.append(id)
                    if out.count >= limit { return out.sorted() }
                }
            }
        }
        return out.sorted()
    }
}
