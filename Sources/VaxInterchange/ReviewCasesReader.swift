import VaxCore

// Reads a run's review.csv (written by VaxMatching's MatchRun: one row per candidate of each
// shot in review, columns shot_id, line, province_code, facility_code, rank, citizen_id,
// score, match_weight, evidence) back into one value per shot. The file is ours, so a row
// that does not read is a damaged run folder: it stops the export, naming the line.

/// One shot in review with its candidates, as review.csv lists them.
public struct ReviewCaseRow: Sendable {
    public var shotID: String
    /// The shot's line in shots.csv.
    public var line: Int
    public var provinceCode: Int
    public var facilityCode: String
    /// Candidates in rank order: citizen_id, score, match_weight, evidence as written.
    public var candidates: [(citizenID: String, score: String, weight: String, evidence: String)]

    public init(
        shotID: String, line: Int, provinceCode: Int, facilityCode: String,
        candidates: [(citizenID: String, score: String, weight: String, evidence: String)]
    ) {
        self.shotID = shotID
        self.line = line
        self.provinceCode = provinceCode
        self.facilityCode = facilityCode
        self.candidates = candidates
    }
}

/// Reads review.csv.
public enum ReviewCasesReader {
    private static let schema: [TableColumn] = [
        "shot_id", "line", "province_code", "facility_code", "rank", "citizen_id", "score", "match_weight", "evidence",
    ].map { TableColumn(name: $0, isRequired: true) }

    /// Every shot of `path` in file order (rows of one shot are adjacent).
    /// - Throws: `VaxError(.badInput)` naming the file and line of a row that does not read.
    /// - Complexity: O(rows).
    public static func read(path: String) throws -> [ReviewCaseRow] {
        let core = try TableReaderCore(
            path: path, schema: schema, keyColumn: 0, bufferSize: 4 << 20, maxRecordBytes: 1 << 16)
        var cases: [ReviewCaseRow] = []
        var index: [String: Int] = [:]
        var firstIssue: RowIssue?
        while try core.readRecord(
            { record, _ in
                let f = (0..<schema.count).map { record.string(core.positions[$0]) }
                guard isValidShotID(core.field(record, 0)), let line = Int(f[1]), let province = Int(f[2]) else {
                    throw VaxError(.badInput, "review.csv row does not read", file: path, line: record.line)
                }
                let candidate = (citizenID: f[5], score: f[6], weight: f[7], evidence: f[8])
                if let k = index[f[0]] {
                    cases[k].candidates.append(candidate)
                } else {
                    index[f[0]] = cases.count
                    cases.append(
                        ReviewCaseRow(
                            shotID: f[0], line: line, provinceCode: province, facilityCode: f[3],
                            candidates: [candidate]))
                }
            },
            issue: { issue in if firstIssue == nil { firstIssue = issue } })
        {}
        // A malformed row of our own file is a damaged run folder.
        if let firstIssue {
            throw VaxError(
                .badInput, "review.csv row does not read: \(firstIssue.message)", file: path, line: firstIssue.line)
        }
        return cases
    }
}
