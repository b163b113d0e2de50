// The mask evaluation of ISO/IEC 18004:2015 §7.8.3: the lower the penalty, the easier the symbol
// is to scan. Rules (N1 = 3, N2 = 3, N3 = 40, N4 = 10):
//   1. each run of ≥ 5 same-coloured modules in a row or column: 3 + (run length − 5);
//   2. each 2×2 block of one colour (blocks may overlap): 3;
//   3. each 1:1:3:1:1 dark-light-dark-light-dark pattern in a row or column with 4 light modules
//      before or after it (each side counts): 40; the quiet zone beyond the edge counts as light;
//   4. 10 for every full 5 % by which the share of dark modules departs from 50 %.

extension QRMatrix {
    /// The penalty score of the current modules.
    /// Complexity: O(size²).
    func penalty() -> Int {
        modules.withUnsafeBufferPointer { grid in
            var score = 0
            for line in 0..<size {
                score += linePenalty(grid, start: line * size, stride: 1)  // row
                score += linePenalty(grid, start: line, stride: size)  // column
            }
            var dark = 0
            for y in 0..<size - 1 {
                let row = y * size
                for x in 0..<size - 1 {
                    let colour = grid[row + x]
                    dark += Int(colour)
                    if colour == grid[row + x + 1] && colour == grid[row + size + x]
                        && colour == grid[row + size + x + 1]
                    {
                        score += 3
                    }
                }
                dark += Int(grid[row + size - 1])
            }
            for x in 0..<size { dark += Int(grid[(size - 1) * size + x]) }
            let total = size * size
            score += abs(dark * 20 - total * 10) / total * 10
            return score
        }
    }

    /// Rules 1 and 3 along one row or column.
    private func linePenalty(_ grid: UnsafeBufferPointer<UInt8>, start: Int, stride: Int) -> Int {
        var score = 0
        var runColour: UInt8 = 2
        var runLength = 0
        // The last 11 modules, newest in bit 0; starting at 0 stands for the light quiet zone.
        var window: UInt32 = 0
        var index = start
        for _ in 0..<size {
            let colour = grid[index]
            index += stride
            if colour == runColour {
                runLength += 1
            } else {
                if runLength >= 5 { score += runLength - 2 }
                runColour = colour
                runLength = 1
            }
            window = (window << 1 | UInt32(colour)) & 0x7FF
            if window == 0b000_0101_1101 || window == 0b101_1101_0000 { score += 40 }
        }
        if runLength >= 5 { score += runLength - 2 }
        // Four light quiet-zone modules after the edge can complete "1011101 0000".
        for _ in 0..<4 {
            window = (window << 1) & 0x7FF
            if window == 0b101_1101_0000 { score += 40 }
        }
        return score
    }
}
