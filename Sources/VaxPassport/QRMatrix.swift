// The module grid of a QR symbol (ISO/IEC 18004:2015 §6.3, §7.7–7.10). Coordinates: x is the
// column (0 = left), y the row (0 = top); modules are stored row-major, 1 = dark, 0 = light.
// Function patterns (never masked, never hold data):
//   finder patterns (7×7) with their light separators at three corners;
//   timing patterns along row 6 and column 6 (dark on even coordinates);
//   alignment patterns (5×5) centred on every pair of `alignmentCentres` except the three
//     that would overlap a finder;
//   format information (15 bits, two copies) around the finders, and the dark module at (8, size − 8);
//   version information (18 bits, two copies) beside the top-right and bottom-left finders, versions ≥ 7.
// Data: codeword bits, most significant first, in two-column strips from the right edge, zigzagging
// up then down, skipping column 6 and function modules; modules left over stay light.

/// A QR symbol under construction: its modules and which of them are function patterns.
struct QRMatrix {
    let version: Int
    let size: Int
    /// 1 = dark, row-major.
    var modules: [UInt8]
    /// True where a function pattern (or its reserved area) sits.
    private(set) var isFunction: [Bool]

    /// A symbol of `version` holding only its function patterns, with the format area reserved.
    init(version: Int) {
        self.version = version
        size = QRVersionTable.size(version: version)
        modules = [UInt8](repeating: 0, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        for i in 0..<size {
            setFunction(x: 6, y: i, dark: i % 2 == 0)
            setFunction(x: i, y: 6, dark: i % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        let centres = QRVersionTable.alignmentCentres(version: version)
        for (i, cy) in centres.enumerated() {
            for (j, cx) in centres.enumerated() {
                let last = centres.count - 1
                // These three would sit on the finder patterns.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centreX: cx, centreY: cy)
            }
        }
        drawFormatBits(0)  // reserves the area; the real bits are drawn once the mask is chosen
        if version >= 7 { drawVersionBits() }
    }

    /// Whether the module at (x, y) is dark.
    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] != 0 }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark ? 1 : 0
        isFunction[y * size + x] = true
    }

    /// A finder pattern (dark 7×7 ring, light ring, dark 3×3 core) and its light separator,
    /// clipped at the symbol's edge.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// An alignment pattern: dark 5×5 ring, light ring, dark centre.
    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Draws both copies of the 15-bit format information `bits` (bit 0 = least significant)
    /// and the dark module.
    mutating func drawFormatBits(_ bits: UInt32) {
        func bit(_ i: Int) -> Bool { bits >> UInt32(i) & 1 == 1 }
        // Copy 1, around the top-left finder: bits 0–7 down column 8 (skipping the timing row),
        // bits 8–14 leftwards along row 8 (skipping the timing column).
        for i in 0...5 { setFunction(x: 8, y: i, dark: bit(i)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for i in 9..<15 { setFunction(x: 14 - i, y: 8, dark: bit(i)) }
        // Copy 2: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the bottom.
        for i in 0..<8 { setFunction(x: size - 1 - i, y: 8, dark: bit(i)) }
        for i in 8..<15 { setFunction(x: 8, y: size - 15 + i, dark: bit(i)) }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Draws both 6×3 copies of the version information.
    private mutating func drawVersionBits() {
        let bits = QRFormatInformation.versionBits(version: version)
        for i in 0..<18 {
            let dark = bits >> UInt32(i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            setFunction(x: a, y: b, dark: dark)
            setFunction(x: b, y: a, dark: dark)
        }
    }

    /// Count of modules free for data (codewords × 8 plus the remainder bits).
    var dataModuleCount: Int { isFunction.lazy.filter { !$0 }.count }

    /// Places `codewords` in the zigzag order of §7.7.3; the modules left after the last
    /// codeword (the remainder bits) stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        precondition(totalBits <= dataModuleCount, "more codewords than data modules")
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // the vertical timing pattern takes a whole column
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1)
                where !isFunction[y * size + x] && bitIndex < totalBits {
                    modules[y * size + x] = codewords[bitIndex >> 3] >> UInt8(7 - bitIndex & 7) & 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// Inverts every data module where data mask `mask` (0...7, Table 10) is true; applying the
    /// same mask twice restores the grid. i is the row, j the column.
    mutating func applyMask(_ mask: Int) {
        precondition((0...7).contains(mask), "QR masks are 0...7")
        for i in 0..<size {
            for j in 0..<size where !isFunction[i * size + j] {
                let invert: Bool
                switch mask {
                case 0: invert = (i + j) % 2 == 0
                case 1: invert = i % 2 == 0
                case 2: invert = j % 3 == 0
                case 3: invert = (i + j) % 3 == 0
                case 4: invert = (i / 2 + j / 3) % 2 == 0
                case 5: invert = (i * j) % 2 + (i * j) % 3 == 0
                case 6: invert = ((i * j) % 2 + (i * j) % 3) % 2 == 0
                default: invert = ((i + j) % 2 + (i * j) % 3) % 2 == 0
                }
                if invert { modules[i * size + j] ^= 1 }
            }
        }
    }
}
