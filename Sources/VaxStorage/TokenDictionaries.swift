import VaxCore
public import VaxNames

/// The name vocabularies of the register, per part (family, middle, given), each in three
/// forms: as registered ("original"), normalized, folded; with row frequencies for
/// term-frequency adjusted scoring. Rows store only original token IDs; the maps give the
/// other forms with one array load.
///
/// Manifest sections for part p, at kind `ManifestSection.dictionaryBase + 16 * p + k`:
///   k=0 original strings (bytes, LZ4)     k=1 original string ends [UInt32]
///   k=2 original → normalized [UInt32]    k=3 normalized strings   k=4 normalized ends
///   k=5 normalized → folded [UInt32]      k=6 folded strings       k=7 folded ends
///   k=8 normalized frequency [UInt32]     k=9 folded frequency [UInt32]
public struct TokenDictionary: Sendable {
    public let original: StringTable
    public let originalToNormalized: [UInt32]
    public let normalized: StringTable
    public let normalizedToFolded: [UInt32]
    public let folded: StringTable
    /// Rows whose part has this normalized token.
    public let normalizedFrequency: [UInt32]
    /// Rows whose part has this folded token.
    public let foldedFrequency: [UInt32]
}

/// Strings stored back to back with their end offsets; looked up by ID or by bytes.
public struct StringTable: Sendable {
    public let bytes: [UInt8]
    public let ends: [UInt32]
    private let index: [UInt64: [UInt32]]  // hash → IDs, for lookups by bytes

    init(bytes: [UInt8], ends: [UInt32]) {
        self.bytes = bytes
        self.ends = ends
        var index: [UInt64: [UInt32]] = [:]
        index.reserveCapacity(ends.count)
        bytes.withUnsafeBytes { raw in
            for id in 0..<ends.count {
                let start = id == 0 ? 0 : Int(ends[id - 1])
                index[ByteInterner.hash(UnsafeRawBufferPointer(rebasing: raw[start..<Int(ends[id])])), default: []].append(UInt32(id))
            }
        }
        self.index = index
    }

    /// The number of strings.
    public var count: Int { ends.count }

    /// The byte range of string `id`.
    public func range(_ id: Int) -> Range<Int> { (id == 0 ? 0 : Int(ends[id - 1]))..<Int(ends[id]) }

    /// String `id` as text.
    public func string(_ id: Int) -> String { String(decoding: bytes[range(id)], as: UTF8.self) }

    /// The ID of the string equal to `key`, if any.
    public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        guard let ids = index[ByteInterner.hash(key)] else { return nil }
        return bytes.withUnsafeBytes { raw in
            ids.first { id in
                let r = range(Int(id))
                return r.count == key.count && (key.count == 0 || memcmpBytes(raw.baseAddress! + r.lowerBound, key.baseAddress!, key.count))
            }.map(Int.init)
        }
    }

    /// The ID of the string equal to `key`, if any.
    public func find(_ key: [UInt8]) -> Int? { key.withUnsafeBytes { find($0) } }
}

/// The three parts' dictionaries.
public struct TokenDictionaries: Sendable {
    public let parts: [TokenDictionary]

    /// The dictionary of `part`.
    public subscript(part: NamePart) -> TokenDictionary { parts[part.rawValue] }

    static func build(from interners: [ByteInterner], parts rowParts: [[UInt32]]) -> TokenDictionaries {
        var dictionaries: [TokenDictionary] = []
        for p in 0..<3 {
            let interner = interners[p]
            var normalized = ByteInterner(), folded = ByteInterner()
            var toNormalized = [UInt32](), toFolded = [UInt32]()
            for id in 0..<interner.count {
                let n = normalizedPart(interner.bytes(id))
                let before = normalized.count
                let nid = n.withUnsafeBytes { normalized.intern($0) }
                toNormalized.append(UInt32(nid))
                if nid == before {  // a new normalized token: fold it
                    let f = foldedPart(n)
                    toFolded.append(UInt32(f.withUnsafeBytes { folded.intern($0) }))
                }
            }
            var normalizedFrequency = [UInt32](repeating: 0, count: normalized.count)
            var foldedFrequency = [UInt32](repeating: 0, count: folded.count)
            for o in rowParts[p] {
                let n = Int(toNormalized[Int(o)])
                normalizedFrequency[n] += 1
                foldedFrequency[Int(toFolded[n])] += 1
            }
            dictionaries.append(TokenDictionary(
                original: table(interner), originalToNormalized: toNormalized,
                normalized: table(normalized), normalizedToFolded: toFolded,
                folded: table(folded), normalizedFrequency: normalizedFrequency, foldedFrequency: foldedFrequency))
        }
        return TokenDictionaries(parts: dictionaries)
    }

    private static func table(_ interner: ByteInterner) -> StringTable {
        StringTable(bytes: interner.arena, ends: interner.starts.dropFirst().map { UInt32($0) })
    }

    func addSections(to writer: inout SectionFileWriter) {
        for (p, d) in parts.enumerated() {
            let base = ManifestSection.dictionaryBase + 16 * UInt32(p)
            writer.add(kind: base + 0, bytes: d.original.bytes, count: d.original.count, compress: true)
            writer.add(kind: base + 1, values: d.original.ends)
            writer.add(kind: base + 2, values: d.originalToNormalized)
            writer.add(kind: base + 3, bytes: d.normalized.bytes, count: d.normalized.count, compress: true)
            writer.add(kind: base + 4, values: d.normalized.ends)
            writer.add(kind: base + 5, values: d.normalizedToFolded)
            writer.add(kind: base + 6, bytes: d.folded.bytes, count: d.folded.count, compress: true)
            writer.add(kind: base + 7, values: d.folded.ends)
            writer.add(kind: base + 8, values: d.normalizedFrequency)
            writer.add(kind: base + 9, values: d.foldedFrequency)
        }
    }

    /// Reads and cross-checks the dictionaries of a manifest.
    static func read(from file: SectionFile) throws -> TokenDictionaries {
        func corrupt(_ why: String) -> VaxError { VaxError(.corruption, "damaged store dictionary: \(why)", file: file.file.path) }
        func section(_ kind: UInt32) throws -> [UInt8] {
            guard let i = file.entryIndex(kind: kind) else { throw corrupt("section \(kind) missing") }
            return try file.decodedBytes(i)
        }
        func words(_ kind: UInt32) throws -> [UInt32] {
            let raw = try section(kind)
            guard raw.count % 4 == 0 else { throw corrupt("section \(kind) has a partial entry") }
            return raw.withUnsafeBytes { b in (0..<(raw.count / 4)).map { b.loadLE(UInt32.self, at: $0 * 4) } }
        }
        func strings(_ kind: UInt32) throws -> StringTable {
            let bytes = try section(kind), ends = try words(kind + 1)
            var previous: UInt32 = 0
            for e in ends {
                guard e >= previous, Int(e) <= bytes.count else { throw corrupt("string table \(kind) out of order") }
                previous = e
            }
            return StringTable(bytes: bytes, ends: ends)
        }
        var parts: [TokenDictionary] = []
        for p in 0..<3 {
            let base = ManifestSection.dictionaryBase + 16 * UInt32(p)
            let original = try strings(base), normalized = try strings(base + 3), folded = try strings(base + 6)
            let toN = try words(base + 2), toF = try words(base + 5)
            let nFreq = try words(base + 8), fFreq = try words(base + 9)
            guard toN.count == original.count, toN.allSatisfy({ Int($0) < normalized.count }),
                  toF.count == normalized.count, toF.allSatisfy({ Int($0) < folded.count }),
                  nFreq.count == normalized.count, fFreq.count == folded.count
            else { throw corrupt("part \(p) maps out of range") }
            parts.append(TokenDictionary(original: original, originalToNormalized: toN, normalized: normalized,
                                         normalizedToFolded: toF, folded: folded,
                                         normalizedFrequency: nFreq, foldedFrequency: fFreq))
        }
        return TokenDictionaries(parts: parts)
    }

    /// Appends the registered full name rebuilt from original token IDs.
    func appendFullName(_ ids: NameParts<UInt32>, to out: inout [UInt8]) {
        var first = true
        for part in NamePart.allCases {
            let table = parts[part.rawValue].original
            let r = table.range(Int(ids[part]))
            if r.isEmpty { continue }
            if !first { out.append(0x20) }
            out.append(contentsOf: table.bytes[r])
            first = false
        }
    }
}
