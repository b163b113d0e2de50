// The data codewords of a QR symbol (ISO/IEC 18004:2015 §7.4): one segment of
//   mode indicator (4 bits) ‖ character count (width by mode and version) ‖ data bits
// followed by a terminator of up to 4 zero bits, zero bits to the byte boundary, then the pad
// codewords 0xEC 0x11 alternating up to the version's data capacity.
//   alphanumeric (0010): pairs of characters as 11 bits (45·a + b), a last odd one as 6 bits;
//                        count width 9 / 11 / 13 for versions 1–9 / 10–26 / 27–40.
//   byte (0100):         8 bits per byte; count width 8 / 16 / 16.
// Base45 text (HC1) uses exactly the 45-character alphanumeric set, so it always gets the denser
// alphanumeric mode; anything else is encoded as its UTF-8 bytes in byte mode.

/// The segment mode of a QR symbol's data.
public enum QRMode: Sendable {
    /// 0–9, A–Z, space and $%*+-./: at 5.5 bits per character.
    case alphanumeric
    /// Any bytes (here: UTF-8 text) at 8 bits per byte.
    case byte

    /// The four-bit mode indicator.
    var indicator: UInt32 {
        switch self {
        case .alphanumeric: return 0b0010
        case .byte: return 0b0100
        }
    }

    /// The width of the character count field in `version`.
    func countBits(version: Int) -> Int {
        let group = version <= 9 ? 0 : version <= 26 ? 1 : 2
        switch self {
        case .alphanumeric: return [9, 11, 13][group]
        case .byte: return [8, 16, 16][group]
        }
    }

    /// The data bits of `characters` characters (not counting indicator and count).
    func dataBits(characters: Int) -> Int {
        switch self {
        case .alphanumeric: return characters / 2 * 11 + characters % 2 * 6
        case .byte: return characters * 8
        }
    }
}

enum QRDataEncoding {
    /// The value 0...44 of each alphanumeric-mode byte, or 0xFF for bytes outside the set.
    static let alphanumericValue: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// The densest of the two modes that can hold `bytes`.
    static func mode(for bytes: [UInt8]) -> QRMode {
        bytes.allSatisfy { alphanumericValue[Int($0)] != 0xFF } ? .alphanumeric : .byte
    }

    /// The smallest version 1...40 whose data capacity at `level` holds `count` characters in
    /// `mode`, or nil when even version 40 is too small.
    static func smallestVersion(mode: QRMode, count: Int, level: QRErrorCorrection) -> Int? {
        for version in 1...40 where count < 1 << mode.countBits(version: version) {
            let needed = 4 + mode.countBits(version: version) + mode.dataBits(characters: count)
            let capacity = QRVersionTable.layout(version: version, level: level).dataCodewords * 8
            if needed <= capacity { return version }
        }
        return nil
    }

    /// The padded data codewords of `bytes` in `mode` for `version` at `level`; the caller has
    /// checked with `smallestVersion` that they fit.
    static func dataCodewords(_ bytes: [UInt8], mode: QRMode, version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacity = QRVersionTable.layout(version: version, level: level).dataCodewords
        var bits = QRBitBuffer(capacityBits: capacity * 8)
        bits.append(mode.indicator, width: 4)
        bits.append(UInt32(bytes.count), width: mode.countBits(version: version))
        switch mode {
        case .alphanumeric:
            var i = 0
            while i + 1 < bytes.count {
                let pair = UInt32(alphanumericValue[Int(bytes[i])]) * 45 + UInt32(alphanumericValue[Int(bytes[i + 1])])
                bits.append(pair, width: 11)
                i += 2
            }
            if i < bytes.count { bits.append(UInt32(alphanumericValue[Int(bytes[i])]), width: 6) }
        case .byte:
            for byte in bytes { bits.append(UInt32(byte), width: 8) }
        }
        precondition(bits.count <= capacity * 8, "data codewords overflow the chosen version")
        bits.append(0, width: min(4, capacity * 8 - bits.count))  // terminator
        bits.append(0, width: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// The final codeword sequence: data split into blocks, each block's Reed–Solomon codewords
    /// appended, then both interleaved column by column (§7.6): data codeword i of every block
    /// in turn (short blocks have no last one), then error-correction codeword i of every block.
    /// Complexity: O(data codewords × error-correction codewords per block).
    static func interleavedCodewords(data: [UInt8], layout: QRBlockLayout) -> [UInt8] {
        precondition(data.count == layout.dataCodewords, "data does not match the block layout")
        var blockData: [ArraySlice<UInt8>] = []
        var blockECC: [[UInt8]] = []
        blockData.reserveCapacity(layout.blocks)
        blockECC.reserveCapacity(layout.blocks)
        var start = 0
        for block in 0..<layout.blocks {
            let length = layout.shortBlockData + (block < layout.shortBlocks ? 0 : 1)
            let slice = data[start..<start + length]
            blockData.append(slice)
            blockECC.append(QRReedSolomon.remainder(of: slice, degree: layout.eccPerBlock))
            start += length
        }
        var out: [UInt8] = []
        out.reserveCapacity(layout.totalCodewords)
        for i in 0...layout.shortBlockData {
            for block in blockData where i < block.count {
                out.append(block[block.startIndex + i])
            }
        }
        for i in 0..<layout.eccPerBlock {
            for ecc in blockECC { out.append(ecc[i]) }
        }
        precondition(out.count == layout.totalCodewords, "interleaving lost codewords")
        return out
    }
}
