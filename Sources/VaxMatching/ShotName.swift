#if canImport(Glibc)
import Glibc
#endif
import VaxInterchange
import VaxStorage

/// A recorded name, normalized and folded once, split into parts, with the store's token
/// IDs for each part where the register knows the token. Two byte buffers per shot.
struct ShotName {
    private var normalizedBytes: [UInt8]
    private var foldedBytes: [UInt8]
    private var normalizedParts: NameTokens
    private var foldedParts: NameTokens
    /// Token IDs per part (family, middle, given), -1 when the register does not know it.
    private var normalizedIDs: (Int32, Int32, Int32) = (-1, -1, -1)
    private var foldedIDs: (Int32, Int32, Int32) = (-1, -1, -1)

    init(raw: [UInt8], index: TokenIndex) {
        normalizedBytes = raw.withUnsafeBytes { normalizeName($0) }
        foldedBytes = normalizedBytes.withUnsafeBytes { foldName($0) }
        normalizedParts = nameTokens(normalizedBytes)
        foldedParts = nameTokens(foldedBytes)
        normalizedIDs = (lookup(index, .family, folded: false), lookup(index, .middle, folded: false), lookup(index, .given, folded: false))
        foldedIDs = (lookup(index, .family, folded: true), lookup(index, .middle, folded: true), lookup(index, .given, folded: true))
        // A name typed in Telex with the input method off ("Traanf Phuwowng") folds to
        // nothing the register knows: decode the Telex keys and look the words up again.
        if foldedIDs.0 < 0 || foldedIDs.1 < 0 || foldedIDs.2 < 0, let decoded = decodeTelex(foldedBytes), decoded != foldedBytes {
            let parts = nameTokens(decoded)
            if parts.wordCount == foldedParts.wordCount {
                let ids = decoded.withUnsafeBytes { raw in
                    NamePart.allCases.map { index.find($0, folded: true, UnsafeRawBufferPointer(rebasing: raw[parts.range($0)])) }
                }
                if ids.allSatisfy({ $0 >= 0 }) || ids.filter({ $0 >= 0 }).count > [foldedIDs.0, foldedIDs.1, foldedIDs.2].filter({ $0 >= 0 }).count {
                    foldedBytes = decoded
                    foldedParts = parts
                    foldedIDs = (ids[0], ids[1], ids[2])
                }
            }
        }
    }

    /// A name known to be the registered one: built from the register's own token texts
    /// and IDs, without normalizing anything.
    init(normalized: [UInt8], folded: [UInt8], normalizedIDs: (UInt32, UInt32, UInt32), foldedIDs: (UInt32, UInt32, UInt32)) {
        normalizedBytes = normalized
        foldedBytes = folded
        normalizedParts = nameTokens(normalized)
        foldedParts = nameTokens(folded)
        self.normalizedIDs = (Int32(normalizedIDs.0), Int32(normalizedIDs.1), Int32(normalizedIDs.2))
        self.foldedIDs = (Int32(foldedIDs.0), Int32(foldedIDs.1), Int32(foldedIDs.2))
    }

    private func lookup(_ index: TokenIndex, _ part: NamePart, folded: Bool) -> Int32 {
        let bytes = folded ? foldedBytes : normalizedBytes
        let range = (folded ? foldedParts : normalizedParts).range(part)
        return bytes.withUnsafeBytes { index.find(part, folded: folded, UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The number of words recorded.
    var wordCount: Int { normalizedParts.wordCount }
    /// The normalized bytes of `part` (middle words joined by a space).
    func normalized(_ part: NamePart) -> ArraySlice<UInt8> { normalizedBytes[normalizedParts.range(part)] }
    /// The folded bytes of `part`.
    func folded(_ part: NamePart) -> ArraySlice<UInt8> { foldedBytes[foldedParts.range(part)] }
    /// Whether `part` was recorded without any diacritics (plain ASCII, Telex keys included).
    func isDiacriticFree(_ part: NamePart) -> Bool { normalized(part).allSatisfy { $0 < 0x80 } }
    /// The store's normalized token ID of `part`, if the register knows the token.
    func normalizedID(_ part: NamePart) -> UInt32? { ShotName.id(normalizedIDs, part) }
    /// The store's folded token ID of `part`, if the register knows the token.
    func foldedID(_ part: NamePart) -> UInt32? { ShotName.id(foldedIDs, part) }

    private static func id(_ ids: (Int32, Int32, Int32), _ part: NamePart) -> UInt32? {
        let v = part == .family ? ids.0 : part == .middle ? ids.1 : ids.2
        return v < 0 ? nil : UInt32(v)
    }
}

extension NameTokens {
    func range(_ part: NamePart) -> Range<Int> {
        switch part {
        case .family: return family
        case .middle: return middle
        case .given: return given
        }
    }
}

/// Finds token IDs by their bytes in the register's dictionaries without allocating.
///
/// `@unchecked Sendable`: built once in init, read-only afterwards.
final class TokenIndex: @unchecked Sendable {
    private let normalized: [ByteInterner]
    private let folded: [ByteInterner]

    init(_ dictionaries: TokenDictionaries) {
        func interner(_ table: StringTable) -> ByteInterner {
            var interner = ByteInterner()
            table.bytes.withUnsafeBytes { raw in
                for id in 0..<table.count {
                    // Dictionary entries are distinct, so the interner's IDs equal the table's.
                    let got = interner.intern(UnsafeRawBufferPointer(rebasing: raw[table.range(id)]))
                    precondition(got == id, "dictionary entries must be distinct")
                }
            }
            return interner
        }
        normalized = NamePart.allCases.map { interner(dictionaries[$0].normalized) }
        folded = NamePart.allCases.map { interner(dictionaries[$0].folded) }
    }

    /// The ID of `bytes` in `part`'s normalized or folded dictionary, or -1.
    func find(_ part: NamePart, folded isFolded: Bool, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        let id = isFolded ? folded[part.rawValue].find(bytes) : normalized[part.rawValue].find(bytes)
        return id.map { Int32($0) } ?? -1
    }
}

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

/// Decodes Telex keystrokes left in a folded name when the input method was off: a final
/// tone key (s f r x j; no Vietnamese syllable ends in one), doubled vowels and dd (â ê ô đ),
/// and w after a, o, u (ă ơ ư). Returns nil when nothing changed.
func decodeTelex(_ folded: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(folded.count)
    var changed = false
    let words = folded.split(separator: 0x20, omittingEmptySubsequences: false)
    for (w, word) in words.enumerated() {
        if w > 0 { out.append(0x20) }
        var letters = Array(word)
        if letters.count > 2, let last = letters.last, "sfrxj".utf8.contains(last) {
            letters.removeLast()
            changed = true
        }
        var i = 0
        while i < letters.count {
            let c = letters[i]
            let next = i + 1 < letters.count ? letters[i + 1] : 0
            if next == c && (c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "o") || c == UInt8(ascii: "d")) {
                out.append(c)
                i += 2
                changed = true
                continue
            }
            if c == UInt8(ascii: "w") {
                // "uw", "ow", "aw" drop the w; a lone w stands for ư.
                if let previous = out.last, previous == UInt8(ascii: "u") || previous == UInt8(ascii: "o") || previous == UInt8(ascii: "a") {
                    i += 1
                } else {
                    out.append(UInt8(ascii: "u"))
                    i += 1
                }
                changed = true
                continue
            }
            out.append(c)
            i += 1
        }
    }
    return changed ? out : nil
}

/// The register's token texts (original, normalized, folded) per part, to recognize a name
/// typed exactly as registered and describe it without normalizing.
///
/// `@unchecked Sendable`: built once in init, read-only afterwards.
final class RegisteredNameText: @unchecked Sendable {
    private let original: [TokenText]
    private let normalized: [TokenText]
    private let folded: [TokenText]

    init(_ dictionaries: TokenDictionaries) {
        original = NamePart.allCases.map { TokenText(dictionaries[$0].original) }
        normalized = NamePart.allCases.map { TokenText(dictionaries[$0].normalized) }
        folded = NamePart.allCases.map { TokenText(dictionaries[$0].folded) }
    }

    /// The shot's name, if its bytes are exactly the registered name of `fields`' row
    /// (its non-empty parts joined by single spaces); nil otherwise.
    func nameIfTypedAsRegistered(_ raw: [UInt8], _ fields: RowFields) -> ShotName? {
        let ids = [fields.original.0, fields.original.1, fields.original.2]
        let equal = raw.withUnsafeBytes { bytes -> Bool in
            var at = 0
            for p in 0..<3 {
                let text = original[p].text(ids[p])
                if text.isEmpty { continue }
                if at > 0 {
                    guard at < bytes.count, bytes[at] == 0x20 else { return false }
                    at += 1
                }
                guard at + text.count <= bytes.count,
                      text.count == 0 || memcmp(bytes.baseAddress! + at, text.baseAddress!, text.count) == 0 else { return false }
                at += text.count
            }
            return at == bytes.count
        }
        guard equal else { return nil }
        func joined(_ tables: [TokenText], _ t: (UInt32, UInt32, UInt32)) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            for (p, id) in [t.0, t.1, t.2].enumerated() {
                let text = tables[p].text(id)
                if text.isEmpty { continue }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: text)
            }
            return out
        }
        return ShotName(normalized: joined(normalized, fields.normalized), folded: joined(folded, fields.folded),
                        normalizedIDs: fields.normalized, foldedIDs: fields.folded)
    }
}
