// The eight data masks of ISO/IEC 18004:2015 Table 10 (i = row, j = column); a data module is
// inverted where its mask condition holds:
//   0 (i + j) mod 2 = 0            4 (⌊i/2⌋ + ⌊j/3⌋) mod 2 = 0
//   1 i mod 2 = 0                  5 (i·j) mod 2 + (i·j) mod 3 = 0
//   2 j mod 3 = 0                  6 ((i·j) mod 2 + (i·j) mod 3) mod 2 = 0
//   3 (i + j) mod 3 = 0            7 ((i + j) mod 2 + (i·j) mod 3) mod 2 = 0
// Every condition depends only on i mod 12 and j mod 12, so each mask is tabulated once as 64-bit
// words: for a line (a row, or a column when transposed) with residue r = line mod 12 and a word
// starting at module p (phase p mod 12), bit b of the word is the condition at module p + b.

enum QRMask {
    /// Whether `mask` (0...7) inverts the module in row `i`, column `j`.
    static func inverts(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: return (i + j) % 2 == 0
        case 1: return i % 2 == 0
        case 2: return j % 3 == 0
        case 3: return (i + j) % 3 == 0
        case 4: return (i / 2 + j / 3) % 2 == 0
        case 5: return (i * j) % 2 + (i * j) % 3 == 0
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0
        default: preconditionFailure("QR masks are 0...7")
        }
    }

    /// [transposed][mask][residue][phase] flattened: 2 × 8 × 12 × 12 words; see `index`.
    static let words: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 2 * 8 * 12 * 12)
        for transposed in 0..<2 {
            for mask in 0..<8 {
                for residue in 0..<12 {
                    for phase in 0..<12 {
                        var word: UInt64 = 0
                        for b in 0..<64 {
                            let along = phase + b
                            let hit =
                                transposed == 0
                                ? inverts(mask, row: residue, column: along)
                                : inverts(mask, row: along, column: residue)
                            if hit { word |= 1 << UInt64(b) }
                        }
                        table[((transposed * 8 + mask) * 12 + residue) * 12 + phase] = word
                    }
                }
            }
        }
        return table
    }()

    /// The conditions of `mask` for the 64 modules of word `word` of line `line` (a row, or a
    /// column when `transposed`), bit b = module 64·word + b.
    static func word(mask: Int, line: Int, word: Int, transposed: Bool) -> UInt64 {
        words[index(mask: mask, line: line, word: word, transposed: transposed)]
    }

    /// Where `word(mask:line:word:transposed:)` is kept in `words`.
    @inline(__always)
    static func index(mask: Int, line: Int, word: Int, transposed: Bool) -> Int {
        (((transposed ? 8 : 0) + mask) * 12 + line % 12) * 12 + (word * 64) % 12
    }
}
