import VaxCore
import VaxCrypto
import VaxNames
import VaxStorage

// Input: the store's files laid end to end, manifest first, each shard starting with its
// magic "VAXSHRD\x01" (the input is cut before every occurrence of it). Before the store is
// opened, each file's integrity fields are fixed up from its bytes, as a crafted store's
// author would (issue 12 point 9): the header's file size, every section's SHA-256 prefix
// whose section lies inside the file, and the header hash; and the manifest's digests of
// the shards (section 5). So the fuzzer's mutations reach
// the section decoders and the range checks behind the checksums instead of stopping there.
//
// Header layout and checks: Sources/VaxStorage/SectionFile.swift.

/// The store open path target.
enum StoreFuzz {
    static let shardMagic = Array("VAXSHRD\u{1}".utf8)
    /// Rows read back per store; enough to cross a shard boundary of the seed stores.
    static let rowsRead = 48

    static func run(_ bytes: UnsafeRawBufferPointer) throws {
        let folder = FuzzScratch.emptyFolder("store")
        let files = split(Array(bytes))
        // Shards first: the manifest's section 5 (format 3) then gets their SHA-256, as a
        // forger would write it, before the manifest's own checksums are fixed up.
        var digests: [UInt8] = []
        for (i, file) in files.enumerated().dropFirst() {
            let shard = fixedUp(file)
            digests += SHA256.hash(shard).bytes
            _ = FuzzScratch.write(shard, to: "store/shard-" + pad(i - 1) + ".vxs")
        }
        if let manifest = files.first {
            _ = FuzzScratch.write(fixedUp(withShardDigests(digests, manifest)), to: "store/manifest.vxs")
        }
        let store = try PopulationStore.open(folder)
        try store.verifyAll(threads: 1)
        var seen = store.rowCount &+ store.shardCount &+ store.byteCount &+ store.sourceBytes
        seen &+= store.columnSummary().count
        var candidates: [StoreRow] = []
        for row in 0..<min(store.rowCount, rowsRead) {
            let record = try store.record(row)
            seen &+= record.fullName.utf8.count &+ Int(record.legacyID ?? 0) &+ record.provinceCode
            let f = store.fields(row)
            seen &+= Int(f.normalized.family &+ f.normalized.middle &+ f.normalized.given &+ f.original.family)
            for part in NamePart.allCases {
                let n = f.normalized[part], folded = store.foldedToken(part, row)
                seen &+= Int(store.frequency(part, normalized: n) &+ store.frequency(part, folded: folded))
                seen &+= store.isEmpty(part, normalized: n) ? 1 : 0
            }
            if let found = store.row(of: record.citizenID) { seen &+= found }
            if let legacy = record.legacyID { seen &+= store.rows(ofLegacy: legacy).count }
            let hashes: [(BlockingKey, UInt64)] = [
                (.nameYear, BlockingKey.nameYear(family: f.folded.family, given: f.folded.given, year: f.birthDate.year)),
                (.givenDate, BlockingKey.givenDate(given: f.folded.given, date: f.birthDate)),
                (.namePlace, BlockingKey.namePlace(family: f.folded.family, middle: f.folded.middle, given: f.folded.given,
                                                   province: f.provinceCode)),
            ]
            for (key, hash) in hashes {
                candidates.removeAll(keepingCapacity: true)
                store.candidates(key, hash: hash, into: &candidates, maxCount: 64)
                seen &+= candidates.count
            }
        }
        blackHole(seen)
    }

    /// Cuts the input before every shard magic after the first byte.
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var cuts = [0]
        var i = 1
        while i + shardMagic.count <= bytes.count {
            if bytes[i] == shardMagic[0] && bytes[i..<(i + shardMagic.count)].elementsEqual(shardMagic) {
                cuts.append(i)
                i += shardMagic.count
            } else {
                i += 1
            }
        }
        cuts.append(bytes.count)
        return (0..<(cuts.count - 1)).map { Array(bytes[cuts[$0]..<cuts[$0 + 1]]) }
    }

    static func pad(_ i: Int) -> String {
        String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i)
    }

    /// The manifest with its shard-digest section (kind 5) overwritten by `digests` where
    /// that section lies inside the file and has their size.
    static func withShardDigests(_ digests: [UInt8], _ file: [UInt8]) -> [UInt8] {
        var f = file
        guard f.count >= 128 else { return f }
        let count = min(Int(load(UInt32.self, at: 12, in: f)), (f.count - 64) / 64)
        for i in 0..<count where load(UInt32.self, at: 64 + 64 * i, in: f) == 5 {
            let offset = load(UInt64.self, at: 64 + 64 * i + 16, in: f), size = load(UInt64.self, at: 64 + 64 * i + 24, in: f)
            guard size == UInt64(digests.count), offset <= UInt64(f.count), size <= UInt64(f.count) - offset else { continue }
            f.replaceSubrange(Int(offset)..<Int(offset + size), with: digests)
        }
        return f
    }

    /// The file with its size field, section checksums and header hash made consistent.
    static func fixedUp(_ file: [UInt8]) -> [UInt8] {
        var f = file
        guard f.count >= 128 else { return f }
        store(UInt64(f.count), at: 16, in: &f)
        let declared = Int(load(UInt32.self, at: 12, in: f))
        let count = min(declared, (f.count - 64) / 64)
        let hasher = SHA256Hasher()
        for i in 0..<count {
            let at = 64 + 64 * i
            let offset = load(UInt64.self, at: at + 16, in: f), size = load(UInt64.self, at: at + 24, in: f)
            guard offset <= UInt64(f.count), size <= UInt64(f.count) - offset else { continue }
            let digest = f.withUnsafeBytes { raw in
                hasher.hash(UnsafeRawBufferPointer(rebasing: raw[Int(offset)..<Int(offset + size)]))
            }
            f.replaceSubrange((at + 40)..<(at + 64), with: digest.bytes.prefix(24))
        }
        if 64 + 64 * declared <= f.count {
            hasher.reset()
            hasher.update(Array(f[0..<32]))
            hasher.update(Array(f[64..<(64 + 64 * declared)]))
            f.replaceSubrange(32..<64, with: hasher.finish().bytes)
        }
        return f
    }

    private static func load<T: FixedWidthInteger>(_: T.Type, at offset: Int, in bytes: [UInt8]) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    private static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}
