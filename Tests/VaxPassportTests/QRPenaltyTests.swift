import Testing
import VaxCore
import VaxTestSupport

@testable import VaxPassport

@Suite struct QRPenaltyTests {
    /// The rules of ISO/IEC 18004 §7.8.3 module by module, as plainly as possible: the reference
    /// that the word-at-a-time QRPenalty must agree with. `grid` is row-major, 1 = dark.
    static func referencePenalty(_ grid: [UInt8], size: Int) -> Int {
        func at(_ x: Int, _ y: Int) -> UInt8 { grid[y * size + x] }
        var score = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                let modules = (0..<size).map { horizontal ? at($0, line) : at(line, $0) }
                // Rule 1: runs of five or more.
                var start = 0
                while start < size {
                    var end = start
                    while end < size && modules[end] == modules[start] { end += 1 }
                    if end - start >= 5 { score += 3 + (end - start - 5) }
                    start = end
                }
                // Rule 3: 1011101 with four light modules on one side; beyond the edge is light.
                func module(_ i: Int) -> UInt8 { i >= 0 && i < size ? modules[i] : 0 }
                for x in -4..<size {
                    guard (0..<7).allSatisfy({ module(x + $0) == [1, 0, 1, 1, 1, 0, 1][$0] }) else { continue }
                    if (1...4).allSatisfy({ module(x - $0) == 0 }) { score += 40 }
                    if (7...10).allSatisfy({ module(x + $0) == 0 }) { score += 40 }
                }
            }
        }
        // Rule 2: uniform 2×2 blocks.
        for y in 0..<size - 1 {
            for x in 0..<size - 1
            where at(x, y) == at(x + 1, y) && at(x, y) == at(x, y + 1) && at(x, y) == at(x + 1, y + 1) {
                score += 3
            }
        }
        // Rule 4: k full 5 % steps away from half dark.
        let dark = grid.reduce(0) { $0 + Int($1) }
        let percent = Double(dark) * 100 / Double(size * size)
        return score + Int(abs(percent - 50) / 5) * 10
    }

    static func grids(_ grid: [UInt8], size: Int) -> (rows: QRBitGrid, columns: QRBitGrid) {
        var rows = QRBitGrid(size: size)
        var columns = QRBitGrid(size: size)
        for y in 0..<size {
            for x in 0..<size where grid[y * size + x] == 1 {
                rows.setBit(line: y, position: x, true)
                columns.setBit(line: x, position: y, true)
            }
        }
        return (rows, columns)
    }

    @Test func knownPatterns() {
        let size = 21
        // All light: 42 lines each one run of 21 (21 − 2 = 19), 20 × 20 uniform blocks, 50 % off (100).
        let light = [UInt8](repeating: 0, count: size * size)
        let expected = 42 * 19 + 400 * 3 + 100
        #expect(Self.referencePenalty(light, size: size) == expected)
        let (rows, columns) = Self.grids(light, size: size)
        #expect(QRPenalty.score(rows: rows, columns: columns) == expected)
        // A checkerboard: no runs, no blocks, 220 of 441 dark → under 5 % off → 0.
        let checkerboard = (0..<size * size).map { UInt8(($0 / size + $0 % size + 1) % 2) }
        let (cRows, cColumns) = Self.grids(checkerboard, size: size)
        #expect(QRPenalty.score(rows: cRows, columns: cColumns) == 0)
        // One finder-like row in light surroundings: 1011101 at x = 5 of row 10, light both sides.
        var finder = checkerboard
        for x in 0..<size { finder[10 * size + x] = 0 }
        for (k, m) in [1, 0, 1, 1, 1, 0, 1].enumerated() { finder[10 * size + 5 + k] = UInt8(m) }
        let (fRows, fColumns) = Self.grids(finder, size: size)
        #expect(QRPenalty.score(rows: fRows, columns: fColumns) == Self.referencePenalty(finder, size: size))
        #expect(Self.referencePenalty(finder, size: size) >= 80)
    }

    @Test(arguments: [21, 25, 45, 63, 64, 65, 97, 129, 177])
    func agreesWithTheReferenceOnRandomGrids(size: Int) {
        var random = makeTestRandom(seed: UInt64(size))
        for trial in 0..<4 {
            // Dense, sparse and even grids, so that runs, blocks and finder patterns all occur.
            let darkShare = [0.5, 0.2, 0.8, 0.35][trial]
            let grid = (0..<size * size).map { _ in UInt8(random.chance(darkShare) ? 1 : 0) }
            let (rows, columns) = Self.grids(grid, size: size)
            #expect(
                QRPenalty.score(rows: rows, columns: columns) == Self.referencePenalty(grid, size: size),
                "size \(size) trial \(trial)")
        }
    }

    @Test func encoderChoosesTheMaskWithTheLowestPenalty() throws {
        let text = Array("HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+I".utf8)
        let chosen = try QRCode.encode(text, level: .quartile, forcedMask: nil)
        var penalties: [Int] = []
        for mask in 0..<8 {
            let code = try QRCode.encode(text, level: .quartile, forcedMask: mask)
            var grid: [UInt8] = []
            for y in 0..<code.size { for x in 0..<code.size { grid.append(code.isDark(x: x, y: y) ? 1 : 0) } }
            penalties.append(Self.referencePenalty(grid, size: code.size))
        }
        #expect(penalties[chosen.mask] == penalties.min())
        #expect(penalties.firstIndex(of: penalties.min()!) == chosen.mask)
        #expect(Set(penalties).count > 1, "masks should differ in penalty")
    }

    @Test func maskTableMatchesTheConditions() {
        for mask in 0..<8 {
            for line in 0..<30 {
                for position in 0..<200 {
                    let row = QRMask.word(mask: mask, line: line, word: position / 64, transposed: false)
                    let column = QRMask.word(mask: mask, line: line, word: position / 64, transposed: true)
                    #expect(
                        (row >> UInt64(position % 64) & 1 == 1) == QRMask.inverts(mask, row: line, column: position))
                    #expect(
                        (column >> UInt64(position % 64) & 1 == 1) == QRMask.inverts(mask, row: position, column: line))
                }
            }
        }
    }
}
