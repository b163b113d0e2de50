public import VaxCore
import VaxCrypto
public import VaxNames

/// A row of the store: its position in citizen-ID order across all shards.
public typealias StoreRow = Int

/// The population store, mapped read-only: lookups by citizen ID and legacy ID, hot
/// fields by row without decompression, and candidates from the blocking indexes.
///
/// `@unchecked Sendable`: immutable after `open` (the hot tables are written once there and
/// freed in deinit), so it is shared freely across threads.
public final class PopulationStore: @unchecked Sendable {
    /// The store directory.
    public let path: String
    public let rowCount: Int
    /// The size of the population.csv the store was built from.
    public let sourceBytes: Int
    /// SHA-256 over the register's logical content (docs/store-format.md), independent of shards.
    public let contentHash: SHA256Digest
    public let dictionaries: TokenDictionaries
    let manifest: SectionFile
    let shards: [ShardView]
    let shardStarts: [Int]
    let shardFirstIDs: [UInt64]
    /// Hot views per shard and name tables per part (trivial values, no reference counting).
    @usableFromInline let columns: UnsafeMutableBufferPointer<ShardColumns>
    @usableFromInline let tables: UnsafeMutableBufferPointer<NameTables>

    /// Opens the store at `path`: maps every file, checks the manifest's sections, hashes
    /// every shard file against the SHA-256 the manifest records, and range-checks every
    /// decoded value (docs/store-format.md), so that no later read can meet damage.
    /// - Parameter threads: threads for hashing and checking shards.
    /// - Throws: `VaxError` (.badInput if it is not a store or of another format version,
    ///   .corruption naming the file).
    /// - Complexity: O(store bytes): about 2 GB/s per thread for the hashes.
    public static func open(_ path: String, threads: Int = 2) throws -> PopulationStore {
        try PopulationStore(path: path, openThreads: threads)
    }

    private init(path: String, openThreads: Int) throws {
        self.path = path
        let manifestPath = path + "/" + StoreFormat.manifestName
        guard fileExists(manifestPath) else {
            throw VaxError(.badInput, "not a population store (no \(StoreFormat.manifestName)); build one with 'vaxlink store build'", file: path)
        }
        let m = try SectionFile(path: manifestPath, magic: StoreFormat.manifestMagic)
        manifest = m
        func corrupt(_ why: String) -> VaxError { VaxError(.corruption, "damaged store manifest: \(why)", file: manifestPath) }
        func u64s(_ kind: UInt32) throws -> [UInt64] {
            guard let i = m.entryIndex(kind: kind) else { throw corrupt("section \(kind) missing") }
            let raw = try m.decodedBytes(i)
            guard raw.count % 8 == 0 else { throw corrupt("section \(kind) has a partial entry") }
            return raw.withUnsafeBytes { b in (0..<(raw.count / 8)).map { b.loadLE(UInt64.self, at: $0 * 8) } }
        }
        let info = try u64s(ManifestSection.info)
        guard info.count == 3, info[0] < 1 << 40, info[1] >= 1, info[1] < 4096, info[2] < 1 << 62 else { throw corrupt("bad info section") }
        rowCount = Int(info[0])
        sourceBytes = Int(info[2])
        let shardCount = Int(info[1])
        // -1 for a value past Int.max: the order check below rejects it (found by fuzzing).
        shardStarts = try u64s(ManifestSection.shardStarts).map { Int(exactly: $0) ?? -1 }
        shardFirstIDs = try u64s(ManifestSection.shardFirstIDs)
        guard shardStarts.count == shardCount + 1, shardFirstIDs.count == shardCount,
              shardStarts.first == 0, shardStarts.last == rowCount,
              zip(shardStarts, shardStarts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw corrupt("shard table inconsistent") }
        guard let hashIndex = manifest.entryIndex(kind: ManifestSection.contentHash) else { throw corrupt("no content hash") }
        let hashBytes = try manifest.decodedBytes(hashIndex)
        guard hashBytes.count == 32 else { throw corrupt("content hash size") }
        contentHash = SHA256Digest(hashBytes)
        let dictionaries = try TokenDictionaries.read(from: m)
        self.dictionaries = dictionaries
        // spec: store-format.md "Manifest sections": every shard hashes to the manifest's
        // digest and every decoded value is in range, checked now in parallel over shards.
        guard let digestIndex = m.entryIndex(kind: ManifestSection.shardDigests) else { throw corrupt("no shard digests") }
        let digestBytes = try m.decodedBytes(digestIndex)
        guard digestBytes.count == 32 * shardCount else { throw corrupt("shard digests do not match the shard count") }
        let digests = (0..<shardCount).map { SHA256Digest(Array(digestBytes[(32 * $0)..<(32 * $0 + 32)])) }
        let sizes = NameParts { dictionaries[$0].original.count }
        let starts = shardStarts
        let opened = mapChunks((0..<shardCount).map { $0..<($0 + 1) }, threads: openThreads) { one -> Result<ShardView, VaxError> in
            let s = one.lowerBound
            do {
                let shard = try ShardView(path: path + "/" + StoreFormat.shardName(s), rowCount: starts[s + 1] - starts[s],
                                          dictionaries: dictionaries, digest: digests[s])
                try shard.checkValues(dictionarySizes: sizes)
                return .success(shard)
            } catch let error as VaxError {
                return .failure(error)
            } catch {
                return .failure(VaxError(.corruption, "\(error)"))
            }
        }
        self.shards = try opened.map { try $0.get() }
        columns = .allocate(capacity: shardCount)
        tables = .allocate(capacity: 3)
        for p in 0..<3 { (tables.baseAddress! + p).initialize(to: NameTables(dictionaries.parts[p])) }
        do {
            for s in 0..<shardCount {
                (columns.baseAddress! + s).initialize(to: try shards[s].hotColumns(rowStart: shardStarts[s]))
            }
        } catch {
            columns.deallocate()
            for p in 0..<3 { tables[p].deallocate() }
            tables.deallocate()
            throw error
        }
    }

    deinit {
        columns.deallocate()
        for p in 0..<3 { tables[p].deallocate() }
        tables.deallocate()
    }

    /// The number of shard files.
    public var shardCount: Int { shards.count }

    /// Total bytes of the store's files.
    public var byteCount: Int { manifest.file.bytes.count + shards.reduce(0) { $0 + $1.file.file.bytes.count } }

    /// Checks every section of every file against its checksum now (in parallel), then
    /// recomputes the content hash from the rows (`verifyContentHash`): what a run's ledger
    /// records is then what the store holds.
    /// - Throws: `VaxError(.corruption)` naming the first damaged file and section.
    /// - Complexity: O(store bytes + rows).
    public func verifyAll(threads: Int) throws {
        try manifest.verifyAll()
        let results = mapChunks(shards.indices.map { $0..<($0 + 1) }, threads: threads) { r -> VaxError? in
            do { try self.shards[r.lowerBound].file.verifyAll(); return nil } catch let e as VaxError { return e } catch { return VaxError(.corruption, "\(error)") }
        }
        if let error = results.compactMap({ $0 }).first { throw error }
        try verifyContentHash(threads: threads)
    }

    /// Stored and raw bytes per kind of section, summed over all files, by readable name.
    public func columnSummary() -> [(name: String, storedBytes: Int, rawBytes: Int, codec: String)] {
        var totals: [String: (Int, Int, Set<String>)] = [:]
        var order: [String] = []
        for file in [manifest] + shards.map(\.file) {
            for e in file.entries {
                let name = sectionName(e.kind)
                if totals[name] == nil { order.append(name); totals[name] = (0, 0, []) }
                totals[name]!.0 += e.storedSize
                totals[name]!.1 += e.rawSize
                totals[name]!.2.insert(e.bitWidth > 0 ? "bit-packed \(e.bitWidth)" : e.codec == .lz4 ? "lz4" : "raw")
            }
        }
        return order.map { (name: $0, storedBytes: totals[$0]!.0, rawBytes: totals[$0]!.1, codec: totals[$0]!.2.sorted().joined(separator: "+")) }
    }

    // MARK: Lookups (hot path: trivial values only)

    @inline(__always)
    func locate(_ row: StoreRow) -> (ShardColumns, Int) {
        precondition(row >= 0 && row < rowCount, "store row out of range")
        var s = 0
        while s + 1 < columns.count && columns[s + 1].rowStart <= row { s += 1 }  // few shards: a scan beats a search
        return (columns[s], row - columns[s].rowStart)
    }

    /// The row of `id`, or nil if the register does not hold it.
    public func row(of id: CitizenID) -> StoreRow? {
        var s = 0
        while s + 1 < columns.count && shardFirstIDs[s + 1] <= id.rawValue { s += 1 }
        let shard = columns[s]
        guard let local = shard.localRow(of: id.rawValue) else { return nil }
        return shard.rowStart + local
    }

    /// The rows of those of `ids` the register holds, in the order of `ids`: what `row(of:)`
    /// finds for each, in fewer waits. Each lookup's first read of the serials column is a
    /// cache miss in a national register; here all of them are made before any search goes
    /// on, so that they overlap instead of following one another (the hundred-odd one-slip
    /// variants of a recorded ID, `Matcher.idVariants`).
    public func rows(of ids: [CitizenID]) -> [StoreRow] {
        var probes: [(shard: Int, probe: ShardColumns.IDProbe, keyAtGuess: UInt64)] = []
        probes.reserveCapacity(ids.count)
        var hint = ShardColumns.PrefixHint(), hintShard = -1
        for id in ids {
            var s = 0
            while s + 1 < columns.count && shardFirstIDs[s + 1] <= id.rawValue { s += 1 }
            if s != hintShard { hint = ShardColumns.PrefixHint(); hintShard = s }
            guard let probe = columns[s].probe(id.rawValue, hint: &hint) else { continue }
            probes.append((s, probe, columns[s].serials[probe.start + probe.guess]))
        }
        return probes.compactMap { p in
            columns[p.shard].localRow(p.probe, keyAtGuess: p.keyAtGuess).map { columns[p.shard].rowStart + $0 }
        }
    }

    /// The rows whose legacy ID is `legacyID` (normally one).
    public func rows(ofLegacy legacyID: UInt32) -> [StoreRow] {
        var out: [StoreRow] = []
        for (s, shard) in shards.enumerated() {
            for local in shard.localRows(ofLegacy: legacyID) { out.append(shardStarts[s] + local) }
        }
        return out
    }

    /// Appends the rows whose blocking key `key` has hash `hash`, until `out` holds `maxCount`
    /// rows: a common name and year in a national register is a block of tens of thousands,
    /// and a search that scores at most a few thousand must not walk all of them.
    public func candidates(_ key: BlockingKey, hash: UInt64, into out: inout [StoreRow], maxCount: Int = .max) {
        candidates(key, hash: hash, dates: .all, into: &out, maxCount: maxCount)
    }

    /// Appends the rows of the run of `key` with hash `hash` whose birth dates lie in
    /// `dates` (PostingOrder), in date order within each shard, until `out` holds `maxCount`.
    /// - Complexity: O(log n) per window and shard, plus one date read per row in a window
    ///   (none for `.all`).
    public func candidates(_ key: BlockingKey, hash: UInt64, dates: PostingOrder.Window, into out: inout [StoreRow],
                           maxCount: Int = .max) {
        candidates(key, hash: hash, dates: PostingOrder.Ranges(dates), into: &out, maxCount: maxCount)
    }

    /// As above with the window's ranges computed once (a search looks up many keys with one window).
    ///
    /// The rows come in the order one shard holding the whole register would give them:
    /// window by window, and inside a window by date order, then row (citizen ID). So what a
    /// `maxCount` cut keeps, and with it every decision, never depends on how many shards the
    /// store was built with.
    public func candidates(_ key: BlockingKey, hash: UInt64, dates: PostingOrder.Ranges, into out: inout [StoreRow],
                           maxCount: Int = .max) {
        guard out.count < maxCount else { return }
        if columns.count == 1 {
            KeyRun(columns[0], key, hash: hash, tables: tables)?.append(dates.ranges, into: &out, maxCount: maxCount)
            return
        }
        // Trivial values on the stack: a search looks up dozens of keys a shot.
        withUnsafeTemporaryAllocation(of: KeyRun.self, capacity: columns.count) { runs in
            var count = 0
            for shard in columns {
                if let run = KeyRun(shard, key, hash: hash, tables: tables) {
                    runs.initializeElement(at: count, to: run)
                    count += 1
                }
            }
            if count == 1 { runs[0].append(dates.ranges, into: &out, maxCount: maxCount) }
            if count > 1 { Self.merge(UnsafeMutableBufferPointer(rebasing: runs[0..<count]), dates.ranges, into: &out, maxCount: maxCount) }
        }
    }

    /// Appends the rows of several shards' runs of one key, window by window, each window's
    /// rows in (date order, row) order: the order of one shard holding them all.
    private static func merge(_ runs: UnsafeMutableBufferPointer<KeyRun>, _ ranges: [Range<UInt64>],
                              into out: inout [StoreRow], maxCount: Int) {
        typealias Head = (next: Int, end: Int, order: UInt64, row: Int)
        withUnsafeTemporaryAllocation(of: Head.self, capacity: runs.count) { heads in
            // The head of a shard's window: its first readable entry, with the key it merges by.
            func advance(_ s: Int) {
                while heads[s].next < heads[s].end {
                    let local = runs[s].localRow(heads[s].next)
                    if local >= 0 {
                        heads[s].order = runs[s].dateOrder(local)
                        heads[s].row = runs[s].shard.rowStart + local
                        return
                    }
                    heads[s].next += 1  // a damaged entry (the checksums stop such files): skipped
                }
            }
            for range in ranges where out.count < maxCount {
                for s in runs.indices {
                    let window = runs[s].window(range)
                    heads.initializeElement(at: s, to: (window.lowerBound, window.upperBound, 0, 0))
                    advance(s)
                }
                while out.count < maxCount {
                    var pick = -1
                    for s in runs.indices where heads[s].next < heads[s].end {
                        if pick < 0 || heads[s].order < heads[pick].order
                            || (heads[s].order == heads[pick].order && heads[s].row < heads[pick].row) { pick = s }
                    }
                    guard pick >= 0 else { break }
                    out.append(heads[pick].row)
                    heads[pick].next += 1
                    advance(pick)
                }
            }
        }
    }

    /// The entries of one blocking key's hash in one shard's index: a run in date order.
    struct KeyRun {
        let shard: ShardColumns
        let rows: BitPackedColumn
        /// The index's samples: the sort key of every `sampleStride`th entry.
        let samples: UnsafeBufferPointer<UInt64>
        /// The key hash shared by the run's entries (the high bits of their sort keys).
        let hash: UInt64
        /// Index entries `start..<end`.
        let start: Int
        let end: Int
        /// The date orders of the run's first and last entries: a date at or below the first
        /// is found at the start, one above the last at the end, with no search. A given name
        /// and birth date key's run holds one date, so its near windows cost no search at all
        /// (five searches a shard before, each a chain of cache misses in a national register).
        /// Without bounds (a damaged entry at either end) every date is searched.
        private(set) var firstOrder: UInt64 = 0
        private(set) var lastOrder: UInt64 = 1 << UInt64(PostingOrder.bits) - 1

        /// Finds the run of `hash`; nil if the shard has no row with it.
        init?(_ shard: ShardColumns, _ key: BlockingKey, hash: UInt64, tables: UnsafeMutableBufferPointer<NameTables>) {
            let (rows, samples, tags) = shard.index(key)
            guard rows.count > 0, hash < 1 << UInt64(BlockingKey.hashBits) else { return nil }
            let bits = UInt64(PostingOrder.bits)
            let tag = IndexTag.of(hash: hash)
            /// The key hash of entry `i`, recomputed from its row.
            @inline(__always) func entryHash(_ i: Int) -> UInt64 {
                let r = Int(truncatingIfNeeded: rows[i])
                guard r < shard.rowCount else { return 0 }  // only a damaged file could hold more; checksums stop it
                // An index entry's row always has the key; 0 for one without it cannot match a run.
                return key.hash(of: StoredRow(shard: shard, local: r, tables: tables)) ?? 0
            }
            /// The entries that hold the first one whose sort key is >= `target`: those after
            /// the last sample below it, up to and including the first sample not below it,
            /// and from `from` on (an entry known to be below the target or in the run). Only
            /// the samples are searched.
            func stride(below target: UInt64, from: Int = 0) -> Range<Int> {
                let lo = InterpolationSearch.firstNotBelow(
                    target, count: samples.count, from: from / ShardSection.sampleStride,
                    keyRange: 1 << UInt64(BlockingKey.hashBits + PostingOrder.bits)) { samples[$0] }
                let stride = ShardSection.sampleStride
                let a = max(from, lo == 0 ? 0 : (lo - 1) * stride + 1)
                return a..<min(rows.count, lo * stride + 1)
            }
            // The start: the first entry of the stride whose tag and then whose recomputed hash
            // match. Entries before the run have smaller hashes, entries after it larger ones.
            var start = -1
            for i in stride(below: hash << bits) where tags[i] == tag {
                let h = entryHash(i)
                if h == hash { start = i; break }
                if h > hash { break }
            }
            guard start >= 0 else { return nil }
            self.shard = shard
            self.rows = rows
            self.samples = samples
            self.hash = hash
            self.start = start
            /// The end of the run among `entries`, which begin inside the run or right after
            /// it: the first entry whose tag differs is past the run, and the entries before it
            /// share the tag, so the last of them is confirmed by its hash (and the end found
            /// by a binary search on hashes only when it belongs to another key). When every
            /// entry is the run's, that is `entries.upperBound`.
            func end(in entries: Range<Int>) -> Int {
                var past = entries.lowerBound
                while past < entries.upperBound && tags[past] == tag { past += 1 }
                var a = entries.lowerBound, b = past
                if a == b || entryHash(b - 1) == hash { return b }
                b -= 1
                while a < b {
                    let mid = (a + b) >> 1
                    if entryHash(mid) == hash { a = mid + 1 } else { b = mid }
                }
                return a
            }
            // Most runs are a few entries long and end within two strides of the start; a
            // longer one ends in the stride that the samples give for the next hash.
            let near = start + 1..<min(rows.count, start + 2 * ShardSection.sampleStride)
            let nearEnd = end(in: near)
            if nearEnd < near.upperBound || near.upperBound == rows.count {
                self.end = nearEnd
            } else {
                self.end = end(in: stride(below: (hash + 1) << bits, from: near.upperBound - 1))
            }
            let first = dateOrder(localRow(start)), last = dateOrder(localRow(self.end - 1))
            // A damaged entry (past the shard; the checksums stop such files) gives no bound.
            if first != .max && last != .max {
                firstOrder = first
                lastOrder = last
            }
        }

        /// The shard-local row of entry `i`, or -1 for a row past the shard, which only a damaged
        /// file could hold (the checksums stop it) and which every walk skips.
        @inline(__always)
        func localRow(_ i: Int) -> Int {
            let r = Int(truncatingIfNeeded: rows[i])
            return r < shard.rowCount ? r : -1
        }

        @inline(__always)
        func dateOrder(_ local: Int) -> UInt64 {
            local < 0 ? UInt64.max : PostingOrder.of(storedDate: shard.dates[local])
        }

        /// The first entry of the run whose date order is at least `order`. Within the run only
        /// the date order varies. A long run is first narrowed on its samples, which hold the
        /// sort keys side by side (a few cache lines for thousands of entries), to one stride;
        /// only that stride is searched by reading entries' rows and then their dates, two
        /// dependent cache misses per probe in a national register.
        func firstNotBelow(_ order: UInt64) -> Int {
            var a = start, b = end
            let stride = ShardSection.sampleStride
            // Samples k with entry k * stride inside the run's interior (start, end).
            let firstSample = start / stride + 1, endSample = (end - 1) / stride + 1
            if order <= firstOrder { return start }
            if order > lastOrder { return end }
            if firstSample < endSample {
                let target = hash << UInt64(PostingOrder.bits) | order
                var lo = firstSample, hi = endSample
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if samples[mid] < target { lo = mid + 1 } else { hi = mid }
                }
                // Sample lo - 1 (or the run's start) is below the target, sample lo (or the end)
                // is not: the answer lies in the entries between them.
                if lo > firstSample { a = (lo - 1) * stride + 1 }
                if lo < endSample { b = lo * stride }
            }
            while a < b {
                let mid = (a + b) >> 1
                if dateOrder(localRow(mid)) < order { a = mid + 1 } else { b = mid }
            }
            return a
        }

        /// The entries of the run whose date order lies in `range`.
        func window(_ range: Range<UInt64>) -> Range<Int> {
            let a = firstNotBelow(range.lowerBound), b = firstNotBelow(range.upperBound)
            return a..<max(a, b)
        }

        /// Appends the run's rows in `ranges` (ascending, disjoint) as store rows, in run order.
        func append(_ ranges: [Range<UInt64>], into out: inout [StoreRow], maxCount: Int) {
            if end - start <= 16 {
                // A short run: one pass reading each date costs less than a search per window.
                for i in start..<end where out.count < maxCount {
                    let r = localRow(i)
                    guard r >= 0 else { continue }
                    let d = dateOrder(r)
                    if ranges.contains(where: { $0.contains(d) }) { out.append(shard.rowStart + r) }
                }
                return
            }
            for range in ranges where out.count < maxCount {
                var i = firstNotBelow(range.lowerBound)
                let whole = range.upperBound > lastOrder
                while i < end && out.count < maxCount {
                    let r = localRow(i)
                    i += 1
                    guard r >= 0 else { continue }
                    if !whole && dateOrder(r) >= range.upperBound { break }
                    out.append(shard.rowStart + r)
                }
            }
        }
    }

    /// A shard row's blocking-key fields, read from its hot columns on demand.
    struct StoredRow: BlockingKeyFields {
        let shard: ShardColumns
        let local: Int
        let tables: UnsafeMutableBufferPointer<NameTables>

        @inline(__always)
        func foldedToken(_ part: NamePart) -> UInt32 {
            let t = tables[part.rawValue]
            return t.foldedOfOriginal[shard.originalToken(shard.tokens[part], local, limit: t.foldedOfOriginal.count)]
        }
        var birthDate: PartialDate { @inline(__always) get { PackedFields.date(shard.dates[local]) } }
        var provinceCode: Int {
            @inline(__always) get { PackedFields.provinceCode(PackedFields.sexProvince(shard.sexProvince[local])) }
        }
    }

    /// Reads the words of `row`'s hot columns that `fields` will read, and returns them
    /// folded into one value for `MemoryTouch.keep`: touching many rows before reading any
    /// lets their cache misses overlap.
    @inline(__always)
    public func touch(_ row: StoreRow) -> UInt64 {
        let (shard, local) = locate(row)
        return shard.touch(local) ^ shard.serials[local]
    }

    /// Everything matching compares about `row`, read in one go.
    public func fields(_ row: StoreRow) -> RowFields {
        let (shard, local) = locate(row)
        let original = NameParts { part in
            UInt32(shard.originalToken(shard.tokens[part], local, limit: tables[part.rawValue].normalizedOfOriginal.count))
        }
        let sp = PackedFields.sexProvince(shard.sexProvince[local])
        return RowFields(citizenID: CitizenID(rawValue: shard.citizenID(local)), original: original,
                         normalized: NameParts { tables[$0.rawValue].normalizedOfOriginal[Int(original[$0])] },
                         folded: NameParts { tables[$0.rawValue].foldedOfOriginal[Int(original[$0])] },
                         birthDate: PackedFields.date(shard.dates[local]), sex: PackedFields.sex(sp),
                         provinceCode: PackedFields.provinceCode(sp))
    }

    /// How many citizens have this normalized (or folded) token in `part`.
    public func frequency(_ part: NamePart, normalized id: UInt32) -> UInt32 { tables[part.rawValue].normalizedFrequency[Int(id)] }
    public func frequency(_ part: NamePart, folded id: UInt32) -> UInt32 { tables[part.rawValue].foldedFrequency[Int(id)] }
    /// Whether normalized token `id` of `part` is empty (a name without middle name).
    public func isEmpty(_ part: NamePart, normalized id: UInt32) -> Bool { tables[part.rawValue].normalizedIsEmpty[Int(id)] }

    // MARK: Fields by row (convenience; the matcher uses `fields`)

    public func citizenID(_ row: StoreRow) -> CitizenID { let (s, r) = locate(row); return CitizenID(rawValue: s.citizenID(r)) }
    /// The original (as registered) token ID of `part`.
    public func originalToken(_ part: NamePart, _ row: StoreRow) -> UInt32 {
        let (s, r) = locate(row)
        return UInt32(s.originalToken(s.tokens[part], r, limit: tables[part.rawValue].normalizedOfOriginal.count))
    }
    /// Reads the word of `row`'s column of `part` that `nameTokens` reads, for
    /// `MemoryTouch.keep`: as `touch`, for the one column.
    @inline(__always)
    public func touch(_ part: NamePart, _ row: StoreRow) -> UInt64 {
        let (shard, local) = locate(row)
        return shard.tokens[part][local]
    }
    /// The normalized and folded token IDs of `part`: one column read.
    @inline(__always)
    public func nameTokens(_ part: NamePart, _ row: StoreRow) -> (normalized: UInt32, folded: UInt32) {
        let t = tables[part.rawValue]
        let original = Int(originalToken(part, row))
        return (t.normalizedOfOriginal[original], t.foldedOfOriginal[original])
    }
    /// The folded token ID of `part`.
    public func foldedToken(_ part: NamePart, _ row: StoreRow) -> UInt32 {
        tables[part.rawValue].foldedOfOriginal[Int(originalToken(part, row))]
    }
    /// The registered birth date alone: one column read, for sorting out a large block cheaply.
    public func birthDate(_ row: StoreRow) -> PartialDate {
        let (shard, local) = locate(row)
        return PackedFields.date(shard.dates[local])
    }
    public func sex(_ row: StoreRow) -> Sex { fields(row).sex }
    public func provinceCode(_ row: StoreRow) -> Int { fields(row).provinceCode }

    // MARK: Cold path

    /// The full name exactly as registered.
    public func fullName(_ row: StoreRow) throws -> String {
        let (shard, local) = coldLocate(row)
        if let exact = try shard.exceptionName(local) { return exact }
        var out: [UInt8] = []
        dictionaries.appendFullName(NameParts { originalToken($0, row) }, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func coldLocate(_ row: StoreRow) -> (ShardView, Int) {
        precondition(row >= 0 && row < rowCount, "store row out of range")
        var s = 0
        while shardStarts[s + 1] <= row { s += 1 }
        return (shards[s], row - shardStarts[s])
    }

    /// The legacy ID, decompressing its block.
    public func legacyID(_ row: StoreRow) throws -> UInt32? {
        let (shard, local) = coldLocate(row)
        return try shard.legacyID(local)
    }

    /// Everything registered about the citizen at `row`.
    public func record(_ row: StoreRow) throws -> CitizenRecord {
        CitizenRecord(citizenID: citizenID(row), legacyID: try legacyID(row), fullName: try fullName(row),
                      birthDate: birthDate(row), sex: sex(row), provinceCode: provinceCode(row))
    }
}
