import VaxCore

// The ledger's on-disk format (docs/ledger-format.md is the full specification).
//
// SQLite tables                                    | covered by
// entry(seq INTEGER PRIMARY KEY, shot_id TEXT,     | seq, shot_id and body are the entry's canonical
//       tag BLOB, body BLOB)                       | bytes; tag = chain(seq)[0..<8]
// node(id INTEGER PRIMARY KEY, hash BLOB)          | recomputed from the leaves (id = level<<40 | index)
// checkpoint(tree_size INTEGER PRIMARY KEY,        | signed note over tree size, Merkle root and chain
//            note TEXT)                            | head, each recomputed from the entries
//
// canonical(seq) = u64be(seq) ‖ u8(len(shot_id)) ‖ shot_id ‖ body
// chain(-1) = 32 zero bytes; chain(seq) = SHA256(chain(seq-1) ‖ canonical(seq))
// leaf(seq) = SHA256(0x00 ‖ canonical(seq)); node = SHA256(0x01 ‖ left ‖ right)   (RFC 6962)
// Valid iff every tag, every stored node and every checkpoint's root, head and signature
// match what is recomputed from the entries, entries are 0..<N without gaps, entry N-1 is a
// seal, and every seal has the checkpoint of its tree size and vice versa; every passport
// entry (kind 6) names only earlier link decisions of its own citizen, and no decision, reject
// or evidence entry follows the first passport entry.

/// Format constants.
enum LedgerFormat {
    /// Bumped on any change to the encoding.
    static let version: UInt8 = 1
    /// Offset of a decision body's u32 evidence code.
    static let decisionEvidenceOffset = 32
    /// Offsets of a decision body's u8 outcome and u64 citizen_id.
    static let decisionOutcomeOffset = 6
    static let decisionCitizenOffset = 7
    /// Perfect Merkle subtrees of this level (2^8 = 256 leaves) and above are stored.
    static let storedLevel = 8
    static let blockSize = 1 << storedLevel
    /// The signed-note key name (C2SP signed-note).
    static let keyName = "vaxlink"
    /// Bytes of the chain hash kept per entry to name a changed entry.
    static let tagSize = 8

    static let schema = [
        "CREATE TABLE entry(seq INTEGER PRIMARY KEY, shot_id TEXT, tag BLOB NOT NULL, body BLOB NOT NULL)",
        "CREATE TABLE node(id INTEGER PRIMARY KEY, hash BLOB NOT NULL)",
        "CREATE TABLE checkpoint(tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL)",
    ]
    /// Built at finish, off the load path.
    static let shotIndex = "CREATE INDEX entry_shot ON entry(shot_id) WHERE shot_id IS NOT NULL"

    static func nodeID(level: Int, index: Int) -> Int64 { Int64(level) << 40 | Int64(index) }
}

/// Entry kinds: the first byte of every body. On-disk: frozen.
enum EntryKind: UInt8 {
    case header = 1
    case decision = 2
    case reject = 3
    case seal = 4
    /// Defines an evidence code: decisions refer to their evidence text by code.
    case evidence = 5
    /// A vaccine passport issued from the ledger's link decisions (appended after them).
    case passport = 6
    /// A person's decision about a shot in review (ReviewEntry.swift).
    case review = 7
}

/// Appends big-endian integers and length-prefixed strings to a reusable buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    // Fixed-width integers go in with one append of their big-endian bytes.
    @inline(__always)
    private mutating func fixed<T: FixedWidthInteger>(_ v: T) {
        var be = v.bigEndian
        withUnsafeBytes(of: &be) { bytes.append(contentsOf: $0) }
    }
    mutating func u16(_ v: UInt16) { fixed(v) }
    mutating func u32(_ v: UInt32) { fixed(v) }
    mutating func u64(_ v: UInt64) { fixed(v) }
    mutating func digest(_ d: SHA256Digest) {
        var be = (d.words.0.bigEndian, d.words.1.bigEndian, d.words.2.bigEndian, d.words.3.bigEndian)
        withUnsafeBytes(of: &be) { bytes.append(contentsOf: $0) }
    }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    /// u16be length ‖ UTF-8 bytes; longer strings are cut at 65535 bytes by the caller's check.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            precondition(utf8.count <= 0xFFFF, "ledger strings are at most 65535 bytes")
            u16(UInt16(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `ByteWriter` wrote; every read fails (nil) past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func u8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func u16() -> UInt16? {
        guard let a = u8(), let b = u8() else { return nil }
        return UInt16(a) << 8 | UInt16(b)
    }
    mutating func u32() -> UInt32? {
        guard let a = u16(), let b = u16() else { return nil }
        return UInt32(a) << 16 | UInt32(b)
    }
    mutating func u64() -> UInt64? {
        guard let a = u32(), let b = u32() else { return nil }
        return UInt64(a) << 32 | UInt64(b)
    }
    mutating func raw(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }
    mutating func digest() -> SHA256Digest? { raw(32).map { SHA256Digest(bytes: $0) } }
    /// A u16-prefixed string that must be valid UTF-8.
    mutating func string() -> String? {
        guard let n = u16(), let b = raw(Int(n)) else { return nil }
        var decoded = String(decoding: b, as: UTF8.self)
        // Reject invalid UTF-8: decoding would replace it, so re-encoding differs.
        let same = decoded.withUTF8 { $0.elementsEqual(b) }
        return same ? decoded : nil
    }
}
