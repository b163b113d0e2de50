import Testing

@testable import VaxPassport

@Suite struct QRFormatInformationTests {
    /// ISO/IEC 18004 Annex C, Table C.1: the 32 masked format information words, by level L, M,
    /// Q, H and mask 0...7.
    static let formatWords: [[UInt32]] = [
        [
            0b1110111_11000100, 0b1110010_11110011, 0b1111101_10101010, 0b1111000_10011101,
            0b1100110_00101111, 0b1100011_00011000, 0b1101100_01000001, 0b1101001_01110110,
        ],
        [
            0b1010100_00010010, 0b1010001_00100101, 0b1011110_01111100, 0b1011011_01001011,
            0b1000101_11111001, 0b1000000_11001110, 0b1001111_10010111, 0b1001010_10100000,
        ],
        [
            0b0110101_01011111, 0b0110000_01101000, 0b0111111_00110001, 0b0111010_00000110,
            0b0100100_10110100, 0b0100001_10000011, 0b0101110_11011010, 0b0101011_11101101,
        ],
        [
            0b0010110_10001001, 0b0010011_10111110, 0b0011100_11100111, 0b0011001_11010000,
            0b0000111_01100010, 0b0000010_01010101, 0b0001101_00001100, 0b0001000_00111011,
        ],
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
