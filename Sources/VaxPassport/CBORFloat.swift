// IEEE 754 half/single/double conversions for CBOR major type 7 (RFC 8949 §3.3, Appendix D),
// done on bit patterns so the result does not depend on the platform's Float16 support.

enum CBORFloat {
    /// Appends `value` as a half (0xF9), single (0xFA) or double (0xFB), whichever is the
    /// shortest that represents it exactly; NaN is written as the canonical half 0x7E00.
    static func append(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN {
            out.append(contentsOf: [0xF9, 0x7E, 0x00])
            return
        }
        let single = Float(value)
        guard Double(single) == value else {
            out.append(0xFB)
            CBOR.appendBigEndian(value.bitPattern, bytes: 8, to: &out)
            return
        }
        if let half = exactHalf(single) {
            out.append(0xF9)
            CBOR.appendBigEndian(UInt64(half), bytes: 2, to: &out)
        } else {
            out.append(0xFA)
            CBOR.appendBigEndian(UInt64(single.bitPattern), bytes: 4, to: &out)
        }
    }

    /// The half-precision bits of `value` if it converts without loss.
    static func exactHalf(_ value: Float) -> UInt16? {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF { return sign | 0x7C00 | UInt16(mantissa >> 13) }  // ±infinity (NaN handled above)
        if exponent == 0 && mantissa == 0 { return sign }  // ±0
        let unbiased = exponent - 127
        if unbiased >= -14 && unbiased <= 15 {
            // A normal half: 10 mantissa bits, so the low 13 of the single's must be zero.
            guard mantissa & 0x1FFF == 0 else { return nil }
            return sign | UInt16(unbiased + 15) << 10 | UInt16(mantissa >> 13)
        }
        if unbiased >= -24 && unbiased < -14 {
            // A subnormal half: value = m · 2^−24 with m < 1024.
            let full = mantissa | 0x80_0000  // the implicit leading bit
            let shift = UInt32(-unbiased - 14 + 13)
            guard full & ((1 << shift) - 1) == 0 else { return nil }
            return sign | UInt16(full >> shift)
        }
        return nil
    }

    /// The value of half-precision bits (RFC 8949 Appendix D).
    static func double(fromHalf half: UInt16) -> Double {
        let exponent = Int((half >> 10) & 0x1F)
        let mantissa = Double(half & 0x3FF)
        let magnitude: Double
        switch exponent {
        case 0: magnitude = mantissa * 0x1p-24
        case 31: magnitude = mantissa == 0 ? .infinity : .nan
        default: magnitude = (mantissa + 1024) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
        }
        return half & 0x8000 != 0 ? -magnitude : magnitude
    }
}
