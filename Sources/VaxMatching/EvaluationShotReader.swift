import VaxCore
import VaxInterchange

/// Reads the fields of shots.csv that set a shot's strata (shot_id, citizen_id,
/// birth_date, sex, province_code), with the plain CSV reader: ShotsReader's duplicate-ID
/// table costs 16 bytes a shot (2.1 GB at 80 M), while this holds one record at a time, so
/// evaluation and the clerical sample stay in bounded memory at the national size. Rows the
/// match run rejected get strata too; they are never asked for, as they have no decision.
struct ShotStrataReader {
    private let csv: CSVReader
    private var columns: [Int] = []

    /// Opens `path` and finds the columns by name.
    /// - Throws: `VaxError(.badInput)` for an empty file or a missing column.
    init(path: String) throws {
        csv = try CSVReader(path: path)
        guard let header = try csv.readRecord({ r in (0..<r.count).map { r.string($0) } }) else {
            throw VaxError(.badInput, "empty shots file", file: path)
        }
        for name in ["shot_id", "citizen_id", "birth_date", "sex", "province_code"] {
            guard let i = header.firstIndex(of: name) else {
                throw VaxError(.badInput, "shots file has no column \(name)", file: path)
            }
            columns.append(i)
        }
    }

    /// The next row's shot_id and strata; nil at the end of the file.
    mutating func next() throws -> (shotID: String, strata: ShotStrata)? {
        let columns = self.columns
        while true {
            guard
                let row = try csv.readRecord({ r -> (String, ShotStrata)? in
                    guard r.malformation == nil, columns.allSatisfy({ $0 < r.count }) else { return nil }
                    let recorded = RecordedID(bytes: r[columns[1]])
                    let birth = Array(r[columns[2]])
                    let sex = r.string(columns[3])
                    return (
                        r.string(columns[0]),
                        ShotStrata(
                            ageBand: ShotStrata.ageBand(birthYear: ShotStrataReader.birthYear(birth)),
                            sex: sex == "M" || sex == "F" ? sex : "missing", province: r.string(columns[4]),
                            recordedID: recorded)
                    )
                })
            else { return nil }
            if let row { return row }
        }
    }

    /// The year of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `DD/MM/YYYY`, or nil.
    static func birthYear(_ bytes: [UInt8]) -> Int? {
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var v = 0
            for i in range {
                guard bytes[i] &- 48 < 10 else { return nil }
                v = v * 10 + Int(bytes[i] - 48)
            }
            return v
        }
        let year = bytes.count == 10 && bytes[2] == UInt8(ascii: "/") ? digits(6..<10) : digits(0..<4)
        guard let year, (1880...2030).contains(year) else { return nil }
        return year
    }
}

/// Hands out each decided shot's strata once, reading shots.csv forward alongside
/// decisions.csv (same order, less the rejected rows; out-of-order rows are held by shot_id).
struct StrataCursor {
    var reader: ShotStrataReader
    var skipped: [String: ShotStrata] = [:]

    init(path: String) throws { reader = try ShotStrataReader(path: path) }

    /// The strata of `shotID`, or nil if shots.csv does not hold it.
    mutating func strata(for shotID: String) throws -> ShotStrata? {
        if let held = skipped.removeValue(forKey: shotID) { return held }
        while let (id, strata) = try reader.next() {
            if id == shotID { return strata }
            skipped[id] = strata
        }
        return nil
    }
}
