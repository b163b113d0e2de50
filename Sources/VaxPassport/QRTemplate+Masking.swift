// Data placement and mask selection (ISO/IEC 18004:2015 §7.7.3, §7.8): the codeword bits go to
// the template's data positions, each of the eight masks is applied to the data modules, the
// format information for the level and that mask is drawn, and the result is scored by QRPenalty;
// the lowest score wins (the lower mask number on a tie). All of it works on bit grids, rows and
// columns side by side, a word (64 modules) at a time.

extension QRTemplate {
    /// The finished symbol's rows for `codewords` (all of them, interleaved): the data masked with
    /// the best mask (or `forcedMask`) and the format information of `level` drawn; and the mask used.
    /// Complexity: O(codeword bits) to place, then O(size² / 64) per mask evaluated.
    func finishedRows(codewords: [UInt8], level: QRErrorCorrection, forcedMask: Int?) -> (rows: QRBitGrid, mask: Int) {
        precondition(codewords.count * 8 <= dataPositions.count, "more codewords than data modules")
        let width = functionRows.wordsPerLine
        var baseRows = functionRows
        var baseColumns = functionColumns
        codewords.withUnsafeBufferPointer { codewords in
            dataPositions.withUnsafeBufferPointer { positions in
                baseRows.words.withUnsafeMutableBufferPointer { rows in
                    baseColumns.words.withUnsafeMutableBufferPointer { columns in
                        for (index, codeword) in codewords.enumerated() {
                            var bits = codeword
                            while bits != 0 {
                                // Only the dark bits need writing; data modules start light.
                                let b = bits.leadingZeroBitCount
                                bits &= ~(0x80 >> UInt8(b))
                                // safe: index × 8 + b < 8 × codewords.count ≤ positions.count,
                                // and a position's x, y < size
                                let position = Int(positions[index * 8 + b])
                                let x = position & 0xFF
                                let y = position >> 8
                                rows[y * width + x >> 6] |= 1 << UInt64(x & 63)
                                columns[x * width + y >> 6] |= 1 << UInt64(y & 63)
                            }
                        }
                    }
                }
            }
        }

        var rows = baseRows
        var columns = baseColumns
        var best = (rows: baseRows, mask: 0, penalty: Int.max)
        for mask in forcedMask.map({ $0...$0 }) ?? 0...7 {
            Self.apply(mask: mask, base: baseRows, data: dataRows, transposed: false, into: &rows)
            Self.apply(mask: mask, base: baseColumns, data: dataColumns, transposed: true, into: &columns)
            let format = QRFormatInformation.formatBits(level: level, mask: mask)
            for (k, position) in formatPositions.enumerated() where format >> UInt32(k % 15) & 1 == 1 {
                rows.setBit(line: position.y, position: position.x, true)
                columns.setBit(line: position.x, position: position.y, true)
            }
            if forcedMask != nil { return (rows, mask) }
            let penalty = QRPenalty.score(rows: rows, columns: columns)
            if penalty < best.penalty { best = (rows, mask, penalty) }
        }
        return (best.rows, best.mask)
    }

    /// grid = base XOR (mask AND data), word by word; `transposed` when the grids hold columns.
    private static func apply(mask: Int, base: QRBitGrid, data: QRBitGrid, transposed: Bool, into grid: inout QRBitGrid)
    {
        let width = base.wordsPerLine
        QRMask.words.withUnsafeBufferPointer { table in
            base.words.withUnsafeBufferPointer { base in
                data.words.withUnsafeBufferPointer { data in
                    grid.words.withUnsafeMutableBufferPointer { grid in
                        for line in 0..<grid.count / width {
                            for i in 0..<width {
                                // safe: the three grids have the same size, so the same word count;
                                // QRMask.index is inside its table for masks 0...7
                                let index = line * width + i
                                let maskWord = table[
                                    QRMask.index(mask: mask, line: line, word: i, transposed: transposed)]
                                grid[index] = base[index] ^ maskWord & data[index]
                            }
                        }
                    }
                }
            }
        }
    }
}
