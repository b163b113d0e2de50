import Foundation
import VaxCore
import VaxMatching

/// How `seal` merges the partitions' review.csv, rejects.csv and summary.json into the
/// single run's (decisions.csv merges by row key, `RowMerge`).
enum SealMerge {
    /// The line numbers (first column) of rejects.csv's data lines, which it holds in order.
    static func rejectLines(_ path: String) throws -> [UInt64] {
        let file = try MappedFile(path: path)
        return try RowMerge.splitLines(file.bytes).dropFirst().map { range in
            var value: UInt64 = 0
            var i = range.lowerBound
            while i < range.upperBound, file.bytes[i] &- 48 < 10 { value = value * 10 + UInt64(file.bytes[i] - 48); i += 1 }
            guard i > range.lowerBound else { throw VaxError(.problem, "\(path): a row without a line number") }
            return value
        }
    }

    /// review.csv merged as a single run writes it: by province, vaccination site and line;
    /// each shot's candidate rows stay together in rank order.
    static func mergeReview(_ paths: [String], into output: String) throws {
        var header: [UInt8]? = nil
        var shots: [(province: Int, facility: String, line: Int, bytes: [UInt8])] = []
        for path in paths {
            let file = try MappedFile(path: path)
            var lines = RowMerge.splitLines(file.bytes)
            guard !lines.isEmpty else { throw VaxError(.problem, "\(path): no header line") }
            let head = Array(file.bytes[lines.removeFirst()])
            if let header, header != head { throw VaxError(.problem, "\(path): its header differs") }
            header = head
            for range in lines {
                let bytes = Array(file.bytes[range])
                let f = csvFields(bytes)
                guard f.count >= 4, let line = Int(f[1]) else { throw VaxError(.problem, "\(path): a malformed review row") }
                if let last = shots.last, last.line == line, last.facility == f[3] {
                    shots[shots.count - 1].bytes += bytes
                } else {
                    shots.append((Int(f[2]) ?? 0, f[3], line, bytes))
                }
            }
        }
        shots.sort { ($0.province, $0.facility, $0.line) < ($1.province, $1.facility, $1.line) }
        let out = try OutputFile(path: output)
        try out.write(header ?? [])
        for s in shots { try out.write(s.bytes) }
        try out.commit()
    }

    /// The fields of one CSV line (RFC 4180 quoting), without its line end.
    static func csvFields(_ bytes: [UInt8]) -> [String] {
        var fields: [String] = [], field: [UInt8] = []
        var quoted = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { quoted = false }
                } else { field.append(b) }
            } else if b == 0x22 { quoted = true } else if b == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self)); field = []
            } else if b != 0x0A && b != 0x0D { field.append(b) }
            i += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// Adds a partition's summary.json counts to `summary`.
    static func add(summaryAt path: String, to summary: inout MatchSummary) throws {
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw VaxError(.problem, "\(path): not a summary.json")
        }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        func addCounts(_ object: Any?, to counts: inout OutcomeCounts) {
            guard let o = object as? [String: Any] else { return }
            for outcome in Outcome.allCases { counts[outcome] += int(o[outcome.name]) }
            counts.rejected += int(o["rejected"])
        }
        summary.shotsRead += int(json["shots_read"])
        summary.rejected += int(json["rejected"])
        addCounts(json["outcomes"], to: &summary.national)
        for (code, counts) in (json["provinces"] as? [String: Any]) ?? [:] {
            addCounts(counts, to: &summary.provinces[Int(code) ?? 0, default: OutcomeCounts()])
        }
        for (field, n) in (json["corrections"] as? [String: Any]) ?? [:] { summary.corrections[field, default: 0] += int(n) }
        summary.linkedViaSiblingDose += int(json["linked_via_sibling_dose"])
        for (i, n) in ((json["score_histogram"] as? [Any]) ?? []).enumerated() where i < 20 { summary.scoreHistogram[i] += int(n) }
        summary.batches += int(json["batches"])
        summary.seconds = max(summary.seconds, (json["seconds"] as? NSNumber)?.doubleValue ?? 0)
    }
}
