/// A growing sequence of bits packed most-significant bit first into bytes, as QR codewords are.
struct QRBitBuffer {
    /// The packed bits; the last byte's low bits are zero until written.
    private(set) var bytes: [UInt8] = []
    /// Bits written so far.
    private(set) var count = 0

    init(capacityBits: Int) {
        bytes.reserveCapacity((capacityBits + 7) / 8)
    }

    /// Appends the low `width` bits of `value`, most significant first.
    mutating func append(_ value: UInt32, width: Int) {
        precondition(
            width >= 0 && width <= 32 && (width == 32 || value >> UInt32(width) == 0),
            "value does not fit the bit width")
        var remaining = width
        while remaining > 0 {
            let used = count & 7
            if used == 0 { bytes.append(0) }
            let take = min(8 - used, remaining)
            let chunk = UInt8(truncatingIfNeeded: value >> UInt32(remaining - take)) & UInt8((1 << take) - 1)
            bytes[bytes.count - 1] |= chunk << UInt8(8 - used - take)
            remaining -= take
            count += take
        }
    }
}
