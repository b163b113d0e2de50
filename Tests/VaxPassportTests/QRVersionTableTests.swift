import Testing
import VaxCore

@testable import VaxPassport

@Suite struct QRVersionTableTests {
    @Test func codewordTableMatchesTheModulesLeftByFunctionPatterns() {
        // Table 1's remainder bits per version: what is left over after the last whole codeword.
        let remainderBits = [
            0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
            4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
        ]
        for version in 1...40 {
            let free = QRMatrix(version: version).dataModuleCount
            #expect(
                free == QRVersionTable.totalCodewords[version] * 8 + remainderBits[version - 1],
                "version \(version)")
        }
    }

    @Test func alignmentCentresMatchAnnexE() {
        let known: [(Int, [Int])] = [
            (1, []), (2, [6, 18]), (6, [6, 34]), (7, [6, 22, 38]), (14, [6, 26, 46, 66]),
            (22, [6, 26, 50, 74, 98]), (32, [6, 34, 60, 86, 112, 138]), (36, [6, 24, 50, 76, 102, 128, 154]),
            (39, [6, 26, 54, 82, 110, 138, 166]), (40, [6, 30, 58, 86, 114, 142, 170]),
        ]
        for (version, centres) in known {
            #expect(QRVersionTable.alignmentCentres(version: version) == centres, "version \(version)")
        }
    }

    @Test func dataCapacitiesMatchTable7() {
        // Data codewords of versions 1 and 40 at L, M, Q, H.
        let v1 = QRErrorCorrection.allCases.map { QRVersionTable.layout(version: 1, level: $0).dataCodewords }
        let v40 = QRErrorCorrection.allCases.map { QRVersionTable.layout(version: 40, level: $0).dataCodewords }
        #expect(v1 == [19, 16, 13, 9])
        #expect(v40 == [2956, 2334, 1666, 1276])
        // Every block split adds up.
        for version in 1...40 {
            for level in QRErrorCorrection.allCases {
                let layout = QRVersionTable.layout(version: version, level: level)
                let longBlocks = layout.blocks - layout.shortBlocks
                #expect(
                    layout.shortBlocks * layout.shortBlockData + longBlocks * (layout.shortBlockData + 1)
                        == layout.dataCodewords)
                #expect(layout.shortBlocks >= 1 && layout.shortBlocks <= layout.blocks)
            }
        }
    }

    @Test func smallestVersionForGivenLengths() {
        // (mode, characters, level, expected version or nil): the edges of Table 7's capacities.
        let cases: [(QRMode, Int, QRErrorCorrection, Int?)] = [
            (.alphanumeric, 25, .low, 1), (.alphanumeric, 26, .low, 2),
            (.alphanumeric, 20, .medium, 1), (.alphanumeric, 21, .medium, 2),
            (.alphanumeric, 16, .quartile, 1), (.alphanumeric, 17, .quartile, 2),
            (.alphanumeric, 10, .high, 1), (.alphanumeric, 11, .high, 2),
            (.byte, 17, .low, 1), (.byte, 14, .medium, 1), (.byte, 15, .medium, 2),
            (.alphanumeric, 189, .quartile, 9), (.alphanumeric, 190, .quartile, 10),  // count width 9 → 11
            (.alphanumeric, 800, .quartile, 22), (.alphanumeric, 800, .low, 16),
            (.alphanumeric, 4296, .low, 40), (.alphanumeric, 4297, .low, nil),
            (.alphanumeric, 3391, .medium, 40), (.alphanumeric, 3392, .medium, nil),
            (.alphanumeric, 2420, .quartile, 40), (.alphanumeric, 2421, .quartile, nil),
            (.alphanumeric, 1852, .high, 40), (.alphanumeric, 1853, .high, nil),
            (.byte, 2953, .low, 40), (.byte, 2954, .low, nil),
            (.byte, 2331, .medium, 40), (.byte, 1663, .quartile, 40), (.byte, 1273, .high, 40),
            (.byte, 1274, .high, nil),
        ]
        for (mode, count, level, expected) in cases {
            #expect(
                QRDataEncoding.smallestVersion(mode: mode, count: count, level: level) == expected,
                "\(mode) × \(count) at \(level)")
        }
    }

    @Test func tooLongTextThrowsBadInput() throws {
        let text = String(repeating: "A", count: 2421)
        #expect(throws: VaxError.self) { try QRCode.encode(text) }
        do {
            _ = try QRCode.encode(text)
        } catch let error as VaxError {
            #expect(error.kind == .badInput)
            #expect(error.message.contains("version 40"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(try QRCode.encode(text, level: .low).version == 30)  // 1735 data codewords ≥ 1666 > 1631 of 29-L
    }
}
