import VaxCore
import VaxNames

// One shard file: a contiguous range of rows in citizen-ID order, self-contained with its
// own ID lookup, legacy index and blocking indexes, so that a worker can own it.
//
// Section kinds (ShardSection), all row-aligned to the shard's local rows 0..<n:
//   100 ID prefixes: the distinct values of id / 10^6 (the first six digits), ascending [UInt32]
//   101 prefix starts: first local row of each prefix, plus n at the end [UInt32]
//   102 serials: id % 10^6, bit-packed 20 bits (ascending within a prefix)
//   103 104 105 family / middle / given original token IDs, bit-packed
//   106 birth date, 107 sex and province: bit-packed as PackedFields lays them out
//   109 rows whose name is not rebuilt from its tokens [UInt32]; 110 their exact names (LZ4); 111 ends [UInt32]
//   112 legacy index: legacy IDs ascending, bit-packed 30 bits; 113 their rows, bit-packed
//   120+2k blocking index k: rows ordered by (key hash, date order, row), bit-packed (PostingOrder)
//   121+2k samples: the sort key (hash << 18 | date order) of every 16th entry [UInt64]
//   126+k tags: the low 8 bits of each entry's key hash [UInt8], so that a search finds a
//         run's ends in a stride by one cache line instead of recomputing entries' keys

/// Section kinds of a shard file. On-disk values: frozen.
enum ShardSection {
    static let prefixes: UInt32 = 100
    static let prefixStarts: UInt32 = 101
    static let serials: UInt32 = 102
    static let familyTokens: UInt32 = 103  // + part
    static let birthDates: UInt32 = 106
    static let sexProvince: UInt32 = 107
    static let exceptionRows: UInt32 = 109
    static let exceptionBytes: UInt32 = 110
    static let exceptionEnds: UInt32 = 111
    static let legacyValues: UInt32 = 112
    static let legacyRows: UInt32 = 113
    static func blockingRows(_ key: BlockingKey) -> UInt32 { 120 + 2 * UInt32(key.rawValue) }
    static func blockingSamples(_ key: BlockingKey) -> UInt32 { 121 + 2 * UInt32(key.rawValue) }
    static func blockingTags(_ key: BlockingKey) -> UInt32 { 126 + UInt32(key.rawValue) }
    /// Entries between two samples of a blocking index.
    static let sampleStride = 16
}

/// The whole register in citizen-ID order (`StoreBuilder.Columns.putInOrder`), shared
/// read-only by the shard writers.
struct ShardInput: Sendable {
    let ids: [UInt64]
    let legacy: [UInt32]       // 0 = none, else legacy + 1
    let parts: NameParts<[UInt32]>  // original token IDs
    let dates: [UInt32]
    let sexProvince: [UInt8]
    /// The rows whose name is not rebuilt from its tokens, with their exact names, by row.
    let exactNames: [(row: Int, name: [UInt8])]
    let dictionaries: TokenDictionaries
    /// Original → folded token ID per part, resolved once rather than per row.
    let originalToFolded: NameParts<[UInt32]>

    init(ids: [UInt64], columns c: StoreBuilder.Columns, dictionaries: TokenDictionaries) {
        self.ids = ids
        legacy = c.legacy
        parts = c.tokens
        dates = c.dates
        sexProvince = c.sexProvince
        exactNames = c.exactNames
        self.dictionaries = dictionaries
        originalToFolded = NameParts { part in
            let d = dictionaries[part]
            return d.originalToNormalized.map { d.normalizedToFolded[Int($0)] }
        }
    }

    /// The blocking-key fields of one file row.
    struct Row: BlockingKeyFields {
        let input: ShardInput
        let row: Int

        func foldedToken(_ part: NamePart) -> UInt32 { input.originalToFolded[part][Int(input.parts[part][row])] }
        var birthDate: PartialDate { PartialDate(packed: input.dates[row]) ?? PartialDate.unknownRegistered }
        var provinceCode: Int { PackedFields.provinceCode(input.sexProvince[row]) }
    }
}

enum ShardWriter {
    /// Lays out the shard for sorted rows `rows`, its blocking indexes made on `threads` threads.
    static func make(input: ShardInput, rows: Range<Int>, shardIndex: Int, threads: Int) -> SectionFileWriter {
        var writer = SectionFileWriter(magic: StoreFormat.shardMagic)
        let n = rows.count
        let localRowWidth = BitPackedWriter.width(forMax: UInt64(max(n, 1)))

        // ID lookup: prefix directory + serials.
        var prefixes: [UInt32] = [], starts: [UInt32] = []
        var serials = BitPackedWriter(width: 20, reserve: n)
        for (local, sorted) in rows.enumerated() {
            let id = input.ids[sorted]
            let prefix = UInt32(id / 1_000_000)
            if prefixes.last != prefix { prefixes.append(prefix); starts.append(UInt32(local)) }
            serials.append(id % 1_000_000)
        }
        starts.append(UInt32(n))
        writer.add(kind: ShardSection.prefixes, values: prefixes)
        writer.add(kind: ShardSection.prefixStarts, values: starts)
        writer.add(kind: ShardSection.serials, packed: serials)

        // Hot columns, bit-packed for random access without decompression.
        for part in NamePart.allCases {
            let width = BitPackedWriter.width(forMax: UInt64(max(input.dictionaries[part].original.count, 1)))
            var column = BitPackedWriter(width: width, reserve: n)
            for row in rows { column.append(UInt64(input.parts[part][row])) }
            writer.add(kind: ShardSection.familyTokens + UInt32(part.rawValue), packed: column)
        }
        var dates = BitPackedWriter(width: PackedFields.dateBits, reserve: n)
        var sexProvince = BitPackedWriter(width: PackedFields.sexProvinceBits, reserve: n)
        for row in rows {
            dates.append(PackedFields.packDate(packed: input.dates[row]))
            sexProvince.append(UInt64(input.sexProvince[row]))
        }
        writer.add(kind: ShardSection.birthDates, packed: dates)
        writer.add(kind: ShardSection.sexProvince, packed: sexProvince)

        // Names that need their exact bytes (odd spacing); legacy IDs live in their index only.
        var exceptionRows: [UInt32] = [], exceptionBytes: [UInt8] = [], exceptionEnds: [UInt32] = []
        var legacyPairs: [(UInt32, UInt32)] = []
        for exact in input.exactNames where rows.contains(exact.row) {
            exceptionRows.append(UInt32(exact.row - rows.lowerBound))
            exceptionBytes.append(contentsOf: exact.name)
            exceptionEnds.append(UInt32(exceptionBytes.count))
        }
        for (local, row) in rows.enumerated() where input.legacy[row] != 0 {
            legacyPairs.append((input.legacy[row] - 1, UInt32(local)))
        }
        writer.add(kind: ShardSection.exceptionRows, values: exceptionRows)
        writer.add(kind: ShardSection.exceptionBytes, bytes: exceptionBytes, count: exceptionRows.count, compress: true)
        writer.add(kind: ShardSection.exceptionEnds, values: exceptionEnds)

        // Legacy index: sorted by legacy ID, then row.
        legacyPairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var legacyValues = BitPackedWriter(width: 30, reserve: legacyPairs.count)
        var legacyRows = BitPackedWriter(width: localRowWidth, reserve: legacyPairs.count)
        for (value, row) in legacyPairs { legacyValues.append(UInt64(value)); legacyRows.append(UInt64(row)) }
        writer.add(kind: ShardSection.legacyValues, packed: legacyValues)
        writer.add(kind: ShardSection.legacyRows, packed: legacyRows)

        // Blocking indexes, each on its own thread when there are threads to spare (a store of
        // one shard would otherwise sort its three indexes one after the other); written in
        // key order whichever finishes first.
        let keys = BlockingKey.allCases
        let indexes = mapChunks(keys.indices.map { $0..<($0 + 1) }, threads: threads) { one in
            blockingIndex(keys[one.lowerBound], input: input, rows: rows, localRowWidth: localRowWidth)
        }
        for (key, index) in zip(keys, indexes) {
            writer.add(kind: ShardSection.blockingRows(key), packed: index.rows)
            writer.add(kind: ShardSection.blockingSamples(key), values: index.samples)
            writer.add(kind: ShardSection.blockingTags(key), values: index.tags)
        }
        return writer
    }

    /// One blocking index of the shard: rows ordered by key hash, then birth date
    /// (PostingOrder), with sampled sort keys and a tag per entry to search them.
    private static func blockingIndex(_ key: BlockingKey, input: ShardInput, rows: Range<Int>, localRowWidth: Int)
        -> (rows: BitPackedWriter, samples: [UInt64], tags: [UInt8])
    {
        var hashes: [UInt64] = [], localRows: [UInt32] = []
        hashes.reserveCapacity(rows.count)
        localRows.reserveCapacity(rows.count)
        for (local, row) in rows.enumerated() {
            if let h = key.hash(of: ShardInput.Row(input: input, row: row)) {
                let order = PostingOrder.of(storedDate: PackedFields.packDate(packed: input.dates[row]))
                hashes.append(h << UInt64(PostingOrder.bits) | order)
                localRows.append(UInt32(local))
            }
        }
        radixSort(keys: &hashes, values: &localRows, keyBits: BlockingKey.hashBits + PostingOrder.bits)
        var packed = BitPackedWriter(width: localRowWidth, reserve: localRows.count)
        for r in localRows { packed.append(UInt64(r)) }
        let samples = stride(from: 0, to: hashes.count, by: ShardSection.sampleStride).map { hashes[$0] }
        let tags = hashes.map { IndexTag.of(hash: $0 >> UInt64(PostingOrder.bits)) }
        return (packed, samples, tags)
    }
}
