public import VaxCore

/// One row of truth.csv: the answer key of generated data.
public struct TruthRow: Sendable, Equatable {
    /// The physical line where the row starts.
    public var line: Int
    public var shotID: String
    /// The citizen the dose really belongs to, or nil if that person is not in the extract.
    public var citizenID: CitizenID?
    /// The corruption tags applied to the row (empty: none).
    public var errors: [String]
}

// Reads truth.csv (docs/interchange.md "truth.csv"). Only evaluation reads it, a few
// million rows once, so rows are plain values. Rejects: the shared checks, bad_shot_id,
// bad_citizen_id (neither empty nor 12 digits).

/// Streams truth.csv in batches of rows.
///
/// One owner; not thread-safe.
public final class TruthReader {
    private static let schema: [TableColumn] = [
        TableColumn(name: "shot_id", isRequired: true),
        TableColumn(name: "citizen_id", isRequired: true),
        TableColumn(name: "errors", isRequired: true),
    ]
    private let core: TableReaderCore

    /// Opens `path` and reads its header.
    /// - Throws: `VaxError(.badInput)` for an empty or unreadable header or a missing column.
    public init(path: String, bufferSize: Int = 8 << 20, maxRecordBytes: Int = 1 << 20) throws {
        core = try TableReaderCore(
            path: path, schema: TruthReader.schema, keyColumn: 0,
            bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
    }

    /// Warnings about the header (unknown columns).
    public var warnings: [String] { core.warnings }

    /// Reads up to `maxRows` accepted rows.
    /// - Returns: the rows and the rejected rows met on the way; nil at the end of the file.
    public func readBatch(maxRows: Int) throws -> (rows: [TruthRow], issues: [RowIssue])? {
        precondition(maxRows > 0, "a batch holds at least one row")
        var rows: [TruthRow] = []
        var issues: [RowIssue] = []
        while rows.count < maxRows {
            let more = try core.readRecord(
                { record, digest in
                    let shotID = core.field(record, 0)
                    guard isValidShotID(shotID) else {
                        issues.append(
                            core.issue(
                                record, digest, code: "bad_shot_id", column: "shot_id",
                                "column shot_id is not 1 to 64 characters of A-Z a-z 0-9 _ -"))
                        return
                    }
                    let idText = core.field(record, 1)
                    var id: CitizenID?
                    if !idText.isEmpty {
                        guard let parsed = CitizenID(digits: idText) else {
                            issues.append(
                                core.issue(
                                    record, digest, code: "bad_citizen_id", column: "citizen_id",
                                    "column citizen_id is neither empty nor 12 digits"))
                            return
                        }
                        id = parsed
                    }
                    let errors = String(decoding: core.field(record, 2), as: UTF8.self)
                    rows.append(
                        TruthRow(
                            line: record.line, shotID: record.string(core.positions[0]), citizenID: id,
                            errors: errors.split(separator: ";").map(String.init)))
                }, issue: { issues.append($0) })
            if !more { break }
        }
        return rows.isEmpty && issues.isEmpty ? nil : (rows, issues)
    }
}
