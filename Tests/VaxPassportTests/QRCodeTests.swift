import Testing
import VaxCore

@testable import VaxPassport

@Suite struct QRCodeTests {
    @Test func hc1TextIsAlphanumericAndOtherTextIsBytes() throws {
        #expect(
            try QRCode.encode("HC1:6BFOXN*TS0BI$ZD-PHQ7I9AD66V5B22CH9M9ESI9XBHXK-%69LQOGI.*V76GCV4*XUA2P-FHT-HN").mode
                == .alphanumeric)
        #expect(try QRCode.encode("hello").mode == .byte)
        #expect(try QRCode.encode("Bảo Duy").mode == .byte)
        #expect(try QRCode.encode("").version == 1)
    }

    @Test func defaultsToQuartileAndTheSmallestVersion() throws {
        let code = try QRCode.encode("HELLO WORLD")
        #expect(code.errorCorrection == .quartile)
        #expect(code.version == 1 && code.size == 21)
        #expect(try QRCode.encode(String(repeating: "A", count: 17)).version == 2)
    }

    @Test(arguments: [1, 2, 7, 22, 40])
    func functionPatternsAreInPlace(version: Int) throws {
        let capacity = QRVersionTable.layout(version: version, level: .low).dataCodewords
        let code = try QRCode.encode(String(repeating: "7", count: (capacity * 8 - 17) / 11 * 2), level: .low)
        #expect(code.version == version)
        let n = code.size
        // Finder patterns: the dark outer ring, the light ring, the dark core; light separators.
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: ox + dx, y: oy + dy) == (ring != 2))
                }
            }
        }
        for i in 0..<8 {
            #expect(!code.isDark(x: 7, y: i) && !code.isDark(x: i, y: 7))  // top left
            #expect(!code.isDark(x: n - 8, y: i) && !code.isDark(x: n - 1 - i, y: 7))  // top right
            #expect(!code.isDark(x: 7, y: n - 1 - i) && !code.isDark(x: i, y: n - 8))  // bottom left
        }
        // Timing patterns between the finders, and the dark module.
        for i in 8..<n - 8 {
            #expect(code.isDark(x: i, y: 6) == (i % 2 == 0) && code.isDark(x: 6, y: i) == (i % 2 == 0))
        }
        #expect(code.isDark(x: 8, y: n - 8))
    }

    @Test func formatInformationIsReadableFromBothCopies() throws {
        for level in QRErrorCorrection.allCases {
            let code = try QRCode.encode("VACCINATED 2021", level: level)
            let n = code.size
            var first: UInt32 = 0
            var second: UInt32 = 0
            // Copy 1, bit 14 first: row 8 from x = 0 (skipping the timing column), then column 8 upwards.
            let firstCells = [
                (0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0),
            ]
            for (x, y) in firstCells { first = first << 1 | (code.isDark(x: x, y: y) ? 1 : 0) }
            // Copy 2, bit 14 first: column 8 from the bottom up, then row 8 leftwards to the edge.
            let secondCells = (0..<7).map { (8, n - 1 - $0) } + (0..<8).map { (n - 8 + $0, 8) }
            for (x, y) in secondCells { second = second << 1 | (code.isDark(x: x, y: y) ? 1 : 0) }
            let expected = QRFormatInformation.formatBits(level: level, mask: code.mask)
            #expect(first == expected && second == expected, "level \(level)")
        }
    }
}
