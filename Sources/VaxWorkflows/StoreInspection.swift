import Foundation
import VaxCore
import VaxStorage

/// Reading a built population store: `store info` and `store lookup`.
public enum StoreInspection {
    /// `vaxlink store info`: rows, shards, sizes, columns with their codecs, content hash;
    /// as text, or as one pretty-printed JSON object with sorted keys.
    /// - Throws: `VaxError` from opening the store (`.badInput`, `.corruption`).
    public static func info(path: String, json: Bool) throws -> WorkflowReport {
        let store = try PopulationStore.open(path)
        let columns = store.columnSummary()
        let ratio = store.sourceBytes > 0 ? Double(store.byteCount) / Double(store.sourceBytes) : 0
        if json {
            let object: [String: Any] = [
                "path": path, "rows": store.rowCount, "shards": store.shardCount, "bytes": store.byteCount,
                "source_bytes": store.sourceBytes, "size_ratio": ratio, "content_hash": store.contentHash.hex,
                "columns": columns.map { ["name": $0.name, "stored_bytes": $0.storedBytes, "raw_bytes": $0.rawBytes, "codec": $0.codec] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return WorkflowReport(output: String(decoding: data, as: UTF8.self))
        }
        var lines = [
            "store:         \(path)",
            "rows:          \(store.rowCount)",
            "shards:        \(store.shardCount)",
            "size:          \(store.byteCount) bytes (\(formatFixed(Double(store.byteCount) / Double(max(store.rowCount, 1)), 1)) bytes a citizen)",
        ]
        if store.sourceBytes > 0 {
            lines.append("source:        \(store.sourceBytes) bytes of population.csv; store is \(formatFixed(ratio * 100, 1)) % of it")
        }
        lines.append("content hash:  \(store.contentHash.hex)")
        lines.append("columns:")
        for c in columns {
            lines.append("  \(c.name.padding(to: 34))\(String(c.storedBytes).padding(to: 12)) bytes  \(c.codec)")
        }
        return WorkflowReport(output: lines.joined(separator: "\n"))
    }

    /// `vaxlink store lookup`: the citizen with this ID as registered. A store without the
    /// ID is a found problem.
    /// - Throws: `VaxError(.usage)` if `citizenID` is not 12 digits; errors from opening the store.
    public static func lookup(path: String, citizenID text: String, json: Bool) throws -> WorkflowReport {
        guard let id = CitizenID(text) else {
            throw VaxError(.usage, "CITIZEN_ID must be exactly 12 digits")
        }
        let store = try PopulationStore.open(path)
        guard let row = store.row(of: id) else {
            return WorkflowReport(diagnostics: "vaxlink store lookup: no citizen with that ID in \(path)\n", foundProblem: true)
        }
        let r = try store.record(row)
        let legacy = r.legacyID.map { String(repeating: "0", count: 9 - String($0).count) + String($0) } ?? ""
        let province = Province.withCode(r.provinceCode)
        if json {
            let object: [String: Any] = [
                "citizen_id": r.citizenID.description, "legacy_id": legacy, "full_name": r.fullName,
                "birth_date": r.birthDate.description, "sex": r.sex.code, "province_code": province?.codeText ?? "\(r.provinceCode)",
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return WorkflowReport(output: String(decoding: data, as: UTF8.self))
        }
        return WorkflowReport(output: """
            citizen_id:    \(r.citizenID)
            legacy_id:     \(legacy)
            full_name:     \(r.fullName)
            birth_date:    \(r.birthDate.description)
            sex:           \(r.sex.code)
            province_code: \(province?.codeText ?? "\(r.provinceCode)") (\(province?.name ?? "?"))
            """)
    }
}
