import VaxCore
import VaxNames

/// One mapped shard file with its column views (see ShardWriter for the layout).
final class ShardView: Sendable {
    let file: SectionFile
    let rowCount: Int
    let prefixes: [UInt32]
    let prefixStarts: [UInt32]
    let serials: BitPackedColumn
    let tokens: [BitPackedColumn]
    let dates: BitPackedColumn
    let sexProvinceColumn: BitPackedColumn
    let legacyValues: BitPackedColumn
    let legacyRows: BitPackedColumn
    let blockingRows: [BitPackedColumn]
    let blockingSamples: [[UInt64]]
    let exceptionRows: [UInt32]
    let dictionaries: TokenDictionaries

    /// - Parameter digest: the shard file's SHA-256 as the manifest records it (checked now).
    init(path: String, rowCount: Int, dictionaries: TokenDictionaries, digest: SHA256Digest? = nil) throws {
        file = try SectionFile(path: path, magic: StoreFormat.shardMagic, digest: digest)
        self.rowCount = rowCount
        self.dictionaries = dictionaries
        let file = self.file
        func corrupt(_ why: String) -> VaxError { VaxError(.corruption, "damaged store shard: \(why)", file: path) }
        func index(_ kind: UInt32) throws -> Int {
            guard let i = file.entryIndex(kind: kind) else { throw corrupt("section \(kind) missing") }
            return i
        }
        func words<T: FixedWidthInteger>(_ kind: UInt32, _ type: T.Type) throws -> [T] {
            let raw = try file.decodedBytes(try index(kind))
            let size = MemoryLayout<T>.size
            guard raw.count % size == 0 else { throw corrupt("section \(kind) has a partial entry") }
            return raw.withUnsafeBytes { b in (0..<(raw.count / size)).map { b.loadLE(T.self, at: $0 * size) } }
        }
        func column(_ kind: UInt32, count: Int? = nil) throws -> BitPackedColumn {
            let c = try file.column(try index(kind))
            if let count, c.count != count { throw corrupt("section \(kind) has \(c.count) rows, expected \(count)") }
            return c
        }
        prefixes = try words(ShardSection.prefixes, UInt32.self)
        prefixStarts = try words(ShardSection.prefixStarts, UInt32.self)
        guard prefixStarts.count == prefixes.count + 1, prefixStarts.last.map(Int.init) == rowCount,
              zip(prefixStarts, prefixStarts.dropFirst()).allSatisfy({ $0 < $1 }) || rowCount == 0,
              zip(prefixes, prefixes.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw corrupt("ID prefix directory inconsistent") }
        serials = try column(ShardSection.serials, count: rowCount)
        var tokens: [BitPackedColumn] = []
        for p in NamePart.allCases {
            let c = try column(ShardSection.familyTokens + UInt32(p.rawValue), count: rowCount)
            // Bounds of token IDs are checked when first read (token(_:_:)).
            tokens.append(c)
        }
        self.tokens = tokens
        dates = try column(ShardSection.birthDates, count: rowCount)
        sexProvinceColumn = try column(ShardSection.sexProvince, count: rowCount)
        legacyValues = try column(ShardSection.legacyValues)
        legacyRows = try column(ShardSection.legacyRows, count: legacyValues.count)
        var rows: [BitPackedColumn] = [], samples: [[UInt64]] = []
        for key in BlockingKey.allCases {
            let r = try column(ShardSection.blockingRows(key))
            let s = try words(ShardSection.blockingSamples(key), UInt64.self)
            guard r.count <= rowCount, s.count == (r.count + ShardSection.sampleStride - 1) / ShardSection.sampleStride
            else { throw corrupt("blocking index \(key) inconsistent") }
            rows.append(r)
            samples.append(s)
        }
        blockingRows = rows
        blockingSamples = samples
        exceptionRows = try words(ShardSection.exceptionRows, UInt32.self)
    }

    /// The hot columns as trivial views, for the probe path.
    func hotColumns(rowStart: Int) throws -> ShardColumns {
        func pointer<T>(_ kind: UInt32, _ type: T.Type) throws -> UnsafeBufferPointer<T> {
            guard let i = file.entryIndex(kind: kind) else {
                throw VaxError(.corruption, "damaged store shard: section \(kind) missing", file: file.file.path)
            }
            let bytes = try file.storedBytes(i)
            guard file.entries[i].codec == .raw, bytes.count % MemoryLayout<T>.stride == 0 else {
                throw VaxError(.corruption, "damaged store shard: section \(kind) is not a plain array", file: file.file.path)
            }
            // safe: sections start 64-byte aligned in a page-aligned mapping; the file is
            // little-endian like every host vaxlink builds for (x86_64, arm64).
            return UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: T.self),
                                       count: bytes.count / MemoryLayout<T>.stride)
        }
        let prefixPointer = try pointer(ShardSection.prefixes, UInt32.self)
        let startsPointer = try pointer(ShardSection.prefixStarts, UInt32.self)
        guard Array(prefixPointer) == prefixes, Array(startsPointer) == prefixStarts else {
            throw VaxError(.corruption, "damaged store shard: ID directory", file: file.file.path)
        }
        let samples = try BlockingKey.allCases.map { try pointer(ShardSection.blockingSamples($0), UInt64.self) }
        let tags = try BlockingKey.allCases.map { try pointer(ShardSection.blockingTags($0), UInt8.self) }
        // The search reads a tag for every entry without bounds checks: one byte an entry.
        guard zip(tags, blockingRows).allSatisfy({ $0.count == $1.count }) else {
            throw VaxError(.corruption, "damaged store shard: blocking index tags", file: file.file.path)
        }
        return ShardColumns(
            rowStart: rowStart, rowCount: rowCount, prefixes: prefixPointer, prefixStarts: startsPointer,
            serials: serials, tokens: NameParts(family: tokens[0], middle: tokens[1], given: tokens[2]), dates: dates,
            sexProvince: sexProvinceColumn, blockingRows: (blockingRows[0], blockingRows[1], blockingRows[2]),
            blockingSamples: (samples[0], samples[1], samples[2]), blockingTags: (tags[0], tags[1], tags[2]))
    }

    /// Local rows whose legacy ID is `legacy`, by binary search of the legacy index.
    func localRows(ofLegacy legacy: UInt32) -> [Int] {
        var lo = 0, hi = legacyValues.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if legacyValues[mid] < UInt64(legacy) { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        while lo < legacyValues.count && legacyValues[lo] == UInt64(legacy) {
            let r = Int(legacyRows[lo])
            if r < rowCount { out.append(r) }
            lo += 1
        }
        return out
    }

    func exceptionName(_ local: Int) throws -> String? {
        var lo = 0, hi = exceptionRows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(exceptionRows[mid]) < local { lo = mid + 1 } else { hi = mid }
        }
        guard lo < exceptionRows.count, Int(exceptionRows[lo]) == local else { return nil }
        guard let bi = file.entryIndex(kind: ShardSection.exceptionBytes), let ei = file.entryIndex(kind: ShardSection.exceptionEnds)
        else { throw VaxError(.corruption, "damaged store shard: exception names missing", file: file.file.path) }
        let bytes = try file.decodedBytes(bi)
        let ends = try file.decodedBytes(ei).withUnsafeBytes { b in (0..<(b.count / 4)).map { Int(b.loadLE(UInt32.self, at: $0 * 4)) } }
        let start = lo == 0 ? 0 : ends[lo - 1]
        guard lo < ends.count, start <= ends[lo], ends[lo] <= bytes.count else {
            throw VaxError(.corruption, "damaged store shard: exception names inconsistent", file: file.file.path)
        }
        return String(decoding: bytes[start..<ends[lo]], as: UTF8.self)
    }

    /// The legacy ID of a local row, by a scan of the legacy index (the cold path: `lookup`).
    /// The index is the only copy: a second, per-row column would cost 1.5 bytes a citizen
    /// for a value that matching never reads by row.
    /// - Complexity: O(citizens with a legacy ID in the shard).
    func legacyID(_ local: Int) throws -> UInt32? {
        for i in 0..<legacyRows.count where Int(legacyRows[i]) == local {
            return UInt32(legacyValues[i])
        }
        return nil
    }
}
