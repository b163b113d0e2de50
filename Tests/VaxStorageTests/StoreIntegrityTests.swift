import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxStorage
import VaxTestSupport

// Issue 12 findings 3 and 9: a store edited by someone who fixes every checksum up. The
// forger below rewrites each file's section checksums and header hash and the manifest's
// shard digests, as anyone with the format document can.

/// A store file's bytes with a view of its directory, and the fix-ups a forger would make.
private struct ForgedFile {
    var bytes: [UInt8]

    init(_ path: String) throws { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    func write(_ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    func u64(_ at: Int) -> Int { Int(bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }) }
    mutating func setU64(_ value: UInt64, at: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(at..<(at + 8), with: $0) }
    }
    var sectionCount: Int { Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 }
    func kind(_ i: Int) -> Int { Int(bytes[64 + 64 * i]) | Int(bytes[65 + 64 * i]) << 8 }
    func codec(_ i: Int) -> UInt8 { bytes[68 + 64 * i] }
    /// The stored byte range of section `i`.
    func range(_ i: Int) -> Range<Int> { u64(64 + 64 * i + 16)..<(u64(64 + 64 * i + 16) + u64(64 + 64 * i + 24)) }
    func section(kind: Int) -> Int? { (0..<sectionCount).first { self.kind($0) == kind } }

    /// Every section checksum and the header hash made consistent with the bytes.
    mutating func fixChecksums() {
        for i in 0..<sectionCount {
            let digest: [UInt8] = SHA256.hash(Array(bytes[range(i)])).bytes
            let at = 64 + 64 * i + 40
            bytes.replaceSubrange(at..<(at + 24), with: digest.prefix(24))
        }
        let hasher = SHA256Hasher()
        hasher.update(Array(bytes[0..<32]))
        hasher.update(Array(bytes[64..<(64 + 64 * sectionCount)]))
        bytes.replaceSubrange(32..<64, with: hasher.finish().bytes)
    }
}

/// Fixes up every shard's checksums, then the manifest's shard digests (section 5) and its checksums.
private func reseal(_ store: String) throws {
    var shards: [String] = []
    while FileManager.default.fileExists(atPath: store + "/shard-" + String(format: "%03d", shards.count) + ".vxs") {
        shards.append(store + "/shard-" + String(format: "%03d", shards.count) + ".vxs")
    }
    var digests: [UInt8] = []
    for path in shards {
        var f = try ForgedFile(path)
        f.fixChecksums()
        try f.write(path)
        digests += SHA256.hash(f.bytes).bytes
    }
    var manifest = try ForgedFile(store + "/manifest.vxs")
    if let i = manifest.section(kind: 5), manifest.range(i).count == digests.count {
        manifest.bytes.replaceSubrange(manifest.range(i), with: digests)
    }
    manifest.fixChecksums()
    try manifest.write(store + "/manifest.vxs")
}

/// Two registers of the same size that differ in one citizen's name: shards of one fit the
/// other's shard table.
private func twoStores(_ dir: String) throws {
    let register = SyntheticRegister(count: 600, seed: 5)
    _ = try register.build(at: dir + "/a", shards: 1)
    var other = register
    other.citizens[17].fullName = "Lê Văn Khoẻ"
    _ = try other.build(at: dir + "/b", shards: 1)
}

private func expectCorruption(_ body: () throws -> Void, _ what: String) {
    do {
        try body()
        Issue.record("\(what): accepted")
    } catch let error as VaxError {
        #expect(error.kind == .corruption, "\(what): \(error)")
    } catch {
        Issue.record("\(what): \(error)")
    }
}

// spec: issue 12 finding 3, store-format.md "Manifest sections" (kind 5)
@Test func aShardFromAnotherStoreIsRefusedAtOpen() throws {
    try withTemporaryDirectory { dir in
        try twoStores(dir)
        try FileManager.default.removeItem(atPath: dir + "/a/shard-000.vxs")
        try FileManager.default.copyItem(atPath: dir + "/b/shard-000.vxs", toPath: dir + "/a/shard-000.vxs")
        expectCorruption({ _ = try PopulationStore.open(dir + "/a") }, "swapped shard")
    }
}

// spec: issue 12 finding 3: the content hash the ledger binds is recomputed from the rows
@Test func aSwappedShardWithResealedManifestFailsTheContentHash() throws {
    try withTemporaryDirectory { dir in
        try twoStores(dir)
        let clean = try PopulationStore.open(dir + "/a")
        try clean.verifyAll(threads: 1)  // the untouched store passes
        #expect(try clean.recomputedContentHash() == clean.contentHash)
        try FileManager.default.removeItem(atPath: dir + "/a/shard-000.vxs")
        try FileManager.default.copyItem(atPath: dir + "/b/shard-000.vxs", toPath: dir + "/a/shard-000.vxs")
        try reseal(dir + "/a")
        let forged = try PopulationStore.open(dir + "/a")
        expectCorruption({ try forged.verifyAll(threads: 1) }, "resealed swapped shard")
    }
}

// spec: issue 12 finding 9: a crafted LZ4 raw size is damage, never an abort on allocation
@Test func aHugeLZ4RawSizeIsCorruptionNotAnAbort() throws {
    try withTemporaryDirectory { dir in
        _ = try SyntheticRegister(count: 3000, seed: 9).build(at: dir + "/s", shards: 1)
        var patched = 0
        for name in ["manifest.vxs", "shard-000.vxs"] {
            var f = try ForgedFile(dir + "/s/" + name)
            for i in 0..<f.sectionCount where f.codec(i) == 1 {
                f.setU64(1 << 39, at: 64 + 64 * i + 32)
                patched += 1
            }
            try f.write(dir + "/s/" + name)
        }
        try #require(patched > 0, "the test store has LZ4 sections")
        try reseal(dir + "/s")
        expectCorruption({
            let store = try PopulationStore.open(dir + "/s")
            try store.verifyAll(threads: 1)
            for row in 0..<store.rowCount { _ = try store.record(row) }
        }, "LZ4 raw size 2^39")
    }
}

// spec: issue 12 finding 9: token IDs, dates, provinces and index rows out of range are
// damage at open, not clamped (kinds: store-format.md "Shard sections")
@Test func outOfRangeStoredValuesAreCorruptionNotClamped() throws {
    try withTemporaryDirectory { dir in
        _ = try SyntheticRegister(count: 600, seed: 11).build(at: dir + "/clean", shards: 1)
        for (kind, what) in [(103, "family token"), (105, "given token"), (106, "birth date"), (107, "province"),
                             (120, "blocking row"), (102, "serial")] {
            let copy = dir + "/forged-\(kind)"
            try FileManager.default.copyItem(atPath: dir + "/clean", toPath: copy)
            var shard = try ForgedFile(copy + "/shard-000.vxs")
            let i = try #require(shard.section(kind: kind))
            let r = shard.range(i)
            // Every value of the bit-packed column all ones (the 8 bytes of tail padding stay zero).
            shard.bytes.replaceSubrange(r.lowerBound..<(r.upperBound - 8), with: repeatElement(0xFF, count: r.count - 8))
            try shard.write(copy + "/shard-000.vxs")
            try reseal(copy)
            expectCorruption({ _ = try PopulationStore.open(copy) }, what)
        }
    }
}

// The recomputation spells blocks of rows on several threads and hashes them in row order:
// the same hash as the builder's, line by line, whatever the threads and the block size,
// across shards, exact spellings (odd spacing) and legacy IDs.
@Test(arguments: [1, 2, 3])
func theRecomputedContentHashIsTheBuildersOnAnyThreadsAndBlocks(shards: Int) throws {
    try withTemporaryDirectory { dir in
        let summary = try SyntheticRegister(count: 2500, seed: 21).build(at: dir + "/s", shards: shards)
        let store = try PopulationStore.open(dir + "/s")
        for threads in [1, 2, 4] {
            for blockRows in [1, 7, 1000, PopulationStore.hashBlockRows] {
                #expect(try store.recomputedContentHash(threads: threads, blockRows: blockRows) == summary.contentHash,
                        "threads \(threads), blocks of \(blockRows) rows")
            }
        }
    }
}
