// A QR symbol as a PNG image (ISO/IEC 15948 / W3C PNG): 1-bit greyscale, 0 = black, 1 = white.
//   signature 89 50 4E 47 0D 0A 1A 0A
//   chunk     length (u32 BE) ‖ type (4 ASCII) ‖ data ‖ CRC-32 of type ‖ data (u32 BE)
//   IHDR      width, height (u32 BE), bit depth 1, colour type 0, compression 0, filter 0, interlace 0
//   IDAT      zlib stream of the scanlines: filter byte 0, then the row's pixels 8 to a byte, MSB first,
//             the last byte's unused low bits zero
//   IEND      empty
// Each module becomes scale × scale pixels, inside a light quiet zone of `border` modules.

extension QRCode {
    /// The symbol as a 1-bit greyscale PNG, each module `scale` pixels square, with a light
    /// quiet zone `border` modules wide on every side (4 is what ISO/IEC 18004 requires).
    /// - Complexity: O((size + 2 × border)² × scale²).
    public func pngImage(scale: Int = 4, border: Int = 4) -> [UInt8] {
        precondition(scale >= 1 && border >= 0, "a PNG needs scale ≥ 1 and border ≥ 0")
        let width = (size + 2 * border) * scale
        let rowBytes = 1 + (width + 7) / 8
        var scanlines = [UInt8]()
        scanlines.reserveCapacity(rowBytes * width)

        // A light row, used for the quiet zone above and below.
        var row = [UInt8](repeating: 0xFF, count: rowBytes)
        row[0] = 0  // filter type None
        clearPadding(&row, width: width)
        for _ in 0..<border * scale { scanlines.append(contentsOf: row) }
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                let first = (border + x) * scale
                for pixel in first..<first + scale {
                    row[1 + pixel >> 3] &= ~(0x80 >> UInt8(pixel & 7))
                }
            }
            for _ in 0..<scale { scanlines.append(contentsOf: row) }
            // Back to light for the next row.
            for i in 1..<rowBytes { row[i] = 0xFF }
            clearPadding(&row, width: width)
        }
        for i in 1..<rowBytes { row[i] = 0xFF }
        clearPadding(&row, width: width)
        for _ in 0..<border * scale { scanlines.append(contentsOf: row) }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(width), to: &header)
        header += [1, 0, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", Zlib.compress(scanlines, level: 6), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }
}

/// Zeroes the bits after the last pixel of a scanline's final byte.
private func clearPadding(_ row: inout [UInt8], width: Int) {
    let used = width & 7
    if used != 0 { row[row.count - 1] &= ~(0xFF >> UInt8(used)) }
}

private func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
}

private func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
    let typeBytes = Array(type.utf8)
    appendBigEndian(UInt32(data.count), to: &png)
    png += typeBytes
    png += data
    appendBigEndian(Zlib.crc32(data, previous: Zlib.crc32(typeBytes)), to: &png)
}
