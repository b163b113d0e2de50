public import VaxCore
import VaxCrypto
import VaxNames

/// One citizen of population.csv, as the store builder takes it.
public struct RegisterRecord: Sendable {
    /// The physical line in population.csv, for messages.
    public var line: Int
    public var citizenID: CitizenID
    /// The 9-digit legacy ID (CMND) as a number, if registered.
    public var legacyID: UInt32?
    /// The birth date as registered; month and day 0 when not registered.
    public var birthDate: PartialDate
    public var sex: Sex
    /// The province of permanent residence.
    public var provinceCode: Int

    public init(line: Int, citizenID: CitizenID, legacyID: UInt32?, birthDate: PartialDate, sex: Sex, provinceCode: Int) {
        self.line = line
        self.citizenID = citizenID
        self.legacyID = legacyID
        self.birthDate = birthDate
        self.sex = sex
        self.provinceCode = provinceCode
    }
}

/// What a build produced.
public struct StoreBuildSummary: Sendable {
    public var rowCount: Int
    public var shardCount: Int
    public var bytesWritten: Int
    public var contentHash: SHA256Digest
}

/// Collects the register row by row in compact columns (about 30 bytes a citizen, no
/// object per row), then sorts by citizen ID and writes the sharded store.
///
/// One owner; not thread-safe. Memory: O(rows) flat arrays; 100 M citizens need about 3 GB
/// plus about 2 GB while sorting.
public final class StoreBuilder {
    /// Shard files a store is built with unless asked otherwise: one. Every blocking-key
    /// lookup reads the key's run in each shard and merges them in date order, so shards
    /// cost the match in proportion to their number: against 100 M citizens a relinked
    /// shot's key lookups took 19.5-19.9 µs with 2 shards and 8.3-8.8 µs with 1 (the first
    /// 800 k national shots on one thread, identical decisions), a tenth of the national
    /// match; more shards only let a build write them on more threads.
    public static let defaultShardCount = 1

    /// The register in file order, one flat array per column.
    struct Columns {
        var ids: [UInt64] = []
        var legacy: [UInt32] = []      // 0 = none, else legacy + 1
        /// Original token IDs per part, by file row.
        var tokens = NameParts<[UInt32]>.repeating([])
        var dates: [UInt32] = []       // PartialDate.packed
        var sexProvince: [UInt8] = []  // PackedFields.packSexProvince
        var lines: [UInt32] = []
        var interners = NameParts.repeating(ByteInterner())
        var exceptions: [Int: [UInt8]] = [:]  // file row → exact name, when not rebuildable
        /// After `putInOrder`: the exact names by row in citizen-ID order, ascending.
        var exactNames: [(row: Int, name: [UInt8])] = []

        mutating func add(_ record: RegisterRecord, fullName: UnsafeRawBufferPointer) {
            let split = RegisteredNameSplit(fullName)
            for part in NamePart.allCases {
                tokens[part].append(UInt32(interners[part].intern(UnsafeRawBufferPointer(rebasing: fullName[split.ranges[part]]))))
            }
            if !split.isExact { exceptions[ids.count] = Array(fullName) }
            ids.append(record.citizenID.rawValue)
            legacy.append(record.legacyID.map { $0 + 1 } ?? 0)
            dates.append(record.birthDate.packed)
            sexProvince.append(PackedFields.packSexProvince(sex: record.sex, provinceCode: record.provinceCode))
            lines.append(UInt32(clamping: record.line))
        }

        /// Rearranges the columns from file order into citizen-ID order (`order[i]` is the file
        /// row of sorted row i), so that the content hash and the shards read them front to
        /// back: reading them through `order` missed the caches on every row of a large
        /// register (two thirds of a 10 M build's time). One column is copied at a time.
        mutating func putInOrder(_ order: [UInt32]) {
            func gathered<T>(_ column: [T]) -> [T] {
                column.withUnsafeBufferPointer { source in order.map { source[Int($0)] } }
            }
            legacy = gathered(legacy)
            for part in NamePart.allCases { tokens[part] = gathered(tokens[part]) }
            dates = gathered(dates)
            sexProvince = gathered(sexProvince)
            lines = []
            if !exceptions.isEmpty {
                var sortedRow = [UInt32](repeating: 0, count: order.count)
                for (i, fileRow) in order.enumerated() { sortedRow[Int(fileRow)] = UInt32(i) }
                exactNames = exceptions.map { (row: Int(sortedRow[$0.key]), name: $0.value) }.sorted { $0.row < $1.row }
                exceptions = [:]
            }
        }

        /// The index in `exactNames` of the first exact name at or after `row`.
        func firstExactName(atOrAfter row: Int) -> Int {
            var lo = 0, hi = exactNames.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if exactNames[mid].row < row { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    private let sourcePath: String
    private var columns = Columns()

    /// A builder for the register read from `sourcePath` (named in messages).
    public init(sourcePath: String, expectedRows: Int = 0) {
        self.sourcePath = sourcePath
        columns.ids.reserveCapacity(expectedRows)
    }

    /// The number of citizens added.
    public var count: Int { columns.ids.count }

    /// Adds one citizen with its full name as registered (NFC UTF-8).
    public func add(_ record: RegisterRecord, fullName: UnsafeRawBufferPointer) {
        columns.add(record, fullName: fullName)
    }

    /// Adds citizens in bulk: `body` receives an `add` function to call once per citizen with
    /// its record and full name as registered (NFC UTF-8). Faster than `add` per citizen for
    /// millions of rows: the columns are moved out of the object while `body` runs, so no
    /// exclusivity check is paid per append.
    public func addAll(_ body: (_ add: (RegisterRecord, UnsafeRawBufferPointer) -> Void) throws -> Void) rethrows {
        var c = columns
        columns = Columns()
        defer { columns = c }
        try body { record, fullName in c.add(record, fullName: fullName) }
    }

    /// Sorts, checks uniqueness, and writes the store directory at `path` atomically.
    /// - Parameters:
    ///   - shardCount: how many shard files (capped so that no shard is empty).
    ///   - threads: threads for writing shards.
    /// - Throws: `VaxError(.badInput)` naming both lines of a duplicate citizen_id;
    ///   `.environment` on I/O faults.
    ///   - sourceBytes: the size of population.csv, recorded to report the compression ratio.
    public func write(to path: String, shardCount requestedShards: Int, threads: Int, sourceBytes: Int = 0) throws -> StoreBuildSummary {
        // 1. Order by citizen ID (40-bit keys), remembering each row's file position.
        var c = columns
        columns = Columns()
        var order = [UInt32](0..<UInt32(c.ids.count))
        var sortedIDs = c.ids
        c.ids = []  // sortedIDs replaces it
        radixSort(keys: &sortedIDs, values: &order, keyBits: 40)
        for i in sortedIDs.indices.dropFirst() where sortedIDs[i] == sortedIDs[i - 1] {
            let a = c.lines[Int(order[i - 1])], b = c.lines[Int(order[i])]
            throw VaxError(.badInput, "duplicate citizen_id on lines \(min(a, b)) and \(max(a, b)); the register must be unique",
                           file: sourcePath, line: Int(max(a, b)), field: "citizen_id")
        }
        let dictionaries = TokenDictionaries.build(from: c.interners.values, parts: c.tokens.values)
        c.putInOrder(order)
        order = []

        // 2. The logical content hash, independent of shard count.
        let contentHash = StoreBuilder.contentHash(c, sortedIDs: sortedIDs, dictionaries: dictionaries, threads: threads)

        // 3. Shards: contiguous ranges of the sorted rows, written in parallel.
        let rowCount = sortedIDs.count
        let shardCount = max(1, min(requestedShards, rowCount / 1024 + 1))
        let ranges = makeChunks(count: rowCount, parts: shardCount)
        let temporary = try makeTemporaryDirectory(for: path)
        // A build that fails leaves no half-built directory beside the store.
        var finished = false
        defer { if !finished { removeTree(temporary) } }
        let input = ShardInput(ids: sortedIDs, columns: c, dictionaries: dictionaries)
        let shardRanges = ranges.isEmpty ? [0..<0] : ranges
        let results = mapChunks((0..<shardRanges.count).map { $0..<($0 + 1) }, threads: threads) { one -> Result<Int, VaxError> in
            let s = one.lowerBound
            do {
                let writer = ShardWriter.make(input: input, rows: shardRanges[s], shardIndex: s,
                                              threads: max(1, threads / shardRanges.count))
                return .success(try writer.write(to: temporary + "/" + StoreFormat.shardName(s)))
            } catch let error as VaxError {
                return .failure(error)
            } catch {
                return .failure(VaxError(.environment, "\(error)"))
            }
        }
        var bytes = 0
        for r in results { bytes += try r.get() }

        // 4. The manifest last: a store without one is incomplete.
        var manifest = SectionFileWriter(magic: StoreFormat.manifestMagic)
        manifest.add(kind: ManifestSection.info, values: [UInt64(rowCount), UInt64(shardRanges.count), UInt64(sourceBytes)])
        manifest.add(kind: ManifestSection.shardStarts, values: shardRanges.map { UInt64($0.lowerBound) } + [UInt64(rowCount)])
        manifest.add(kind: ManifestSection.shardFirstIDs, values: shardRanges.map { $0.isEmpty ? UInt64(0) : sortedIDs[$0.lowerBound] })
        manifest.add(kind: ManifestSection.contentHash, bytes: contentHash.bytes, count: 32, compress: false)
        manifest.add(kind: ManifestSection.shardDigests, bytes: try shardDigests(in: temporary, count: shardRanges.count, threads: threads),
                     count: shardRanges.count, compress: false)
        dictionaries.addSections(to: &manifest)
        bytes += try manifest.write(to: temporary + "/" + StoreFormat.manifestName)

        // 5. Swap the finished directory into place.
        try replaceDirectory(path, with: temporary)
        finished = true
        return StoreBuildSummary(rowCount: rowCount, shardCount: shardRanges.count, bytesWritten: bytes, contentHash: contentHash)
    }

    /// SHA-256 over the register in ID order (docs/store-format.md "Content hash"), from the
    /// parsed columns: blocks of rows spelled on `threads` threads (ContentHashLine's head and
    /// tail, the dictionaries' tokens), hashed in order. The store's own recomputation
    /// (`PopulationStore.recomputedContentHash`) spells the same lines from the stored rows.
    static func contentHash(_ c: Columns, sortedIDs: [UInt64], dictionaries: TokenDictionaries,
                            threads: Int = 1) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(ContentHashLine.preamble)
        let names = ContentHashNames(dictionaries)
        defer { names.deallocate() }
        let maxExact = c.exactNames.map(\.name.count).max() ?? 0
        let lineBytes = ContentHashLine.maxFixedBytes + max(names.maxFullName, maxExact)
        let blockRows = PopulationStore.hashBlockRows
        let blocks = makeChunks(count: sortedIDs.count, parts: (sortedIDs.count + blockRows - 1) / blockRows)
        let wave = max(1, threads) * 4
        var next = 0
        while next < blocks.count {
            let these = Array(blocks[next..<min(blocks.count, next + wave)])
            let texts = mapChunks(these.indices.map { $0..<($0 + 1) }, threads: threads) { one -> [UInt8] in
                let rows = these[one.lowerBound]
                let capacity = rows.count * lineBytes + ContentHashNames.copySlack
                var nextExact = c.firstExactName(atOrAfter: rows.lowerBound)
                return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    var p = buffer.baseAddress!
                    for row in rows {
                        p = ContentHashLine.writeHead(citizenID: sortedIDs[row], legacyID: c.legacy[row] == 0 ? nil : c.legacy[row] - 1, to: p)
                        if nextExact < c.exactNames.count && c.exactNames[nextExact].row == row {
                            let exact = c.exactNames[nextExact].name
                            nextExact += 1
                            exact.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: $0.count) }
                            p += exact.count
                        } else {
                            p = names.write(family: Int(c.tokens.family[row]), middle: Int(c.tokens.middle[row]),
                                            given: Int(c.tokens.given[row]), to: p)
                        }
                        let sp = c.sexProvince[row]
                        // A date that does not unpack (a builder bug) is spelled as `PackedFields.date` reads it back.
                        let date = PartialDate(packed: c.dates[row]) ?? PartialDate.unknownRegistered
                        p = ContentHashLine.writeTail(packedDate: date.packed, female: PackedFields.sex(sp) == .female,
                                                      provinceCode: PackedFields.provinceCode(sp), to: p)
                    }
                    count = p - buffer.baseAddress!
                    precondition(count <= capacity, "content hash block overran its buffer")
                }
            }
            for text in texts { hasher.update(text) }
            next += these.count
        }
        return hasher.finish()
    }
}

/// Section kinds of the manifest. On-disk values: frozen.
enum ManifestSection {
    static let info: UInt32 = 1
    static let shardStarts: UInt32 = 2
    static let shardFirstIDs: UInt32 = 3
    static let contentHash: UInt32 = 4
    /// SHA-256 of every whole shard file, 32 bytes each, in shard order (format 3).
    static let shardDigests: UInt32 = 5
    /// Dictionary sections: base + 16 * part + offset (see TokenDictionaries).
    static let dictionaryBase: UInt32 = 16
}
