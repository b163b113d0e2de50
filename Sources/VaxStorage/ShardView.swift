import VaxCore

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
    let legacyBlocks: [Int]  // section indexes, in block order
    let dictionaries: TokenDictionaries

    init(path: String, rowCount: Int, dictionaries: TokenDictionaries) throws {
        file = try SectionFile(path: path, magic: StoreFormat.shardMagic)
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
        legacyBlocks = file.entries.indices.filter { file.entries[$0].kind == ShardSection.legacyBlock }
        guard legacyBlocks.count == max(1, (rowCount + StoreFormat.coldBlockRows - 1) / StoreFormat.coldBlockRows)
        else { throw corrupt("legacy blocks missing") }
    }

    // Row values. Every value read from the file is range-checked before it indexes
    // anything, so a damaged byte that got past the checksums still cannot crash us.

    func citizenID(_ local: Int) -> UInt64 {
        // Binary search of the prefix whose range holds `local`.
        var lo = 0, hi = prefixes.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(prefixStarts[mid]) <= local { lo = mid } else { hi = mid - 1 }
        }
        return UInt64(prefixes[lo]) * 1_000_000 + serials[local]
    }

    func token(_ part: NamePart, _ local: Int) -> UInt32 {
        let v = tokens[part.rawValue][local]
        return v < UInt64(dictionaries[part].original.count) ? UInt32(v) : 0
    }

    func birthDate(_ local: Int) -> PartialDate {
        // A value that passed the checksums is one the builder wrote, which is always valid.
        PartialDate(packed: UInt32(dates[local]) + ShardSection.dateBase) ?? PartialDate.unknownRegistered
    }
    func sexProvince(_ local: Int) -> UInt8 { UInt8(sexProvinceColumn[local]) }

    /// The local row of `id`, by the prefix directory then a search of the serials.
    func localRow(of id: UInt64) -> Int? {
        let prefix = UInt32(truncatingIfNeeded: id / 1_000_000)
        let serial = id % 1_000_000
        var lo = 0, hi = prefixes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if prefixes[mid] < prefix { lo = mid + 1 } else { hi = mid }
        }
        guard lo < prefixes.count, prefixes[lo] == prefix else { return nil }
        var a = Int(prefixStarts[lo]), b = Int(prefixStarts[lo + 1])
        while a < b {
            let mid = (a + b) / 2
            if serials[mid] < serial { a = mid + 1 } else { b = mid }
        }
        return a < Int(prefixStarts[lo + 1]) && serials[a] == serial ? a : nil
    }

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

    func blockingFields(_ local: Int) -> BlockingFields {
        func folded(_ part: NamePart) -> UInt32 {
            let d = dictionaries[part]
            return d.normalizedToFolded[Int(d.originalToNormalized[Int(token(part, local))])]
        }
        return BlockingFields(family: folded(.family), middle: folded(.middle), given: folded(.given),
                              date: birthDate(local), province: Int(sexProvince(local) & 0x7F))
    }

    /// Calls `found` with each local row whose `key` hash equals `hash`.
    func candidates(_ key: BlockingKey, hash: UInt64, _ found: (Int) -> Void) {
        let rows = blockingRows[key.rawValue], samples = blockingSamples[key.rawValue]
        guard rows.count > 0 else { return }
        // The first sample >= hash bounds the run from above; the entries before it start
        // one stride earlier.
        var lo = 0, hi = samples.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if samples[mid] < hash { lo = mid + 1 } else { hi = mid }
        }
        var a = max(0, (lo - 1) * ShardSection.sampleStride)
        var b = min(rows.count, lo * ShardSection.sampleStride + 1)
        func entryHash(_ i: Int) -> UInt64 {
            let r = Int(rows[i])
            return r < rowCount ? (blockingFields(r).hash(key) ?? 0) : 0
        }
        while a < b {
            let mid = (a + b) / 2
            if entryHash(mid) < hash { a = mid + 1 } else { b = mid }
        }
        while a < rows.count, entryHash(a) == hash {
            found(Int(rows[a]))
            a += 1
        }
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

    func legacyID(_ local: Int) throws -> UInt32? {
        let block = local / StoreFormat.coldBlockRows
        let bytes = try file.decodedBytes(legacyBlocks[block])
        guard let value = LegacyBlock.value(in: bytes, at: local % StoreFormat.coldBlockRows) else {
            throw VaxError(.corruption, "damaged store shard: legacy block \(block) inconsistent", file: file.file.path)
        }
        return value
    }
}
