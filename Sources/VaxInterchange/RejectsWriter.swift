public import VaxCore

/// Writes rejects.csv (docs/interchange.md "rejects.csv"): `line,shot_id,reason,raw_sha256`.
///
/// The file appears under its name only at `commit()`. One owner; not thread-safe.
public final class RejectsWriter {
    /// The header of rejects.csv.
    public static let header = ["line", "shot_id", "reason", "raw_sha256"]
    private let writer: CSVWriter

    /// Creates `path` (atomically, at commit) and writes the header.
    public init(path: String) throws {
        writer = try CSVWriter(path: path, header: RejectsWriter.header)
    }

    /// The number of rejects written.
    public var count: Int { writer.rowCount }

    /// Writes one rejected row.
    public func write(_ issue: RowIssue) throws {
        writer.field(issue.line)
        writer.field(issue.key)
        writer.field(issue.reason)
        writer.field(issue.rawSHA256.hex)
        try writer.endRow()
    }

    /// Flushes, fsyncs and renames the file into place.
    public func commit() throws { try writer.commit() }
}
