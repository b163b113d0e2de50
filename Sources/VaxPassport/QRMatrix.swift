// The function patterns of a QR symbol (ISO/IEC 18004:2015 §6.3, §7.7–7.10). Coordinates: x is
// the column (0 = left), y the row (0 = top); modules are kept as QRBitGrid rows, set = dark.
// Function patterns (never masked, never hold data):
//   finder patterns (7×7) with their light separators at three corners;
//   timing patterns along row 6 and column 6 (dark on even coordinates);
//   alignment patterns (5×5) centred on every pair of `alignmentCentres` except the three
//     that would overlap a finder;
//   format information (15 bits, two copies) around the finders, and the dark module at (8, size − 8);
//   version information (18 bits, two copies) beside the top-right and bottom-left finders, versions ≥ 7.
// Data: codeword bits, most significant first, in two-column strips from the right edge, zigzagging
// up then down, skipping column 6 and function modules; modules left over stay light. The grid is
// built once per version into a QRTemplate, which places the data and chooses the mask.

/// The function patterns of one version, which modules they take, and the order of the rest.
struct QRMatrix {
    let version: Int
    let size: Int
    /// The modules by rows, set = dark.
    private(set) var modules: QRBitGrid
    /// Set where a function pattern (or its reserved area) sits, by rows.
    private(set) var function: QRBitGrid

    /// A symbol of `version` holding only its function patterns, with the format area reserved.
    init(version: Int) {
        self.version = version
        size = QRVersionTable.size(version: version)
        modules = QRBitGrid(size: size)
        function = QRBitGrid(size: size)
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
    func isDark(x: Int, y: Int) -> Bool { modules.bit(line: y, position: x) }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules.setBit(line: y, position: x, dark)
        function.setBit(line: y, position: x, true)
    }

    /// A finder pattern (dark 7×7 ring, light ring, dark 3×3 core) and its light separator,
    /// clipped at the symbol's edge.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
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

    /// Where the format information goes: element k < 15 is the module of bit k (bit 0 = least
    /// significant) in copy 1, element 15 + k the module of bit k in copy 2.
    static func formatPositions(size: Int) -> [(x: Int, y: Int)] {
        var positions: [(x: Int, y: Int)] = []
        positions.reserveCapacity(30)
        // Copy 1, around the top-left finder: bits 0–7 down column 8 (skipping the timing row),
        // bits 8–14 leftwards along row 8 (skipping the timing column).
        for i in 0...5 { positions.append((8, i)) }
        positions += [(8, 7), (8, 8), (7, 8)]
        for i in 9..<15 { positions.append((14 - i, 8)) }
        // Copy 2: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the bottom.
        for i in 0..<8 { positions.append((size - 1 - i, 8)) }
        for i in 8..<15 { positions.append((8, size - 15 + i)) }
        return positions
    }

    /// Draws both copies of the 15-bit format information `bits` and the dark module.
    mutating func drawFormatBits(_ bits: UInt32) {
        for (k, position) in Self.formatPositions(size: size).enumerated() {
            setFunction(x: position.x, y: position.y, dark: bits >> UInt32(k % 15) & 1 == 1)
        }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Draws both 6×3 copies of the version information.
    private mutating func drawVersionBits() {
        let bits = QRFormatInformation.versionBits(version: version)
        for i in 0..<18 {
            let dark = bits >> UInt32(i) & 1 == 1
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(x: a, y: b, dark: dark)
            setFunction(x: b, y: a, dark: dark)
        }
    }

    /// Count of modules free for data (codewords × 8 plus the remainder bits).
    var dataModuleCount: Int { size * size - function.words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The data modules in the placement order of §7.7.3, each as y << 8 | x: codeword bit k
    /// (most significant first) goes to element k; modules past the last codeword (the remainder
    /// bits) stay light.
    /// Complexity: O(size²).
    func dataPositions() -> [UInt16] {
        var positions: [UInt16] = []
        positions.reserveCapacity(dataModuleCount)
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // the vertical timing pattern takes a whole column
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !function.bit(line: y, position: x) {
                    positions.append(UInt16(y << 8 | x))
                }
            }
            right -= 2
        }
        return positions
    }
}
