public import VaxCore
import VaxCrypto
import VaxNames

// The content hash that a run's ledger records is the manifest's (docs/store-format.md
// "Content hash"), and the manifest's checksums are not a secret: whoever edits a shard can
// fix them up. So where the ledger binds a store (match, resume, passport issue) the hash is
// recomputed from the rows themselves and must equal the manifest's (issue 12 finding 3).

extension PopulationStore {
    /// The content hash recomputed from the stored rows, line by line as the builder hashes
    /// the register (docs/store-format.md "Content hash").
    ///
    /// The lines of blocks of rows are spelled on `threads` threads into plain byte buffers
    /// and hashed in row order on the calling thread: the same bytes as spelling them one by
    /// one (`ContentHashLine`, which the tests compare against), at a fraction of the cost:
    /// about 0.07 µs of CPU a citizen in all (10 M: 0.7 s).
    /// - Throws: `VaxError(.corruption)` if an exact spelling cannot be decoded.
    /// - Complexity: O(rows); about 60 bytes hashed per citizen.
    /// - Parameter blockRows: rows spelled per block (tests make it small to cross blocks).
    public func recomputedContentHash(threads: Int = 1, blockRows: Int = hashBlockRows) throws -> SHA256Digest {
        precondition(blockRows > 0, "blocks hold rows")
        let hasher = SHA256Hasher()
        hasher.update(ContentHashLine.preamble)
        let names = ContentHashNames(dictionaries)
        // Wave k of spelled rows is hashed on a thread of its own while wave k + 1 is spelled
        // (two waves in memory at most): hashing in the spellers' pauses left them idle for
        // half of the 6 s this took at 100 M citizens. One task at a time uses the hasher,
        // each awaited before the next starts, before `finish` and before an early return.
        var hashing: BackgroundTask<Void>?
        defer {
            _ = try? hashing?.value()
            names.deallocate()
        }
        nonisolated(unsafe) let sharedHasher = hasher  // safe: one task at a time, as above
        for (s, shard) in shards.enumerated() {
            let hot = columns[s]
            // Legacy IDs by local row: the index is the only copy (ShardView.legacyID).
            var legacy = [UInt32](repeating: 0, count: shard.rowCount)  // 0 = none, else legacy + 1
            for i in 0..<shard.legacyRows.count { legacy[Int(shard.legacyRows[i])] = UInt32(shard.legacyValues[i]) + 1 }
            let exact = try shard.exactSpellings()
            let blocks = makeChunks(count: shard.rowCount, parts: (shard.rowCount + blockRows - 1) / blockRows)
            // Waves of a few blocks per thread bound the memory to a few MB per thread.
            let wave = max(1, threads) * 4
            var next = 0
            while next < blocks.count {
                let these = Array(blocks[next..<min(blocks.count, next + wave)])
                let texts = legacy.withUnsafeBufferPointer { legacyByRow in
                    // safe: read-only views of arrays that outlive the parallel map
                    nonisolated(unsafe) let legacyByRow = legacyByRow
                    nonisolated(unsafe) let hot = hot  // views into the store's immutable mappings
                    return mapChunks(these.indices.map { $0..<($0 + 1) }, threads: threads) { one in
                        ContentHashLine.spell(rows: these[one.lowerBound], hot: hot, legacy: legacyByRow,
                                              exceptionRows: shard.exceptionRows, exact: exact, names: names)
                    }
                }
                try hashing?.value()  // the previous wave is in the hash before this one
                hashing = BackgroundTask { for text in texts { sharedHasher.update(text) } }
                next += these.count
            }
        }
        try hashing?.value()
        hashing = nil
        return hasher.finish()
    }

    /// Rows spelled per block of the content hash's recomputation: about 250 kB of lines, so
    /// that a wave of blocks is still in the cache when it is hashed (blocks of 32 k rows, 2 MB,
    /// made the whole recomputation 1.5x slower at 10 M citizens; 2 k rows were no faster).
    public static let hashBlockRows = 1 << 12

    /// Checks that the rows hash to the content hash the manifest (and a run's ledger) names.
    /// - Throws: `VaxError(.corruption)` naming the store if they do not.
    public func verifyContentHash(threads: Int = 1) throws {
        guard try recomputedContentHash(threads: threads) == contentHash else {
            throw VaxError(.corruption, "damaged store: its rows do not hash to the content hash its manifest records "
                           + "(edited, or assembled from another store's files); rebuild it from population.csv", file: path)
        }
    }
}

extension ShardView {
    /// The exact spellings of the rows in `exceptionRows`, decoded once.
    /// - Throws: `VaxError(.corruption)` if the sections are missing or inconsistent.
    func exactSpellings() throws -> StringTable {
        func corrupt() -> VaxError { VaxError(.corruption, "damaged store shard: exception names inconsistent", file: file.file.path) }
        guard let bi = file.entryIndex(kind: ShardSection.exceptionBytes), let ei = file.entryIndex(kind: ShardSection.exceptionEnds)
        else { throw corrupt() }
        let bytes = try file.decodedBytes(bi), raw = try file.decodedBytes(ei)
        guard raw.count % 4 == 0 else { throw corrupt() }
        let ends = raw.withUnsafeBytes { b in (0..<(b.count / 4)).map { b.loadLE(UInt32.self, at: $0 * 4) } }
        guard ends.count == exceptionRows.count, zip([0] + ends, ends).allSatisfy({ $0 <= $1 }), Int(ends.last ?? 0) <= bytes.count
        else { throw corrupt() }
        return StringTable(bytes: bytes, ends: ends)
    }
}
