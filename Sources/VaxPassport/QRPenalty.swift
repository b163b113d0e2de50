// The mask evaluation of ISO/IEC 18004:2015 §7.8.3: the lower the penalty, the easier the symbol
// is to scan. Rules (N1 = 3, N2 = 3, N3 = 40, N4 = 10):
//   1. each run of ≥ 5 same-coloured modules in a row or column: 3 + (run length − 5);
//   2. each 2×2 block of one colour (blocks may overlap): 3;
//   3. each 1:1:3:1:1 dark-light-dark-light-dark pattern in a row or column with 4 light modules
//      before or after it (each side counts): 40; the quiet zone beyond the edge counts as light;
//   4. 10 for every full 5 % by which the share of dark modules departs from 50 %.
// Evaluated 64 modules at a time on bit grids (m[x+k] is the line shifted right by k), because a
// module-by-module scan branches on random data and costs more than everything else in encoding.
// Rule 1 via windows: a run of length L ≥ 5 holds L − 4 all-equal 5-windows and one window that
// starts it, so its L − 2 points = (count of equal 5-windows) + 2 × (count of run starts).

enum QRPenalty {
    /// The penalty of a symbol given as its rows and the same modules transposed (its columns).
    /// Complexity: O(size² / 64).
    static func score(rows: QRBitGrid, columns: QRBitGrid) -> Int {
        precondition(rows.size == columns.size, "rows and columns of different symbols")
        let size = rows.size
        let width = rows.wordsPerLine
        // Bits of the last word of a line that have a right-hand neighbour (positions < size − 1).
        let lastPairs = size - 1 - (width - 1) * 64
        let lastValid: UInt64 = lastPairs >= 64 ? ~0 : (1 << UInt64(lastPairs)) - 1
        var score = 0
        var dark = 0
        rows.words.withUnsafeBufferPointer { r in
            columns.words.withUnsafeBufferPointer { c in
                // Each line is copied between two zero words, so that its neighbours can be read
                // without bounds tests and read as light.
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: width + 2) { scratch in
                    scratch.initialize(repeating: 0)
                    let line = scratch.baseAddress! + 1  // safe: capacity width + 2
                    for index in 0..<size {
                        for i in 0..<width { line[i] = r[index * width + i] }  // safe: index < size
                        score += lineScore(line, width: width, lastValid: lastValid)
                        for i in 0..<width { line[i] = c[index * width + i] }
                        score += lineScore(line, width: width, lastValid: lastValid)
                    }
                }
                for y in 0..<size - 1 {
                    // safe: y + 1 < size
                    score += blockScore(
                        r.baseAddress! + y * width, r.baseAddress! + (y + 1) * width,
                        width: width, lastValid: lastValid)
                }
            }
            for word in r { dark += word.nonzeroBitCount }
        }
        let total = size * size
        return score + abs(dark * 20 - total * 10) / total * 10
    }

    /// Rules 1 and 3 along one line of `width` words, with zero words at line[−1] and line[width].
    @inline(__always)
    private static func lineScore(_ line: UnsafeMutablePointer<UInt64>, width: Int, lastValid: UInt64) -> Int {
        var score = 0
        // e: bit x set when modules x and x + 1 have the same colour (x < size − 1). eNext is
        // the same for the following word; eBefore the previous word's, for the run-start test.
        // safe (all reads below): indices −1 … width are inside the caller's scratch line
        func equalPairs(_ i: Int) -> UInt64 {
            ~(line[i] ^ (line[i] >> 1 | line[i + 1] << 63)) & (i == width - 1 ? lastValid : ~0)
        }
        var eBefore: UInt64 = 0
        var e = equalPairs(0)
        for i in 0..<width {
            let eNext = i + 1 < width ? equalPairs(i + 1) : 0
            func eAhead(_ k: UInt64) -> UInt64 { e >> k | eNext << (64 - k) }
            let windows = e & eAhead(1) & eAhead(2) & eAhead(3)  // modules x…x+4 all equal
            let starts = windows & ~(e << 1 | eBefore >> 63)  // and x − 1 differs (or is off the edge)
            score += windows.nonzeroBitCount + 2 * starts.nonzeroBitCount

            let previous = line[i - 1]
            let current = line[i]
            let next = line[i + 1]
            func ahead(_ k: UInt64) -> UInt64 { current >> k | next << (64 - k) }
            func behind(_ k: UInt64) -> UInt64 { current << k | previous >> (64 - k) }
            let core = current & ~ahead(1) & ahead(2) & ahead(3) & ahead(4) & ~ahead(5) & ahead(6)
            if core != 0 {
                let lightBefore = ~(behind(1) | behind(2) | behind(3) | behind(4))
                let lightAfter = ~(ahead(7) | ahead(8) | ahead(9) | ahead(10))
                score += 40 * ((core & lightBefore).nonzeroBitCount + (core & lightAfter).nonzeroBitCount)
            }
            eBefore = e
            e = eNext
        }
        return score
    }

    /// Rule 2 for the 2×2 blocks whose top row is `top` and bottom row `bottom`.
    @inline(__always)
    private static func blockScore(
        _ top: UnsafePointer<UInt64>, _ bottom: UnsafePointer<UInt64>,
        width: Int, lastValid: UInt64
    ) -> Int {
        var blocks = 0
        for i in 0..<width {
            // safe: i < width; the next word is read only when it belongs to the same line
            let t = top[i]
            let b = bottom[i]
            let tNext = i + 1 < width ? top[i + 1] : 0
            let bNext = i + 1 < width ? bottom[i + 1] : 0
            let tAhead = t >> 1 | tNext << 63
            let bAhead = b >> 1 | bNext << 63
            let same = ~(t ^ b) & ~(tAhead ^ bAhead) & ~(t ^ tAhead) & (i == width - 1 ? lastValid : ~0)
            blocks += same.nonzeroBitCount
        }
        return 3 * blocks
    }
}
