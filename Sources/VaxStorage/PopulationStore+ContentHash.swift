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
    /// - Throws: `VaxError(.corruption)` if an exact spelling cannot be decoded.
    /// - Complexity: O(rows); about 60 bytes hashed per citizen, one thread.
    public func recomputedContentHash() throws -> SHA256Digest {
        let hasher = SHA256Hasher()
        var line: [UInt8] = ContentHashLine.preamble
        line.reserveCapacity(1 << 16)
        for (s, shard) in shards.enumerated() {
            let hot = columns[s]
            // Legacy IDs by local row: the index is the only copy (ShardView.legacyID).
            var legacy = [UInt32](repeating: 0, count: shard.rowCount)  // 0 = none, else legacy + 1
            for i in 0..<shard.legacyRows.count { legacy[Int(shard.legacyRows[i])] = UInt32(shard.legacyValues[i]) + 1 }
            let exact = try shard.exactSpellings()
            var nextExact = 0
            for local in 0..<shard.rowCount {
                let sp = PackedFields.sexProvince(hot.sexProvince[local])
                let isExact = nextExact < shard.exceptionRows.count && Int(shard.exceptionRows[nextExact]) == local
                ContentHashLine.append(
                    citizenID: hot.citizenID(local), legacyID: legacy[local] == 0 ? nil : legacy[local] - 1,
                    birthDate: PackedFields.date(hot.dates[local]), sex: PackedFields.sex(sp),
                    provinceCode: PackedFields.provinceCode(sp), to: &line
                ) { line in
                    if isExact {
                        line.append(contentsOf: exact.bytes[exact.range(nextExact)])
                    } else {
                        dictionaries.appendFullName(NameParts { UInt32(truncatingIfNeeded: hot.tokens[$0][local]) }, to: &line)
                    }
                }
                if isExact { nextExact += 1 }
                if line.count >= 60_000 {
                    line.withUnsafeBytes { hasher.update($0) }
                    line.removeAll(keepingCapacity: true)
                }
            }
        }
        line.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// Checks that the rows hash to the content hash the manifest (and a run's ledger) names.
    /// - Throws: `VaxError(.corruption)` naming the store if they do not.
    public func verifyContentHash() throws {
        guard try recomputedContentHash() == contentHash else {
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
