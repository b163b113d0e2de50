// A square grid of modules packed as bits: line l (a row, or a column for a transposed grid)
// takes `wordsPerLine` words; module m of the line is bit m % 64 of word m / 64 (least significant
// bit = first module). Bits past the end of a line are always zero, which the penalty rules read as
// the light quiet zone.

/// A size × size grid of modules as bits, one line after another.
struct QRBitGrid: Sendable, Equatable {
    let size: Int
    let wordsPerLine: Int
    var words: [UInt64]

    /// An all-light grid.
    init(size: Int) {
        self.size = size
        wordsPerLine = (size + 63) / 64
        words = [UInt64](repeating: 0, count: size * wordsPerLine)
    }

    /// Whether module `position` of line `line` is set.
    func bit(line: Int, position: Int) -> Bool {
        words[line * wordsPerLine + position >> 6] >> UInt64(position & 63) & 1 == 1
    }

    /// Sets or clears module `position` of line `line`.
    mutating func setBit(line: Int, position: Int, _ value: Bool) {
        let index = line * wordsPerLine + position >> 6
        let bit: UInt64 = 1 << UInt64(position & 63)
        if value { words[index] |= bit } else { words[index] &= ~bit }
    }

    /// The same modules with lines and positions swapped: the columns of a grid of rows.
    /// Complexity: O(size² / 64 + set bits).
    func transposed() -> QRBitGrid {
        var result = QRBitGrid(size: size)
        let width = wordsPerLine
        words.withUnsafeBufferPointer { source in
            result.words.withUnsafeMutableBufferPointer { target in
                for line in 0..<size {
                    for i in 0..<width {
                        var word = source[line * width + i]  // safe: line < size, i < width
                        while word != 0 {
                            let position = i * 64 + word.trailingZeroBitCount
                            // safe: a set bit lies inside the line, so position < size
                            target[position * width + line >> 6] |= 1 << UInt64(line & 63)
                            word &= word - 1
                        }
                    }
                }
            }
        }
        return result
    }

    /// The complement inside the grid: set where this grid is clear (bits past a line's end stay zero).
    func inverted() -> QRBitGrid {
        var result = self
        let lastWordBits = size - (wordsPerLine - 1) * 64
        let lastWordMask: UInt64 = lastWordBits == 64 ? ~0 : (1 << UInt64(lastWordBits)) - 1
        for index in result.words.indices {
            result.words[index] = ~result.words[index] & (index % wordsPerLine == wordsPerLine - 1 ? lastWordMask : ~0)
        }
        return result
    }
}
