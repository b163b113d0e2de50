import VaxCore

/// A QR Code Model 2 symbol (ISO/IEC 18004:2015), encoded from text: the carrier of an HC1
/// vaccination certificate.
///
/// Text made only of QR's 45 alphanumeric characters (which is all Base45 text, and so every
/// "HC1:…" string) is encoded in alphanumeric mode; any other text as its UTF-8 bytes in byte mode.
/// The smallest version that fits is used, and of the eight masks the one with the lowest penalty.
public struct QRCode: Sendable {
    /// The version, 1...40; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// Modules per side.
    public let size: Int
    /// The error-correction level the symbol was built with.
    public let errorCorrection: QRErrorCorrection
    /// The segment mode the text was encoded in.
    public let mode: QRMode
    /// The data mask chosen, 0...7.
    public let mask: Int
    /// The modules, one bit each, row by row (set = dark).
    let rows: QRBitGrid

    /// Encodes `text` at error-correction `level` (default Q, as the DCC guidelines recommend).
    ///
    /// - Throws: `VaxError` (bad input) when the text does not fit version 40 at `level`.
    /// - Complexity: O(size²) for the masks plus O(data × error-correction codewords per block).
    public static func encode(_ text: String, level: QRErrorCorrection = .quartile) throws -> QRCode {
        try encode(Array(text.utf8), level: level, forcedMask: nil)
    }

    /// Encodes UTF-8 `bytes`; `forcedMask` skips the mask evaluation (tests compare fixed masks).
    static func encode(_ bytes: [UInt8], level: QRErrorCorrection, forcedMask: Int?) throws -> QRCode {
        let mode = QRDataEncoding.mode(for: bytes)
        guard let version = QRDataEncoding.smallestVersion(mode: mode, count: bytes.count, level: level) else {
            let capacity = QRVersionTable.layout(version: 40, level: level).dataCodewords
            throw VaxError(
                .badInput,
                "\(bytes.count) bytes of \(mode) data do not fit a QR code: version 40 at level "
                    + "\(level) holds \(capacity) data codewords")
        }
        let layout = QRVersionTable.layout(version: version, level: level)
        let data = QRDataEncoding.dataCodewords(bytes, mode: mode, version: version, level: level)
        let template = QRTemplate.forVersion(version)
        let (rows, mask) = template.finishedRows(
            codewords: QRDataEncoding.interleavedCodewords(data: data, layout: layout), level: level,
            forcedMask: forcedMask)
        return QRCode(version: version, size: template.size, errorCorrection: level, mode: mode, mask: mask, rows: rows)
    }

    /// Whether the module in column `x`, row `y` (both 0..<size, origin top left) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition(x >= 0 && x < size && y >= 0 && y < size, "module coordinates outside the symbol")
        return rows.bit(line: y, position: x)
    }
}
