// Numbers spelled into byte buffers without allocating: the output files write one or
// more on every row (decisions.csv, the CSV writers' integer fields).

/// Appends the decimal digits of `value` to `buffer`.
@inlinable
public func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    var v = value.magnitude
    if v < 10 {
        buffer.append(UInt8(48 + v))
        return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
    let count = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
        var n = 0
        while v > 0 {
            scratch[23 - n] = UInt8(48 + v % 10)
            v /= 10
            n += 1
        }
        buffer.append(contentsOf: scratch[(24 - n)...])
        return n
    }
    _ = count
}

/// Appends `value` (finite) with `digits` decimals to `buffer`, as `formatFixed` spells it,
/// without allocating: decisions.csv writes a score on every row.
package func appendFixed(_ value: Double, _ digits: Int, to buffer: inout [UInt8]) {
    precondition(value.isFinite && (0...18).contains(digits), "a finite value, at most 18 decimals")
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    if value < 0 && scaled > 0 { buffer.append(UInt8(ascii: "-")) }
    appendDecimal(whole, to: &buffer)
    guard digits > 0 else { return }
    buffer.append(UInt8(ascii: "."))
    // The fraction's digits, leading zeros included, from the last one back.
    let end = buffer.count + digits
    buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
    var rest = fraction.magnitude, at = end - 1
    while rest > 0 && at > end - 1 - digits {
        buffer[at] = UInt8(48 + rest % 10)
        rest /= 10
        at -= 1
    }
}
