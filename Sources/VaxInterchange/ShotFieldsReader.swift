import VaxCore

// Reads the fields of chosen shots from shots.csv exactly as typed, for the review page
// (which shows the record beside its candidates). Only rows whose shot_id is asked for are
// kept; rows that do not read are skipped (they were rejects of the run, never in review).

/// Reads chosen shots' fields as typed.
public enum ShotFieldsReader {
    /// The columns returned, in this order (missing columns read as empty).
    public static let columns = [
        "shot_id", "citizen_id", "full_name", "birth_date", "sex", "phone", "province_code", "facility_code",
        "vaccine", "dose_number", "vaccinated_on",
    ]

    /// The fields (in `columns` order) of each shot of `path` whose shot_id is in `wanted`.
    /// - Throws: `VaxError(.badInput)` for an unreadable header; `.environment` for I/O faults.
    /// - Complexity: O(size of the file).
    public static func read(path: String, wanted: Set<String>) throws -> [String: [String]] {
        let schema = columns.enumerated().map { TableColumn(name: $0.element, isRequired: $0.offset == 0) }
        let core = try TableReaderCore(
            path: path, schema: schema, keyColumn: 0, bufferSize: 8 << 20, maxRecordBytes: 1 << 20)
        var out: [String: [String]] = [:]
        out.reserveCapacity(wanted.count)
        while try core.readRecord(
            { record, _ in
                let id = record.string(core.positions[0])
                guard wanted.contains(id), out[id] == nil else { return }
                out[id] = (0..<columns.count).map { core.positions[$0] < 0 ? "" : record.string(core.positions[$0]) }
            }, issue: { _ in })
        {}
        return out
    }
}
