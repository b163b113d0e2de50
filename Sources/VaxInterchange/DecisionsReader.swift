public import VaxCore

/// One row of decisions.csv as exported from a run.
public struct DecisionRow: Sendable, Equatable {
    /// The physical line where the row starts.
    public var line: Int
    public var shotID: String
    public var outcome: Outcome
    /// The linked citizen, the best candidate for review, or nil.
    public var citizenID: CitizenID?
    /// The match score in [0, 1].
    public var score: Double
    /// The corrected fields for corrected / relinked.
    public var corrections: CorrectedFields
}

// Reads decisions.csv (docs/interchange.md "decisions.csv") for evaluation and checks.
// Rows are plain values: this file is read once, off the hot path. Rejects: the shared
// checks, bad_shot_id, bad_outcome, bad_citizen_id (neither empty nor 12 digits),
// bad_score (not a number in [0, 1]), bad_corrections (an unknown column name).

/// Streams decisions.csv in batches of rows.
///
/// One owner; not thread-safe.
public final class DecisionsReader {
    private static let schema: [TableColumn] = [
        TableColumn(name: "shot_id", isRequired: true),
        TableColumn(name: "outcome", isRequired: true),
        TableColumn(name: "citizen_id", isRequired: true),
        TableColumn(name: "score", isRequired: true),
        TableColumn(name: "corrections", isRequired: true),
    ]
    private let core: TableReaderCore

    /// Opens `path` and reads its header.
    /// - Throws: `VaxError(.badInput)` for an empty or unreadable header or a missing column.
    public init(path: String, bufferSize: Int = 8 << 20, maxRecordBytes: Int = 1 << 20) throws {
        core = try TableReaderCore(
            path: path, schema: DecisionsReader.schema, keyColumn: 0,
            bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
    }

    /// Warnings about the header (unknown columns).
    public var warnings: [String] { core.warnings }

    /// Reads up to `maxRows` accepted rows.
    /// - Returns: the rows and the rejected rows met on the way; nil at the end of the file.
    public func readBatch(maxRows: Int) throws -> (rows: [DecisionRow], issues: [RowIssue])? {
        precondition(maxRows > 0, "a batch holds at least one row")
        var rows: [DecisionRow] = []
        var issues: [RowIssue] = []
        while rows.count < maxRows {
            let more = try core.readRecord(
                { record, digest in
                    func reject(_ code: String, _ column: String, _ message: String) {
                        issues.append(core.issue(record, digest, code: code, column: column, message))
                    }
                    guard isValidShotID(core.field(record, 0)) else {
                        return reject(
                            "bad_shot_id", "shot_id", "column shot_id is not 1 to 64 characters of A-Z a-z 0-9 _ -")
                    }
                    guard let outcome = Outcome(name: record.string(core.positions[1])) else {
                        return reject("bad_outcome", "outcome", "column outcome is not one of the five outcomes")
                    }
                    let idText = core.field(record, 2)
                    var id: CitizenID?
                    if !idText.isEmpty {
                        guard let parsed = CitizenID(digits: idText) else {
                            return reject(
                                "bad_citizen_id", "citizen_id", "column citizen_id is neither empty nor 12 digits")
                        }
                        id = parsed
                    }
                    guard let score = Double(record.string(core.positions[3])), score >= 0, score <= 1 else {
                        return reject("bad_score", "score", "column score is not a number from 0 to 1")
                    }
                    guard let corrections = CorrectedFields(text: record.string(core.positions[4])) else {
                        return reject("bad_corrections", "corrections", "column corrections names an unknown column")
                    }
                    rows.append(
                        DecisionRow(
                            line: record.line, shotID: record.string(core.positions[0]), outcome: outcome,
                            citizenID: id, score: score, corrections: corrections))
                }, issue: { issues.append($0) })
            if !more { break }
        }
        return rows.isEmpty && issues.isEmpty ? nil : (rows, issues)
    }
}
