public import VaxCore
import VaxInterchange

extension MatchSummary {
    /// The summary as JSON: counts per outcome and per province, corrections by field,
    /// the score distribution, timings, plus whatever the caller adds (ledger head, hashes).
    public func json(extra: [(String, JSONText)] = []) -> JSONText {
        func counts(_ c: OutcomeCounts) -> JSONText {
            var pairs: [(String, JSONText)] = [("shots", .int(c.decided + c.rejected))]
            for o in Outcome.allCases { pairs.append((o.name, .int(c[o]))) }
            pairs.append(("rejected", .int(c.rejected)))
            return .object(pairs)
        }
        let provinceEntries: [(String, JSONText)] = provinces.keys.sorted().map { code in
            (Province.withCode(code)?.codeText ?? "unknown", counts(provinces[code]!))
        }
        var pairs: [(String, JSONText)] = [
            ("shots_read", .int(shotsRead)),
            ("rejected", .int(rejected)),
            ("outcomes", counts(national)),
            ("provinces", .object(provinceEntries)),
            ("corrections", .object(corrections.keys.sorted().map { ($0, .int(corrections[$0]!)) })),
            ("linked_via_sibling_dose", .int(linkedViaSiblingDose)),
            ("score_histogram", .array(scoreHistogram.map { .int($0) })),
            ("batches", .int(batches)),
            ("seconds", .double(seconds)),
            ("shots_per_second", .double(seconds > 0 ? Double(shotsRead + rejected) / seconds : 0)),
        ]
        pairs += extra
        return .object(pairs)
    }

    /// Writes provinces.csv: per province, the shots and each outcome with its share.
    public func writeProvinces(path: String) throws {
        var header = ["province_code", "province_name", "shots"]
        for o in Outcome.allCases { header += [o.name, o.name + "_share"] }
        header += ["rejected", "rejected_share"]
        let csv = try CSVWriter(path: path, header: header)
        for code in provinces.keys.sorted() {
            let c = provinces[code]!
            let total = c.decided + c.rejected
            func share(_ n: Int) -> String { total == 0 ? "0" : formatFixed(Double(n) / Double(total), 6) }
            var row = [Province.withCode(code)?.codeText ?? "", Province.withCode(code)?.name ?? "(unreadable)", "\(total)"]
            for o in Outcome.allCases { row += ["\(c[o])", share(c[o])] }
            row += ["\(c.rejected)", share(c.rejected)]
            try csv.writeRow(row)
        }
        try csv.commit()
    }
}
