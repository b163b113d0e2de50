import Testing
import VaxCore

@testable import VaxPassport

/// Reads the PNG back by hand: chunk layout and CRCs, the header fields, and every pixel against
/// the symbol's modules.
@Suite struct QRCodePNGTests {
    struct Chunk {
        var type: String
        var data: [UInt8]
    }

    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    /// The chunks of `png`, checking the signature and each CRC.
    static func chunks(_ png: [UInt8]) -> [Chunk] {
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [Chunk] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = bigEndian(png[offset..<offset + 4])
            let typeAndData = Array(png[offset + 4..<offset + 8 + length])
            let crc = bigEndian(png[offset + 8 + length..<offset + 12 + length])
            #expect(UInt32(crc) == Zlib.crc32(typeAndData))
            chunks.append(
                Chunk(
                    type: String(decoding: typeAndData[0..<4], as: UTF8.self),
                    data: Array(typeAndData[4...])))
            offset += 12 + length
        }
        #expect(offset == png.count)
        return chunks
    }

    @Test(arguments: [(1, 0), (4, 4), (3, 2), (5, 1), (33, 1)].indices)
    func pixelsMatchModules(caseIndex: Int) throws {
        let (scale, border) = [(1, 0), (4, 4), (3, 2), (5, 1), (33, 1)][caseIndex]
        let code = try QRCode.encode("HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH", level: .medium)
        let png = code.pngImage(scale: scale, border: border)
        let chunks = Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let header = chunks[0].data
        let width = (code.size + 2 * border) * scale
        #expect(Self.bigEndian(header[0..<4]) == width && Self.bigEndian(header[4..<8]) == width)
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0])  // 1-bit greyscale, no interlace
        #expect(chunks[2].data.isEmpty)

        let rowBytes = 1 + (width + 7) / 8
        let scanlines = try Zlib.decompress(chunks[1].data)
        #expect(scanlines.count == rowBytes * width)
        for py in 0..<width {
            let row = py * rowBytes
            #expect(scanlines[row] == 0, "filter type None")
            for px in 0..<width {
                let white = scanlines[row + 1 + px / 8] >> UInt8(7 - px % 8) & 1 == 1
                let mx = px / scale - border
                let my = py / scale - border
                let inside = mx >= 0 && mx < code.size && my >= 0 && my < code.size
                let dark = inside && code.isDark(x: mx, y: my)
                if white == dark {
                    Issue.record("pixel (\(px), \(py)) is \(white ? "white" : "black")")
                    return
                }
            }
            if width % 8 != 0 {
                #expect(scanlines[row + rowBytes - 1] & (0xFF >> UInt8(width % 8)) == 0, "padding bits zero")
            }
        }
    }
}
