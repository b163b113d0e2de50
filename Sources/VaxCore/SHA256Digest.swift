/// A SHA-256 digest: 32 bytes held inline.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The digest bytes as four big-endian words, so equality is four compares.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    /// A digest from exactly 32 bytes.
    public init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == 32, "a SHA-256 digest is 32 bytes")
        func word(_ i: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
        }
        words = (word(0), word(1), word(2), word(3))
    }

    /// All 32 bytes zero: the ledger's hash before its first entry, and the raw digest a
    /// reader leaves on rows it was told not to hash.
    public static let zero = SHA256Digest(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// A digest from 32 bytes.
    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Digest(bytes: $0) }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for w in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: w >> UInt64(shift))) }
        }
        return out
    }

    /// Lowercase hex, 64 characters.
    public var hex: String { hexString(bytes) }
    public var description: String { hex }

    public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}

/// Lowercase hex of bytes.
public func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}

