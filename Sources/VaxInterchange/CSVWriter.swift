import VaxCore

/// Writes an RFC 4180 CSV file: a header, then rows of fields, quoted only where needed
/// (a comma, quote, CR or LF inside), quotes doubled, LF line ends. The file appears under
/// its final name only at `commit()`.
///
/// One owner; not thread-safe. Rows are built in a reusable buffer, so writing a field
/// allocates nothing.
public final class CSVWriter {
    private let output: OutputFile
    private var row: [UInt8] = []
    private var fieldsInRow = 0
    /// The number of columns every row must have.
    public let columnCount: Int
    /// Data rows written so far (the header not counted).
    public private(set) var rowCount = 0

    /// Creates `path` (atomically, at commit) and writes the header.
    public init(path: String, header: [String]) throws {
        output = try OutputFile(path: path)
        columnCount = header.count
        row.reserveCapacity(4096)
        for name in header { field(name) }
        try endRow(countsAsData: false)
    }

    /// Appends one field of UTF-8 bytes.
    public func field(bytes: UnsafeRawBufferPointer) {
        if fieldsInRow > 0 { row.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        var needsQuotes = false
        for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            row.append(contentsOf: bytes)
            return
        }
        row.append(0x22)
        for b in bytes {
            if b == 0x22 { row.append(0x22) }
            row.append(b)
        }
        row.append(0x22)
    }

    /// Appends one text field.
    public func field(_ text: String) {
        var text = text
        text.withUTF8 { field(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte-array field.
    public func field(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { field(bytes: $0) }
    }

    /// Appends a non-negative or negative integer without allocating.
    public func field(_ value: Int) {
        if fieldsInRow > 0 { row.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        appendDecimal(value, to: &row)
    }

    /// Ends the current row. Every row must have `columnCount` fields.
    public func endRow() throws { try endRow(countsAsData: true) }

    private func endRow(countsAsData: Bool) throws {
        precondition(fieldsInRow == columnCount, "CSV row has \(fieldsInRow) fields, header has \(columnCount)")
        row.append(0x0A)
        if row.count >= 1 << 16 { try flushRow() }
        fieldsInRow = 0
        if countsAsData { rowCount += 1 }
    }

    private func flushRow() throws {
        try row.withUnsafeBytes { try output.write($0) }
        row.removeAll(keepingCapacity: true)
    }

    /// Writes a whole row of text fields.
    public func writeRow(_ fields: [String]) throws {
        for f in fields { field(f) }
        try endRow()
    }

    /// Flushes, fsyncs and renames the file into place.
    public func commit() throws {
        precondition(fieldsInRow == 0, "commit in the middle of a row")
        try flushRow()
        try output.commit()
    }
}

/// Appends the decimal digits of `value` to `buffer`.
@inlinable
public func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    var v = value.magnitude
    if v < 10 { buffer.append(UInt8(48 + v)); return }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
    let count = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
        var n = 0
        while v > 0 { scratch[23 - n] = UInt8(48 + v % 10); v /= 10; n += 1 }
        buffer.append(contentsOf: scratch[(24 - n)...])
        return n
    }
    _ = count
}
