import VaxCore
import VaxCrypto

/// A column that a table's contract names.
struct TableColumn {
    var name: String
    var isRequired: Bool
}

// The part every interchange table reader shares: the header (docs/interchange.md: columns
// found by name in any order, unknown ones ignored with one warning, a missing required one
// stops the run), the raw-bytes digest per record, and the checks that do not depend on the
// table: quoting, record length, field count, UTF-8.
final class TableReaderCore {
    let csv: CSVReader
    /// The file's name for messages (its path as given).
    let file: String
    /// The most columns a header may have (spec: interchange.md "Limits").
    static let maxColumns = 256
    /// The header's names in file order.
    let headerNames: [String]
    /// For each schema column, its position in the record, or -1 if the file lacks it.
    let positions: [Int]
    /// Warnings about the header, for the caller to print.
    let warnings: [String]
    private let hasher = SHA256Hasher()
    /// False for a pass that only looks at the rows (`ShotGroups.scan`): their raw digests
    /// are left as `SHA256Digest.zero`, which saves a SHA-256 a row.
    private let hashesRecords: Bool
    private let keyPosition: Int

    /// Opens `path` and reads its header against `schema`; `keyColumn` is the schema index of
    /// the column whose value names a row in rejects (shot_id, citizen_id).
    init(
        path: String, schema: [TableColumn], keyColumn: Int, bufferSize: Int, maxRecordBytes: Int,
        hashingContent: Bool = false, hashingRecords: Bool = true
    ) throws {
        hashesRecords = hashingRecords
        csv = try CSVReader(
            path: path, bufferSize: bufferSize, maxRecordBytes: maxRecordBytes, hashingContent: hashingContent)
        file = path
        // spec: interchange.md "Bad input": a missing or unreadable header stops the run.
        let header = try csv.readRecord { record -> Result<[String], VaxError> in
            if let malformation = record.malformation {
                return .failure(
                    VaxError(
                        .badInput, "the header is unreadable: \(malformation.message)",
                        file: path, line: 1))
            }
            // spec: interchange.md "Limits": a header of more columns is refused before any
            // per-column work.
            guard record.count <= TableReaderCore.maxColumns else {
                return .failure(
                    VaxError(
                        .badInput,
                        "the header has \(record.count) columns; at most \(TableReaderCore.maxColumns) are accepted",
                        file: path, line: 1))
            }
            var names: [String] = []
            for i in 0..<record.count {
                guard isValidUTF8(record[i]) else {
                    return .failure(
                        VaxError(
                            .badInput, "the header's column \(i + 1) is not valid UTF-8",
                            file: path, line: 1))
                }
                names.append(record.string(i))
            }
            return .success(names)
        }
        guard let header else {
            throw VaxError(.badInput, "the file is empty: it has no header line", file: path, line: 1)
        }
        let names = try header.get()
        if names.allSatisfy(\.isEmpty) {
            throw VaxError(.badInput, "the header line is empty", file: path, line: 1)
        }
        // A header field holding a CR means the lines end in CR alone (old Mac files): the
        // whole file reads as one line, and its "columns" would be data, so say so rather
        // than name them.
        if names.contains(where: { $0.utf8.contains(0x0D) }) {
            throw VaxError(
                .badInput, "the lines end in CR alone; convert the file to LF or CRLF line ends", file: path, line: 1)
        }
        var positions = [Int](repeating: -1, count: schema.count)
        var unknown: [String] = []
        var seen = Set<String>(minimumCapacity: names.count)
        for (index, name) in names.enumerated() {
            guard seen.insert(name).inserted else {
                throw VaxError(.badInput, "the header names column '\(name)' twice", file: path, line: 1, field: name)
            }
            if let k = schema.firstIndex(where: { $0.name == name }) {
                positions[k] = index
            } else {
                unknown.append(name)
            }
        }
        for (k, column) in schema.enumerated() where column.isRequired && positions[k] < 0 {
            throw VaxError(
                .badInput, "the header lacks the required column '\(column.name)'",
                file: path, line: 1, field: column.name)
        }
        headerNames = names
        self.positions = positions
        keyPosition = positions[keyColumn]
        warnings =
            unknown.isEmpty
            ? []
            : [
                "\(path): ignoring unknown column\(unknown.count == 1 ? "" : "s") "
                    + unknown.map { "'\($0)'" }.joined(separator: ", ")
            ]
    }

    /// Reads the next record. A record that fails a table-independent check becomes a
    /// `RowIssue` passed to `issue`; a sound one goes to `row` with its raw digest.
    /// - Returns: false at the end of the file.
    func readRecord(_ row: (CSVRecord, SHA256Digest) throws -> Void, issue: (RowIssue) -> Void) throws -> Bool {
        try csv.readRecord { record in
            let digest = record.malformation?.rawSHA256 ?? (hashesRecords ? hasher.hash(record.raw) : .zero)
            if let malformation = record.malformation {
                issue(
                    RowIssue(
                        line: record.line, key: "", code: malformation.code,
                        message: malformation.message, column: nil, rawSHA256: digest))
                return
            }
            guard record.count == headerNames.count else {
                issue(
                    RowIssue(
                        line: record.line, key: key(record), code: "field_count",
                        message: "the record has \(record.count) fields, the header has \(headerNames.count)",
                        column: nil, rawSHA256: digest))
                return
            }
            // The raw bytes differ from the fields only by ASCII quotes, commas and line ends,
            // so one check of the raw record clears all fields; a failure is then located.
            if !isValidUTF8(record.raw) {
                for i in 0..<record.count where !isValidUTF8(record[i]) {
                    issue(
                        RowIssue(
                            line: record.line, key: key(record), code: "invalid_utf8",
                            message: "column \(headerNames[i]) is not valid UTF-8", column: headerNames[i],
                            rawSHA256: digest))
                    return
                }
            }
            if let problem = controlProblem(record, digest) { return issue(problem) }
            try row(record, digest)
        } != nil
    }

    // spec: interchange.md "Limits": no field holds a C0 control or DEL. A line break inside a
    // field (legal in RFC 4180 when quoted, but in no column of these files) most often
    // means a stray quote that joined lines into one record: reported with the lines it
    // spans, never taken as one long name.
    private func controlProblem(_ record: CSVRecord, _ digest: SHA256Digest) -> RowIssue? {
        for i in 0..<record.count {
            guard let byte = firstControlByte(record[i]) else { continue }
            let column = headerNames[i]
            if byte == 0x0A || byte == 0x0D {
                var lastLine = record.line
                for b in record.raw.dropLast() where b == 0x0A { lastLine += 1 }
                return RowIssue(
                    line: record.line, key: key(record), code: "line_break_in_field",
                    message:
                        "column \(column) holds a line break, so the record spans lines \(record.line)-\(lastLine): "
                        + "a quote left open joins lines; no column may span lines", column: column,
                    rawSHA256: digest)
            }
            let hex = String(byte, radix: 16, uppercase: true)
            return RowIssue(
                line: record.line, key: key(record), code: "control_character",
                message: "column \(column) holds the control character U+\(hex.count == 1 ? "000" : "00")\(hex)",
                column: column, rawSHA256: digest)
        }
        return nil
    }

    /// The key column's value if it reads as an identifier, else empty.
    func key(_ record: CSVRecord) -> String {
        guard keyPosition >= 0 && keyPosition < record.count, isValidShotID(record[keyPosition]) else { return "" }
        return record.string(keyPosition)
    }

    /// The field of schema column `k`, or an empty buffer if the file lacks the column.
    @inline(__always)
    func field(_ record: CSVRecord, _ k: Int) -> UnsafeRawBufferPointer {
        let position = positions[k]
        return position < 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : record[position]
    }

    /// A RowIssue for schema column `column` of `record`.
    func issue(_ record: CSVRecord, _ digest: SHA256Digest, code: String, column: String, _ message: String)
        -> RowIssue
    {
        RowIssue(
            line: record.line, key: key(record), code: code, message: message, column: column,
            rawSHA256: digest)
    }
}
