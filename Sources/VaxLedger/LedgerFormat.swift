import VaxCore

// The ledger's on-disk format (docs/ledger-format.md is the full specification).
//
// SQLite tables                                    | covered by
// entry(seq INTEGER PRIMARY KEY, shot_id TEXT,     | seq, shot_id and body are the entry's canonical
//       tag BLOB, body BLOB)                       | bytes; tag = chain(seq)[0..<8]
// node(id INTEGER PRIMARY KEY, hash BLOB)          | recomputed from the leaves (id = level<<40 | index)
// checkpoint(tree_size INTEGER PRIMARY KEY,        | signed note over tree size and Merkle root (v1: and
//            note TEXT)                            | the chain head), each recomputed from the entries
//
// canonical(seq) = u64be(seq) ‖ u8(len(shot_id)) ‖ shot_id ‖ body
// chain(-1) = 32 zero bytes; chain(seq) = SHA256(chain(seq-1) ‖ canonical(seq))
// leaf(seq) = SHA256(0x00 ‖ canonical(seq)); node = SHA256(0x01 ‖ left ‖ right)   (RFC 6962)
// v2 seal body = 0x04 ‖ u64 batch ‖ u64 entries ‖ chain(seq − 1): the chain head is in the tree.
// Valid iff (docs/ledger-format.md "Validity rules" R1-R17, in short) every tag, every stored node and every checkpoint's root, head and signature
// match what is recomputed from the entries, entries are 0..<N without gaps, entry N-1 is a
// seal, and every seal has the checkpoint of its tree size and vice versa; every passport
// entry (kind 6) names only earlier link decisions of its own citizen, and no decision, reject
// or evidence entry follows the first passport entry.

/// Format constants.
public enum LedgerFormat {
    /// Bumped on any change to the encoding. Version 2 (issue 13): each seal commits the chain
    /// hash before it, so the chain head is inside the Merkle tree, and checkpoints are plain
    /// C2SP checkpoints (no extension line) signed under the key name = origin.
    public static let version: UInt8 = 2
    /// Versions this code reads and verifies.
    public static let readableVersions: ClosedRange<UInt8> = 1...2
    /// Perfect Merkle subtrees of this level (2^8 = 256 leaves) and above are stored.
    static let storedLevel = 8
    static let blockSize = 1 << storedLevel
    /// The signed-note key name of version 1 (version 2 uses the origin, as C2SP says).
    static let v1KeyName = "vaxlink"
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

/// The decision body (kind 2): every field at a fixed offset, 68 bytes in all. The one
/// owner of these offsets: `EntryCodec` writes and reads a decision through this table, and
/// the verifier peeks at single fields through it. docs/ledger-format.md "Entries" lists the
/// same fields in the same order (LedgerFormatTests ties the two).
///
///     offset size field
///          0    1 kind (= 2)
///          1    4 line            u32
///          5    1 province_code   u8
///          6    1 outcome         u8
///          7    8 citizen_id      u64 (0xFFFFFFFFFFFFFFFF = none)
///         15    8 score           f64
///         23    8 match_weight    f64
///         31    1 corrections     u8
///         32    4 evidence_code   u32
///         36   32 raw_row_sha256  digest
enum DecisionBody {
    /// One field of the body: its name in docs/ledger-format.md, offset and size in bytes.
    struct Field: Sendable, Equatable {
        let name: String
        let offset: Int
        let size: Int
        var range: Range<Int> { offset..<(offset + size) }
    }

    static let kind = Field(name: "kind", offset: 0, size: 1)
    static let line = Field(name: "line", offset: 1, size: 4)
    static let provinceCode = Field(name: "province_code", offset: 5, size: 1)
    static let outcome = Field(name: "outcome", offset: 6, size: 1)
    static let citizenID = Field(name: "citizen_id", offset: 7, size: 8)
    static let score = Field(name: "score", offset: 15, size: 8)
    static let matchWeight = Field(name: "match_weight", offset: 23, size: 8)
    static let corrections = Field(name: "corrections", offset: 31, size: 1)
    static let evidenceCode = Field(name: "evidence_code", offset: 32, size: 4)
    static let rawSHA256 = Field(name: "raw_row_sha256", offset: 36, size: 32)

    /// The table, in byte order.
    static let fields = [
        kind, line, provinceCode, outcome, citizenID, score, matchWeight, corrections, evidenceCode, rawSHA256,
    ]
    /// Bytes in a decision body; a body of any other length is malformed.
    static let size = 68

    /// The big-endian unsigned integer in `field` of `body` (which holds at least `size` bytes).
    @inline(__always)
    static func get(_ field: Field, in body: UnsafeRawBufferPointer) -> UInt64 {
        precondition(field.size <= 8 && body.count >= field.offset + field.size, "decision field read past the body")
        var value: UInt64 = 0
        for i in field.range { value = value << 8 | UInt64(body[i]) }
        return value
    }

    /// The u32 at `offset` of any body (which holds at least offset + 4 bytes).
    @inline(__always)
    static func u32(_ body: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(get(Field(name: "", offset: offset, size: 4), in: body))
    }

    /// Stores `value` big-endian into `field` of `body`.
    @inline(__always)
    static func set(_ field: Field, _ value: UInt64, in body: UnsafeMutableRawBufferPointer) {
        precondition(field.size <= 8 && body.count >= field.offset + field.size, "decision field written past the body")
        var v = value
        for i in field.range.reversed() {
            body[i] = UInt8(truncatingIfNeeded: v)
            v >>= 8
        }
    }

    /// Stores `digest`'s 32 bytes into `field` (of size 32) of `body`.
    @inline(__always)
    static func setDigest(_ field: Field, _ digest: SHA256Digest, in body: UnsafeMutableRawBufferPointer) {
        precondition(field.size == 32 && body.count >= field.offset + 32, "digest field written past the body")
        var be = (
            digest.words.0.bigEndian, digest.words.1.bigEndian, digest.words.2.bigEndian, digest.words.3.bigEndian
        )
        withUnsafeBytes(of: &be) { UnsafeMutableRawBufferPointer(rebasing: body[field.range]).copyMemory(from: $0) }
    }
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
    /// A citizen's complaint about one shot (ComplaintEntry.swift).
    case complaint = 8
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
