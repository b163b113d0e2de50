import VaxCore
import VaxCrypto

// The container every store file uses: a header, a directory of sections, the sections.
// All integers little-endian; sections start 64-byte aligned; the file ends with 64 zero
// bytes so that 8-byte unaligned loads at the end of any section stay inside the mapping.
//
//   offset  size  field
//   0       8     magic (e.g. "VAXSTOR\u{1}" for the manifest, "VAXSHRD\u{1}" for a shard)
//   8       4     format version (StoreFormat.version)
//   12      4     section count n
//   16      8     file size in bytes
//   24      8     reserved, zero
//   32      32    SHA-256 of bytes [0, 32) followed by the n directory entries
//   64      64*n  directory entries:
//                   0  u32 section kind      4  u8 codec (0 raw, 1 lz4)   5 u8 bit width (0 = bytes)
//                   6  u16 reserved          8  u64 element count        16 u64 offset
//                   24 u64 stored size       32 u64 raw size             40 24 bytes: SHA-256 prefix
//                                                                            of the stored bytes
//   ...           sections, each at a multiple of 64
//
// Valid iff the magic and version match, the header hash matches, every section lies
// inside the file, a raw section's raw size equals its stored size, an LZ4 section's raw
// size is at most 255 × its stored size + 16 (LZ4's largest ratio) and below 2^31, and each
// section's stored bytes hash to its directory entry (checked before the section is first
// used, or all at once when the whole file's SHA-256 is checked against the manifest).

/// How a section's bytes are stored.
enum SectionCodec: UInt8 {
    case raw = 0
    case lz4 = 1
}

/// One section to write.
struct SectionPayload {
    var kind: UInt32
    var codec: SectionCodec
    var bitWidth: UInt8
    var count: Int
    var rawSize: Int
    var stored: [UInt8]
}

/// One section as described by the directory of a mapped file.
struct SectionEntry: Sendable {
    let kind: UInt32
    let codec: SectionCodec
    let bitWidth: Int
    let count: Int
    let offset: Int
    let storedSize: Int
    let rawSize: Int
    let checksum: [UInt8]
}

/// Builds a section file in memory section by section and writes it atomically.
struct SectionFileWriter {
    let magic: [UInt8]
    private(set) var sections: [SectionPayload] = []

    init(magic: String) {
        precondition(magic.utf8.count == 8, "magic is 8 bytes")
        self.magic = Array(magic.utf8)
    }

    /// Adds raw bytes, compressed with LZ4 when that saves at least 10 %.
    mutating func add(kind: UInt32, bytes: [UInt8], count: Int, compress: Bool) {
        var codec = SectionCodec.raw
        var stored = bytes
        if compress && bytes.count >= 256 {
            let packed = bytes.withUnsafeBytes { LZ4Codec.compress($0) }
            if packed.count * 10 < bytes.count * 9 {
                codec = .lz4
                stored = packed
            }
        }
        sections.append(SectionPayload(kind: kind, codec: codec, bitWidth: 0, count: count,
                                       rawSize: bytes.count, stored: stored))
    }

    /// Adds a bit-packed column (never compressed: it is read at random on the hot path).
    mutating func add(kind: UInt32, packed: BitPackedWriter) {
        let bytes = packed.bytes
        sections.append(SectionPayload(kind: kind, codec: .raw, bitWidth: UInt8(packed.width),
                                       count: packed.count, rawSize: bytes.count, stored: bytes))
    }

    /// Adds an array of fixed-width little-endian integers.
    mutating func add<T: FixedWidthInteger>(kind: UInt32, values: [T], compress: Bool = false) {
        let bytes = values.withUnsafeBytes { Array($0) }  // little-endian hosts only (x86_64, arm64)
        add(kind: kind, bytes: bytes, count: values.count, compress: compress)
    }

    /// Writes the file to `path` through a temporary name, fsynced; returns its size.
    func write(to path: String) throws -> Int {
        let hasher = SHA256Hasher()
        var offset = 64 + 64 * sections.count
        var directory = [UInt8]()
        var offsets: [Int] = []
        for section in sections {
            offset = (offset + 63) & ~63
            offsets.append(offset)
            directory.appendLE(section.kind)
            directory.append(section.codec.rawValue)
            directory.append(section.bitWidth)
            directory.appendLE(UInt16(0))
            directory.appendLE(UInt64(section.count))
            directory.appendLE(UInt64(offset))
            directory.appendLE(UInt64(section.stored.count))
            directory.appendLE(UInt64(section.rawSize))
            directory.append(contentsOf: section.stored.withUnsafeBytes { hasher.hash($0) }.bytes.prefix(24))
            offset += section.stored.count
        }
        let fileSize = ((offset + 63) & ~63) + 64
        var header = magic
        header.appendLE(StoreFormat.version)
        header.appendLE(UInt32(sections.count))
        header.appendLE(UInt64(fileSize))
        header.appendLE(UInt64(0))
        hasher.update(header)
        hasher.update(directory)
        header.append(contentsOf: hasher.finish().bytes)

        let out = try OutputFile(path: path, bufferSize: 4 << 20)
        try out.write(header)
        try out.write(directory)
        var position = 64 + directory.count
        let zeros = [UInt8](repeating: 0, count: 64)
        for (section, start) in zip(sections, offsets) {
            if start > position { try out.write(Array(zeros[0..<(start - position)])) }
            try out.write(section.stored)
            position = start + section.stored.count
        }
        try out.write(Array(repeating: 0, count: fileSize - position))
        try out.commit()
        return fileSize
    }
}

/// A mapped section file whose header and directory have been checked.
///
/// `@unchecked Sendable`: immutable after init except `verified`, which is guarded by `lock`.
final class SectionFile: @unchecked Sendable {
    let file: MappedFile
    let entries: [SectionEntry]
    private let lock = Lock()
    private var verified: [Bool]

    /// Maps `path` and checks magic, version, header hash and section bounds.
    /// - Parameter digest: the SHA-256 of the whole file that the manifest records (shards):
    ///   checked now, in one pass, and then every section counts as verified.
    /// - Throws: `VaxError(.corruption)` naming the file for any inconsistency.
    /// - Complexity: O(1) without `digest`, O(file size) with it.
    init(path: String, magic: String, digest: SHA256Digest? = nil) throws {
        file = try MappedFile(path: path)
        let bytes = file.bytes
        func corrupt(_ why: String) -> VaxError { VaxError(.corruption, "damaged store file: \(why)", file: path) }
        // spec: store-format.md "Manifest sections" (kind 5): a shard from another store, or
        // edited with its own checksums fixed, differs from the manifest's digest.
        if let digest, SHA256Hasher().hash(bytes) != digest {
            throw corrupt("its SHA-256 differs from the one the manifest records (a shard of another store, or edited)")
        }
        guard bytes.count >= 64 + 64 else { throw corrupt("too short") }
        guard Array(bytes[0..<8]) == Array(magic.utf8) else { throw corrupt("not a vaxlink store file (bad magic)") }
        let version = bytes.loadLE(UInt32.self, at: 8)
        guard version == StoreFormat.version else {
            throw VaxError(.badInput, "store format version \(version), this vaxlink reads \(StoreFormat.version); rebuild the store",
                           file: path)
        }
        let count = Int(bytes.loadLE(UInt32.self, at: 12))
        guard count < 1 << 20, 64 + 64 * count <= bytes.count else { throw corrupt("bad section count") }
        // Sizes and offsets are read with Int(exactly:): a u64 past Int.max is damage, not a trap
        // (found by fuzzing, Tests/Fuzz/FailCases/store/).
        func int(at offset: Int) -> Int { Int(exactly: bytes.loadLE(UInt64.self, at: offset)) ?? -1 }
        guard int(at: 16) == bytes.count else { throw corrupt("file size does not match its header (truncated?)") }
        let hasher = SHA256Hasher()
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[0..<32]))
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[64..<(64 + 64 * count)]))
        guard hasher.finish().bytes == Array(bytes[32..<64]) else { throw corrupt("header checksum mismatch") }
        var entries: [SectionEntry] = []
        for i in 0..<count {
            let at = 64 + 64 * i
            guard let codec = SectionCodec(rawValue: bytes[at + 4]) else { throw corrupt("section \(i): unknown codec") }
            let entry = SectionEntry(
                kind: bytes.loadLE(UInt32.self, at: at), codec: codec, bitWidth: Int(bytes[at + 5]),
                count: int(at: at + 8), offset: int(at: at + 16),
                storedSize: int(at: at + 24), rawSize: int(at: at + 32),
                checksum: Array(bytes[(at + 40)..<(at + 64)]))
            guard entry.offset >= 64 + 64 * count, entry.storedSize >= 0,
                  entry.offset <= bytes.count - 64, entry.storedSize <= bytes.count - 64 - entry.offset,
                  entry.count >= 0, entry.count < 1 << 40, entry.rawSize >= 0, entry.rawSize < 1 << 40
            else { throw corrupt("section \(i) lies outside the file") }
            // A crafted raw size must not make the decoder allocate terabytes (found by review,
            // issue 12 finding 9): LZ4 expands at most 255-fold, and its sizes are Int32.
            switch entry.codec {
            case .raw:
                guard entry.rawSize == entry.storedSize else { throw corrupt("section \(i): raw size differs from its stored size") }
            case .lz4:
                guard entry.rawSize <= entry.storedSize * 255 + 16, entry.rawSize < Int(Int32.max),
                      entry.storedSize < Int(Int32.max)
                else { throw corrupt("section \(i): LZ4 raw size \(entry.rawSize) impossible for \(entry.storedSize) stored bytes") }
            }
            if entry.bitWidth > 0 {
                guard entry.bitWidth <= 56, entry.codec == .raw,
                      (entry.count * entry.bitWidth + 7) / 8 + 8 <= entry.storedSize
                else { throw corrupt("section \(i): bit-packed size does not match its count") }
            }
            entries.append(entry)
        }
        self.entries = entries
        verified = Array(repeating: digest != nil, count: count)
    }

    /// The first section of `kind` (and `index`-th among that kind), if present.
    func entryIndex(kind: UInt32, occurrence: Int = 0) -> Int? {
        var seen = 0
        for (i, e) in entries.enumerated() where e.kind == kind {
            if seen == occurrence { return i }
            seen += 1
        }
        return nil
    }

    /// The stored bytes of section `i`, checked against its checksum on first use.
    /// - Throws: `VaxError(.corruption)` naming the file and section.
    func storedBytes(_ i: Int) throws -> UnsafeRawBufferPointer {
        let e = entries[i]
        let slice = UnsafeRawBufferPointer(rebasing: file.bytes[e.offset..<(e.offset + e.storedSize)])
        let needsCheck = lock.withLock { !verified[i] }
        if needsCheck {
            let digest = SHA256Hasher().hash(slice)
            guard Array(digest.bytes.prefix(24)) == e.checksum else {
                throw VaxError(.corruption, "damaged store file: section \(i) (kind \(e.kind)) fails its checksum", file: file.path)
            }
            lock.withLock { verified[i] = true }
        }
        return slice
    }

    /// The section's bytes decoded: mapped in place if raw, decompressed if LZ4.
    func decodedBytes(_ i: Int) throws -> [UInt8] {
        let e = entries[i]
        let stored = try storedBytes(i)
        switch e.codec {
        case .raw: return Array(stored)
        case .lz4:
            var out = [UInt8](repeating: 0, count: e.rawSize)
            try out.withUnsafeMutableBytes {
                try LZ4Codec.decompress(stored, into: $0, file: file.path, what: "section \(i)")
            }
            return out
        }
    }

    /// A bit-packed column view of section `i`.
    func column(_ i: Int) throws -> BitPackedColumn {
        let e = entries[i]
        guard e.bitWidth > 0 else {
            throw VaxError(.corruption, "damaged store file: section \(i) is not bit-packed", file: file.path)
        }
        return BitPackedColumn(bytes: try storedBytes(i), width: e.bitWidth, count: e.count)
    }

    /// Checks every section's checksum now (used by `store verify` and before a run).
    func verifyAll() throws {
        for i in entries.indices { _ = try storedBytes(i) }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    func loadLE<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
