// The codeword capacities of QR Code Model 2, versions 1...40 (ISO/IEC 18004:2015 Table 1 and
// Table 9), kept as data. Index 0 of every array is unused so that index == version.
//
// A version's codewords = data codewords + error-correction codewords. They are split into
// `blocks` blocks, each with `eccPerBlock` error-correction codewords; when the data does not
// divide evenly, the first blocks ("short") have one data codeword fewer than the rest ("long").
// Validity: totalCodewords[v] * 8 + remainderBits(v) == the count of modules left free by the
// function patterns of version v (checked by QRVersionTableTests against QRMatrix).

/// How the codewords of one version at one error-correction level are split into blocks.
struct QRBlockLayout: Equatable {
    /// All codewords of the symbol, data and error correction.
    let totalCodewords: Int
    /// Number of Reed–Solomon blocks.
    let blocks: Int
    /// Error-correction codewords in every block.
    let eccPerBlock: Int

    /// Data codewords of the whole symbol.
    var dataCodewords: Int { totalCodewords - blocks * eccPerBlock }
    /// Blocks with one data codeword fewer than the others; they come first.
    var shortBlocks: Int { blocks - totalCodewords % blocks }
    /// Data codewords in a short block.
    var shortBlockData: Int { totalCodewords / blocks - eccPerBlock }
}

enum QRVersionTable {
    /// Codewords per version (Table 1, column "number of data + error correction codewords").
    static let totalCodewords: [Int] = [
        0,
        26, 44, 70, 100, 134, 172, 196, 242, 292, 346,
        404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
        1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185,
        2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706,
    ]

    /// Error-correction codewords per block, by level L, M, Q, H then version (Table 9).
    static let eccPerBlock: [[Int]] = [
        [
            0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    /// Reed–Solomon blocks, by level L, M, Q, H then version (Table 9).
    static let blocks: [[Int]] = [
        [
            0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    /// The block split of `version` (1...40) at `level`.
    static func layout(version: Int, level: QRErrorCorrection) -> QRBlockLayout {
        precondition((1...40).contains(version), "QR versions are 1...40")
        return QRBlockLayout(
            totalCodewords: totalCodewords[version],
            blocks: blocks[level.tableIndex][version],
            eccPerBlock: eccPerBlock[level.tableIndex][version])
    }

    /// The side of a version's symbol in modules: 21 for version 1, 4 more per version.
    static func size(version: Int) -> Int { 17 + 4 * version }

    /// The centre coordinates of the alignment patterns of `version`, on both axes (Annex E):
    /// 6, then evenly spaced (an even step) up to size − 7; none for version 1.
    static func alignmentCentres(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let last = size(version: version) - 7
        // The step is the even distance that spreads count − 1 intervals from 6 to `last`, rounded
        // up; version 32 is the one exception Annex E lists (26 where the rule gives 28).
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var centres = [6]
        for i in stride(from: count - 2, through: 0, by: -1) { centres.append(last - i * step) }
        return centres
    }
}
