import Testing

@testable import VaxPassport

@Suite struct QRFormatInformationTests {
    /// ISO/IEC 18004 Annex C, Table C.1: the 32 masked format information words, by level L, M,
    /// Q, H and mask 0...7.
    static let formatWords: [[UInt32]] = [
        [0b111011111000100, 0b111001011110011, 0b111110110101010, 0b111100010011101,
         0b110011000101111, 0b110001100011000, 0b110110001000001, 0b110100101110110],
        [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
         0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000],
        [0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
         0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101],
        [0b001011010001001, 0b001001110111110, 0b001110011100111, 0b001100111010000,
         0b000011101100010, 0b000001001010101, 0b000110100001100, 0b000100000111011],
    ]

    @Test func formatInformationMatchesAnnexC() {
        for level in QRErrorCorrection.allCases {
            for mask in 0..<8 {
                #expect(
                    QRFormatInformation.formatBits(level: level, mask: mask)
                        == Self.formatWords[level.tableIndex][mask], "level \(level) mask \(mask)")
            }
        }
    }

    @Test func versionInformationMatchesAnnexD() {
        // ISO/IEC 18004 Annex D, Table D.1 (a sample of rows).
        let known: [(Int, UInt32)] = [
            (7, 0x07C94), (8, 0x085BC), (9, 0x09A99), (10, 0x0A4D3), (20, 0x149A6), (21, 0x15683),
            (32, 0x209D5), (39, 0x27541), (40, 0x28C69),
        ]
        for (version, word) in known {
            #expect(QRFormatInformation.versionBits(version: version) == word, "version \(version)")
        }
    }

    @Test func codeWordsKeepTheirMinimumDistance() {
        // BCH(15,5) corrects 3 errors (distance 7); BCH(18,6) corrects 3 too (distance 8).
        let format = QRErrorCorrection.allCases.flatMap { level in
            (0..<8).map { QRFormatInformation.formatBits(level: level, mask: $0) }
        }
        let version = (7...40).map { QRFormatInformation.versionBits(version: $0) }
        for (words, distance) in [(format, 7), (version, 8)] {
            for i in words.indices {
                for j in words.indices where j > i {
                    #expect((words[i] ^ words[j]).nonzeroBitCount >= distance)
                }
            }
        }
    }
}
