// Word-at-a-time searches for the bytes that end a CSV field. Each loads 8 bytes and
// marks the bytes equal to a delimiter with an exact zero-byte test, so an unquoted
// stretch costs a few ALU operations per 8 bytes instead of a branch per byte.

private let lowSevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
private let commaWord: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
private let quoteWord: UInt64 = 0x2222_2222_2222_2222
private let newlineWord: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

/// The high bit of each byte of `x` that is zero, and no other bit. Exact: the addition
/// cannot carry between bytes because `(x & 0x7F) + 0x7F <= 0xFE`.
@inline(__always)
private func zeroByteMask(_ x: UInt64) -> UInt64 {
    ~(((x & lowSevenBits) &+ lowSevenBits) | x | lowSevenBits)
}

/// The high bit of each of the 8 bytes at `offset` that is a `,`, `"` or LF.
@inline(__always)
func delimiterMask(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    // safe: callers pass offset + 8 <= the valid byte count
    let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    return zeroByteMask(w ^ commaWord) | zeroByteMask(w ^ quoteWord) | zeroByteMask(w ^ newlineWord)
}

/// The index of the first `,`, `"` or LF in `from..<limit`, or `limit`.
@inline(__always)
func findFieldEnd(_ p: UnsafeRawPointer, _ from: Int, _ limit: Int) -> Int {
    var i = from
    while i &+ 8 <= limit {
        // safe: i + 8 <= limit <= the buffer's valid byte count
        let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let m = zeroByteMask(w ^ commaWord) | zeroByteMask(w ^ quoteWord) | zeroByteMask(w ^ newlineWord)
        if m != 0 { return i &+ m.trailingZeroBitCount >> 3 }
        i &+= 8
    }
    while i < limit {
        // safe: i < limit
        let b = p.load(fromByteOffset: i, as: UInt8.self)
        if b == 0x2C || b == 0x22 || b == 0x0A { return i }
        i &+= 1
    }
    return limit
}

/// The index of the first `"` or LF in `from..<limit`, or `limit`.
@inline(__always)
func findQuoteOrNewline(_ p: UnsafeRawPointer, _ from: Int, _ limit: Int) -> Int {
    var i = from
    while i &+ 8 <= limit {
        // safe: i + 8 <= limit
        let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let m = zeroByteMask(w ^ quoteWord) | zeroByteMask(w ^ newlineWord)
        if m != 0 { return i &+ m.trailingZeroBitCount >> 3 }
        i &+= 8
    }
    while i < limit {
        // safe: i < limit
        let b = p.load(fromByteOffset: i, as: UInt8.self)
        if b == 0x22 || b == 0x0A { return i }
        i &+= 1
    }
    return limit
}

/// The index of the first LF in `from..<limit`, or `limit`.
@inline(__always)
func findNewline(_ p: UnsafeRawPointer, _ from: Int, _ limit: Int) -> Int {
    var i = from
    while i &+ 8 <= limit {
        // safe: i + 8 <= limit
        let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let m = zeroByteMask(w ^ newlineWord)
        if m != 0 { return i &+ m.trailingZeroBitCount >> 3 }
        i &+= 8
    }
    while i < limit {
        // safe: i < limit
        if p.load(fromByteOffset: i, as: UInt8.self) == 0x0A { return i }
        i &+= 1
    }
    return limit
}

/// The number of LF bytes in `bytes`.
func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let p = bytes.baseAddress else { return 0 }
    var n = 0
    var i = 0
    while true {
        i = findNewline(p, i, bytes.count)
        if i == bytes.count { return n }
        n += 1
        i += 1
    }
}
