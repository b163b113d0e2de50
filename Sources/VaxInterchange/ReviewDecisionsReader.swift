public import VaxCore

// Reads review-decisions.csv (docs/interchange.md "review-decisions.csv"), the file the
// offline review page saves. Rows are plain values: a site's file holds at most some
// thousands of rows, and even the national 450 k fit in memory. Rejects, besides the
// shared checks (quoting, field count, UTF-8):
//   bad_shot_id        not 1 to 64 of A-Z a-z 0-9 _ -
//   bad_decision       not link, not_registered or defer
//   bad_citizen_id     link without a 12-digit citizen_id, or a citizen_id given with
//                      not_registered / defer
//   bad_reason         not_registered / defer without `code: text`, or a malformed reason
//   bad_reviewer       not 1 to 64 printable characters
//   bad_decided_at     not ISO 8601 with a UTC offset
//   duplicate_shot_id  a second row for the same shot in one file (names the first line)

/// Reads a whole review-decisions.csv, checking every row.
public enum ReviewDecisionsReader {
    private static let schema: [TableColumn] = [
        TableColumn(name: "shot_id", isRequired: true),
        TableColumn(name: "decision", isRequired: true),
        TableColumn(name: "citizen_id", isRequired: true),
        TableColumn(name: "reason", isRequired: true),
        TableColumn(name: "reviewer", isRequired: true),
        TableColumn(name: "decided_at", isRequired: true),
    ]

    /// The header the review page writes, in its order.
    public static let header = ["shot_id", "decision", "citizen_id", "reason", "reviewer", "decided_at"]

    /// What a file held.
    public struct Contents: Sendable {
        /// The rows that passed every check, in file order.
        public var rows: [ReviewDecisionRow]
        /// The rows rejected, with line and reason.
        public var issues: [RowIssue]
        /// Warnings about the header (unknown columns).
        public var warnings: [String]
    }

    /// Reads and checks every row of `path`.
    /// - Throws: `VaxError(.badInput)` for an empty or unreadable header or a missing column;
    ///   `VaxError(.environment)` if the file cannot be read.
    /// - Complexity: O(rows).
    public static func read(path: String) throws -> Contents {
        let core = try TableReaderCore(
            path: path, schema: schema, keyColumn: 0, bufferSize: 1 << 20, maxRecordBytes: 1 << 16)
        var rows: [ReviewDecisionRow] = []
        var issues: [RowIssue] = []
        var firstLine: [String: Int] = [:]
        while try core.readRecord(
            { record, digest in
                func reject(_ code: String, _ column: String, _ message: String) {
                    issues.append(core.issue(record, digest, code: code, column: column, message))
                }
                // spec: interchange.md "review-decisions.csv"
                guard isValidShotID(core.field(record, 0)) else {
                    return reject(
                        "bad_shot_id", "shot_id", "column shot_id is not 1 to 64 characters of A-Z a-z 0-9 _ -")
                }
                let shotID = record.string(core.positions[0])
                guard let choice = ReviewChoice(name: record.string(core.positions[1])) else {
                    return reject(
                        "bad_decision", "decision", "column decision is not one of link, not_registered, defer")
                }
                let idBytes = core.field(record, 2)
                var citizenID: CitizenID?
                if choice == .link {
                    guard let id = CitizenID(digits: idBytes) else {
                        return reject("bad_citizen_id", "citizen_id", "a link needs a citizen_id of exactly 12 digits")
                    }
                    citizenID = id
                } else if idBytes.count > 0 {
                    return reject(
                        "bad_citizen_id", "citizen_id", "column citizen_id must be empty for not_registered and defer")
                }
                let reason = record.string(core.positions[3])
                if choice != .link || !reason.isEmpty {
                    guard ReviewFieldChecks.isValidReason(reason) else {
                        return reject(
                            "bad_reason", "reason",
                            choice == .link
                                ? "column reason is not a short code, ': ' and text"
                                : "not_registered and defer need a reason: a short code, ': ' and text")
                    }
                }
                let reviewer = record.string(core.positions[4])
                guard ReviewFieldChecks.isValidReviewer(reviewer) else {
                    return reject("bad_reviewer", "reviewer", "column reviewer is not 1 to 64 printable characters")
                }
                let decidedAt = record.string(core.positions[5])
                guard let epoch = ReviewFieldChecks.parseTimestamp(decidedAt) else {
                    return reject(
                        "bad_decided_at", "decided_at",
                        "column decided_at is not an ISO 8601 time with a UTC offset (2022-04-20T09:15:00+07:00)")
                }
                if let earlier = firstLine[shotID] {
                    return reject(
                        "duplicate_shot_id", "shot_id", "the shot was already decided on line \(earlier) of this file")
                }
                firstLine[shotID] = record.line
                rows.append(
                    ReviewDecisionRow(
                        line: record.line, shotID: shotID, choice: choice, citizenID: citizenID, reason: reason,
                        reviewer: reviewer, decidedAt: decidedAt, decidedAtEpoch: epoch))
            }, issue: { issues.append($0) })
        {}
        return Contents(rows: rows, issues: issues, warnings: core.warnings)
    }
}
