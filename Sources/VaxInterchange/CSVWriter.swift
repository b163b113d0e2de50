import VaxCore

/// Writes an RFC 4180 CSV file: a header, then rows of fields, quoted only where needed
/// (a comma, quote, CR or LF inside), quotes doubled, LF line ends. The file appears under
/// its final name only at `commit()`.
///
/// A file for people (review.csv, rejects.csv, provinces.csv, skipped.csv, ...) has every
/// cell that a spreadsheet would run as a formula neutralized (`neutralizedForSpreadsheet`);
/// a file for programs (decisions.csv) keeps its values exact.
///
/// One owner; not thread-safe. Rows are built in a reusable buffer, so writing a field
/// allocates nothing.
public final class CSVWriter {
    /// Who opens the file: people (in a spreadsheet) or programs.
    public enum Audience: Sendable {
        /// Cells a spreadsheet would run are neutralized (the default).
        case people
        /// Values written exactly: only for files whose every value is machine-checked and
        /// formula-free by construction (decisions.csv).
        case programs
    }

    /// Who the file is for.
    public let audience: Audience
    private let output: OutputFile
    private var row: [UInt8] = []
    private var fieldsInRow = 0
    /// The number of columns every row must have.
    public let columnCount: Int
    /// Data rows written so far (the header not counted).
    public private(set) var rowCount = 0

    /// Creates `path` (atomically, at commit) and writes the header.
    /// - Parameter audience: `.people` unless every value is formula-free by construction.
    public init(path: String, header: [String], audience: Audience = .people) throws {
        output = try OutputFile(path: path)
        self.audience = audience
        columnCount = header.count
        row.reserveCapacity(4096)
        for name in header { field(name) }
        try endRow(countsAsData: false)
    }

    /// Appends one field of UTF-8 bytes.
    public func field(bytes: UnsafeRawBufferPointer) {
        if fieldsInRow > 0 { row.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        if audience == .people && CSVWriter.wouldRunAsFormula(bytes) {
            // spec: interchange.md "Files for people": the cell is written as text.
            appendQuoted(prefix: 0x27, bytes)
            return
        }
        var needsQuotes = false
        for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            row.append(contentsOf: bytes)
            return
        }
        appendQuoted(prefix: nil, bytes)
    }

    // `"` prefix bytes `"`, inner quotes doubled.
    private func appendQuoted(prefix: UInt8?, _ bytes: UnsafeRawBufferPointer) {
        row.append(0x22)
        if let prefix { row.append(prefix) }
        for b in bytes {
            if b == 0x22 { row.append(0x22) }
            row.append(b)
        }
        row.append(0x22)
    }

    /// Whether a spreadsheet (Excel, LibreOffice, Google Sheets) would evaluate the cell rather
    /// than show it: it starts with `=`, `+`, `-`, `@`, TAB or CR and is not a plain decimal
    /// number (`-12.5` is shown as a number and runs nothing). Such a cell is written as
    /// `"'"` + the value, quoted: the apostrophe makes every spreadsheet take it as text, and a
    /// program reading the file back removes one leading apostrophe before one of those
    /// characters. spec: interchange.md "Files for people" (OWASP "CSV Injection").
    /// - Complexity: O(cell length).
    public static func wouldRunAsFormula(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(bytes.dropFirst())
        default: return false
        }
    }

    // `[0-9]+(.[0-9]+)?`
    private static func isPlainNumber(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        var digits = 0
        var sawPoint = false
        var digitsAfterPoint = 0
        for b in bytes {
            if b &- 0x30 < 10 {
                digits += 1
                if sawPoint { digitsAfterPoint += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint && digits > 0 {
                sawPoint = true
            } else {
                return false
            }
        }
        return digits > 0 && (!sawPoint || digitsAfterPoint > 0)
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

    /// Appends a whole row that the caller spelled: `fields` fields joined by commas, none
    /// of which needs quoting or neutralizing (no quote, CR, LF or comma inside a field). For
    /// a file for programs whose rows are written by the million (decisions.csv), where a
    /// call per field cost more than the bytes it copied. The caller vouches for the bytes
    /// (a second scan of every row would be the work this saves); debug builds check them.
    public func appendRow(spelled bytes: UnsafeRawBufferPointer, fields: Int) throws {
        precondition(audience == .programs && fieldsInRow == 0 && fields == columnCount, "a whole row of a file for programs")
        assert(!bytes.contains { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } && bytes.filter { $0 == 0x2C }.count == fields - 1,
               "a spelled row needs no quoting and has one comma between fields")
        row.append(contentsOf: bytes)
        fieldsInRow = fields
        try endRow()
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
