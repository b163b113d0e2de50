import VaxCore

/// Packs unsigned integers of a fixed bit width into little-endian 64-bit words.
///
/// Value i occupies bits [i*width, (i+1)*width) of the byte stream. Readers load 8 bytes
/// at byte offset (i*width)/8 and shift, so `width` is at most 56 and the stream is
/// padded with 8 zero bytes.
struct BitPackedWriter {
    let width: Int
    private(set) var words: [UInt64] = []
    private(set) var count = 0
    private var bitPosition = 0

    init(width: Int, reserve: Int = 0) {
        precondition((1...56).contains(width), "bit width must be 1...56")
        self.width = width
        words.reserveCapacity((reserve * width + 63) / 64 + 2)
    }

    /// The smallest width that holds `maxValue`.
    static func width(forMax maxValue: UInt64) -> Int {
        max(1, 64 - maxValue.leadingZeroBitCount)
    }

    mutating func append(_ value: UInt64) {
        precondition(width == 64 || value >> UInt64(width) == 0, "value does not fit \(width) bits")
        let word = bitPosition >> 6
        let shift = bitPosition & 63
        if word >= words.count { words.append(0) }
        words[word] |= value << UInt64(shift)
        if shift + width > 64 {
            words.append(value >> UInt64(64 - shift))
        }
        bitPosition += width
        count += 1
    }

    /// The packed bytes with the 8-byte tail padding readers rely on.
    var bytes: [UInt8] {
        let used = (bitPosition + 7) / 8
        var out = [UInt8](repeating: 0, count: used + 8)
        words.withUnsafeBytes { raw in
            out.withUnsafeMutableBytes { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<min(used, raw.count)]))
            }
        }
        return out
    }
}

/// A read-only view of a bit-packed column inside a mapped file.
///
/// Cheap to copy; valid while the `PopulationStore` that made it lives.
public struct BitPackedColumn: @unchecked Sendable {
    // @unchecked Sendable: points into an immutable read-only mapping.
    @usableFromInline let base: UnsafeRawPointer?
    @usableFromInline let byteCount: Int
    /// Bits per value.
    public let width: Int
    /// Number of values.
    public let count: Int
    @usableFromInline let mask: UInt64

    init(bytes: UnsafeRawBufferPointer, width: Int, count: Int) {
        self.base = bytes.baseAddress
        self.byteCount = bytes.count
        self.width = width
        self.count = count
        self.mask = width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1
        // The writer pads 8 bytes; a directory that claims more values than the bytes hold
        // was rejected when the section was opened.
        precondition(count == 0 || (count * width + 7) / 8 + 8 <= byteCount, "bit-packed section too short")
    }

    /// Value `i`.
    @inlinable
    public subscript(i: Int) -> UInt64 {
        precondition(i >= 0 && i < count, "bit-packed index out of range")
        let bit = i &* width
        // safe: bit/8 + 8 <= byteCount by the init's check and the 8-byte tail padding
        let word = UnsafeRawPointer(base!).loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self)
        return (UInt64(littleEndian: word) >> UInt64(bit & 7)) & mask
    }
}
