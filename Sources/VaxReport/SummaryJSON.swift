public import VaxCore
public import VaxMatching

/// summary.json, the machine-readable summary of a match run (docs/cli.md): counts per
/// outcome and per province, corrections by field, the score distribution and timings,
/// then whatever the caller adds (the ledger head, input hashes).
public enum SummaryJSON {
    /// The summary as a JSON object, `extra` appended after the summary's own keys.
    /// - Complexity: O(provinces + corrected fields).
    public static func make(_ summary: MatchSummary, extra: [(String, JSONText)] = []) -> JSONText {
        func counts(_ c: OutcomeCounts) -> JSONText {
            var pairs: [(String, JSONText)] = [("shots", .int(c.decided + c.rejected))]
            for o in Outcome.allCases { pairs.append((o.name, .int(c[o]))) }
            pairs.append(("rejected", .int(c.rejected)))
            return .object(pairs)
        }
        let provinceEntries: [(String, JSONText)] = summary.provinces.keys.sorted().map { code in
            (Province.withCode(code)?.codeText ?? "unknown", counts(summary.provinces[code]!))
        }
        let seconds = summary.seconds
        var pairs: [(String, JSONText)] = [
            ("shots_read", .int(summary.shotsRead)),
            ("rejected", .int(summary.rejected)),
            ("outcomes", counts(summary.national)),
            ("provinces", .object(provinceEntries)),
            ("corrections", .object(summary.corrections.keys.sorted().map { ($0, .int(summary.corrections[$0]!)) })),
            ("linked_via_sibling_dose", .int(summary.linkedViaSiblingDose)),
            ("score_histogram", .array(summary.scoreHistogram.map { .int($0) })),
            ("batches", .int(summary.batches)),
            ("seconds", .double(seconds)),
            ("shots_per_second", .double(seconds > 0 ? Double(summary.shotsRead + summary.rejected) / seconds : 0)),
        ]
        pairs += extra
        return .object(pairs)
    }

    /// Writes the summary's JSON and a line end to `path` atomically.
    /// - Returns: the JSON text written (without the line end).
    /// - Throws: `VaxError(.environment)` if the file cannot be written.
    @discardableResult
    public static func write(_ summary: MatchSummary, extra: [(String, JSONText)] = [], path: String) throws -> String {
        let json = make(summary, extra: extra).render()
        let file = try OutputFile(path: path)
        try file.write(json + "\n")
        try file.commit()
        return json
    }
}
