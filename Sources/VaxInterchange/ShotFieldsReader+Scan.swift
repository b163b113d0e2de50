public import VaxCore

extension ShotFieldsReader {
    /// Calls `body` for every row of `path` that has a valid shot_id, in file order, with its
    /// line and a function giving the row's field `k` of `columns` (only the fields asked for
    /// become strings), hashing the file in the same pass.
    /// - Returns: SHA-256 of every byte of the file as parsed (to compare with the digest a
    ///   run's ledger recorded).
    /// - Throws: `VaxError(.badInput)` for an unreadable header; `.environment` for I/O faults.
    /// - Complexity: O(size of the file); memory one record.
    public static func scan(path: String, _ body: (_ line: Int, _ field: (Int) -> String) throws -> Void) throws
        -> SHA256Digest
    {
        let schema = columns.enumerated().map { TableColumn(name: $0.element, isRequired: $0.offset == 0) }
        let core = try TableReaderCore(
            path: path, schema: schema, keyColumn: 0, bufferSize: 8 << 20, maxRecordBytes: 1 << 20,
            hashingContent: true)
        while try core.readRecord(
            { record, _ in
                guard isValidShotID(core.field(record, 0)) else { return }
                try body(record.line) { k in core.positions[k] < 0 ? "" : record.string(core.positions[k]) }
            }, issue: { _ in })
        {}
        guard let digest = core.csv.contentSHA256 else {
            throw VaxError(.badInput, "the file was not read to its end", file: path)
        }
        return digest
    }
}
