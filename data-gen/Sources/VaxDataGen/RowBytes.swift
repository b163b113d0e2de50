// Byte-level CSV formatting for the generator's chunk buffers (RFC 4180 as in
// docs/interchange.md): fields joined by commas, LF line ends, a field quoted only when it
// holds a comma, quote, CR or LF, with quotes doubled; no generated field holds one (IDs,
// dates and codes are ASCII digits, names come from the name table and letter slips), so
// fields are written as they are. Chunks are formatted in parallel into
// their own buffers and written in order.

import VaxCore

/// Appending CSV pieces to a byte buffer.
enum RowBytes {
    /// Appends `value` as exactly `width` decimal digits with leading zeros.
    @inline(__always)
    static func digits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        // Written from the last digit backwards: division by the constant 10 compiles to a
        // multiplication, where a running power-of-ten divisor would need real divisions.
        let start = out.count
        for _ in 0..<width { out.append(48) }
        var v = value
        out.withUnsafeMutableBufferPointer { buffer in
            var i = start + width - 1
            while i >= start {
                // safe: start ... start + width - 1 were appended just above
                buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
                i -= 1
            }
        }
    }

    /// Appends a non-negative integer without leading zeros.
    @inline(__always)
    static func number(_ value: Int, to out: inout [UInt8]) {
        var width = 1
        var limit = 10
        while value >= limit && width < 19 {
            width += 1
            limit &*= 10
        }
        digits(UInt64(value), width: width, to: &out)
    }

    /// Appends `YYYY-MM-DD`.
    @inline(__always)
    static func isoDate(_ date: CivilDate, to out: inout [UInt8]) {
        digits(UInt64(date.year), width: 4, to: &out)
        out.append(0x2D)
        digits(UInt64(date.month), width: 2, to: &out)
        out.append(0x2D)
        digits(UInt64(date.day), width: 2, to: &out)
    }

    /// Appends the ASCII text.
    @inline(__always)
    static func ascii(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a 9-digit subscriber number as a site might type it: style 0 "0912 345 678",
    /// 1 "0912.345.678", 2 "84912345678", 3 "+84 912 345 678".
    static func formattedPhone(_ subscriber: UInt64, style: Int, to out: inout [UInt8]) {
        var nine: [UInt8] = []
        digits(subscriber, width: 9, to: &nine)
        switch style {
        case 0, 1:
            let separator = style == 0 ? UInt8(ascii: " ") : UInt8(ascii: ".")
            out.append(UInt8(ascii: "0"))
            out += nine[0..<3] + [separator] + nine[3..<6] + [separator] + nine[6..<9]
        case 2:
            ascii("84", to: &out)
            out += nine
        default:
            ascii("+84 ", to: &out)
            out += nine[0..<3] + [UInt8(ascii: " ")] + nine[3..<6] + [UInt8(ascii: " ")] + nine[6..<9]
        }
    }
}
