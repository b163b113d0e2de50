// The two BCH-protected information words of a QR symbol (ISO/IEC 18004:2015 §7.9, §7.10, Annex C, D):
//   format information (15 bits) = (level indicator ‖ mask, 5 bits) ‖ BCH(15,5) remainder (10 bits,
//     generator x^10+x^8+x^5+x^4+x^2+x+1 = 0x537), XOR 0x5412 so that it is never all zero;
//   version information (18 bits, versions 7–40) = version (6 bits) ‖ BCH(18,6) remainder (12 bits,
//     generator x^12+x^11+x^10+x^9+x^8+x^5+x^2+1 = 0x1F25), not masked.

enum QRFormatInformation {
    /// The 15-bit format information of `level` with `mask` (0...7), bit 14 first in reading order.
    static func formatBits(level: QRErrorCorrection, mask: Int) -> UInt32 {
        precondition((0...7).contains(mask), "QR masks are 0...7")
        let data = level.formatBits << 3 | UInt32(mask)
        return (data << 10 | bchRemainder(data << 10, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The 18-bit version information of `version` (7...40).
    static func versionBits(version: Int) -> UInt32 {
        precondition((7...40).contains(version), "only versions 7...40 carry version information")
        let data = UInt32(version)
        return data << 12 | bchRemainder(data << 12, generator: 0x1F25, degree: 12)
    }

    /// The remainder of the polynomial `value` (over GF(2)) divided by `generator` of `degree`.
    private static func bchRemainder(_ value: UInt32, generator: UInt32, degree: Int) -> UInt32 {
        var remainder = value
        for bit in stride(from: 31, through: degree, by: -1) where remainder >> UInt32(bit) & 1 == 1 {
            remainder ^= generator << UInt32(bit - degree)
        }
        return remainder
    }
}
