/// A QR Code error-correction level (ISO/IEC 18004:2015 §7.5.1): how much of the symbol can be
/// damaged and still decode.
public enum QRErrorCorrection: Sendable, CaseIterable {
    /// L: recovers about 7 % of the codewords.
    case low
    /// M: recovers about 15 % of the codewords.
    case medium
    /// Q: recovers about 25 % of the codewords; what the DCC guidelines recommend for passports.
    case quartile
    /// H: recovers about 30 % of the codewords.
    case high

    /// The two-bit indicator of the format information (ISO/IEC 18004 Table 12): L 01, M 00, Q 11, H 10.
    var formatBits: UInt32 {
        switch self {
        case .low: return 0b01
        case .medium: return 0b00
        case .quartile: return 0b11
        case .high: return 0b10
        }
    }

    /// The row of this level in `QRVersionTable`'s per-level arrays.
    var tableIndex: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }
}
