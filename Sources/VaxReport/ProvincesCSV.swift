import VaxCore
import VaxInterchange
public import VaxMatching

/// provinces.csv (docs/cli.md "run"): one row per province code met, ascending (rejects
/// with an unreadable province under code 0, named "(unreadable)"), with the shots and,
/// for each outcome and for rejects, the count and its share of the province's shots
/// (6 decimals).
///
///     province_code,province_name,shots,verified,verified_share,...,rejected,rejected_share
public enum ProvincesCSV {
    /// The header's columns.
    public static var header: [String] {
        var header = ["province_code", "province_name", "shots"]
        for o in Outcome.allCases { header += [o.name, o.name + "_share"] }
        return header + ["rejected", "rejected_share"]
    }

    /// Writes the summary's provinces to `path` atomically.
    /// - Throws: `VaxError(.environment)` if the file cannot be written.
    /// - Complexity: O(provinces).
    public static func write(_ summary: MatchSummary, path: String) throws {
        let csv = try CSVWriter(path: path, header: header)
        for code in summary.provinces.keys.sorted() {
            let c = summary.provinces[code]!
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
