// The `csv` suite: how fast shots.csv is read, against a plain newline count of the same
// bytes. Input: a synthetic shots.csv (about 1 GB; 100 MB with VAXBENCH_QUICK=1) made by a
// small deterministic generator below, written once into the data directory and reused.
import Foundation
import VaxCore
import VaxInterchange

func csvBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let targetBytes = context.quick ? 100_000_000 : 1_050_000_000
    let path = context.dataDirectory + "/bench-shots-\(targetBytes / 1_000_000)MB.csv"
    if !fileExists(path) {
        print("csv: generating \(path)")
        try writeSyntheticShots(path: path, targetBytes: targetBytes)
    }
    let size = try InputFile(path: path).size()
    let runs = context.quick ? 5 : 3

    // (a) Baseline: the plain newline scan of the same file.
    let scan = try measure(runs: runs) { try countNewlines(path: path) }
    var results = [
        BenchResult(
            name: "csv.newline-scan (baseline)", records: scan.records, bytes: size,
            medianSeconds: scan.median, p90Seconds: scan.p90, threads: 1,
            peakMemoryBytes: peakMemoryBytes())
    ]

    // (b) CSVReader: split every record into fields, touching each field's length.
    let records = try measure(runs: runs) {
        let reader = try CSVReader(path: path)
        var count = 0
        var fieldBytes = 0
        while let n = try reader.readRecord({ r -> Int in
            var total = 0
            for i in 0..<r.count { total &+= r[i].count }
            return total
        }) {
            count += 1
            fieldBytes &+= n
        }
        blackHole(fieldBytes)
        return count
    }
    results.append(
        BenchResult(
            name: "csv.CSVReader records", records: records.records, bytes: size,
            medianSeconds: records.median, p90Seconds: records.p90, threads: 1,
           peakMemoryBytes: peakMemoryBytes()))

    // (c) ShotsReader: header, validation, SHA-256 per row, duplicate check, columnar batches.
    // The batch is reused across runs as a pipeline reuses it across batches, so its arena's
    // first-touch page faults are not counted; the duplicate table is built afresh each run.
    var batch = ShotBatch()
    let shots = try measure(runs: runs) {
        let reader = try ShotsReader(path: path)
        var rows = 0
        var rejects = 0
        while try reader.readBatch(into: &batch, maxRows: 1 << 20) {
            rows += batch.count
            rejects += batch.issues.count
        }
        blackHole(rejects)
        return rows
    }
    results.append(
        BenchResult(
            name: "csv.ShotsReader parse+validate", records: shots.records, bytes: size,
            medianSeconds: shots.median, p90Seconds: shots.p90, threads: 1,
           peakMemoryBytes: peakMemoryBytes()))
    return results
}

// A stand-in for the real data generator: realistic field shapes and lengths (Vietnamese
// names in UTF-8, all citizen_id and birth_date forms, a few quoted fields), fixed by seed.
private func writeSyntheticShots(path: String, targetBytes: Int) throws {
    let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
    let middles = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quang", "Xuân", "Thu"]
    let givens = [
        "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long",
        "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
    ]
    let vaccines = ["Comirnaty", "Vaxzevria", "Spikevax", "Sinopharm", "Sputnik V", "Abdala"]
    let provinces = Province.all.map(\.codeText)
    var random = SplitMix64(seed: 0xC5B_E4C4)
    let output = try OutputFile(path: path)
    var row: [UInt8] = []
    row.reserveCapacity(1 << 20)
    func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    row.append(
        contentsOf: Array(
            ("shot_id,citizen_id,full_name,birth_date,sex,phone,province_code,"
                + "facility_code,vaccine,dose_number,vaccinated_on\n").utf8))
    var written = 0
    var n = 0
    while written + row.count < targetBytes {
        n += 1
        let year = 1930 + random.below(90)
        let month = 1 + random.below(12)
        let day = 1 + random.below(28)
        let female = random.chance(0.5)
        let province = provinces[random.below(provinces.count)]
        var fields: [String] = ["SH" + digits(n, 10)]
        let idKind = random.below(100)
        if idKind < 90 {
            fields.append(
                "0" + province + String((year >= 2000 ? 2 : 0) + (female ? 1 : 0))
                    + digits(year % 100, 2) + digits(random.below(1_000_000), 6))
        } else if idKind < 95 {
            fields.append("")
        } else if idKind < 98 {
            fields.append(digits(random.below(1_000_000_000), 9))
        } else {
            fields.append(digits(random.below(100_000_000), 8) + "O")
        }
        var name = families[random.below(families.count)] + " " + middles[random.below(middles.count)]
        if random.chance(0.3) { name += " " + middles[random.below(middles.count)] }
        name += " " + givens[random.below(givens.count)]
        fields.append(random.chance(0.005) ? "\"" + name + ", \"\"Bé\"\"\"" : name)
        switch random.below(10) {
        case 0: fields.append(String(year))
        case 1: fields.append("")
        case 2: fields.append(digits(day, 2) + "/" + digits(month, 2) + "/" + String(year))
        case 3: fields.append(String(year) + "-" + digits(month, 2))
        default: fields.append(String(year) + "-" + digits(month, 2) + "-" + digits(day, 2))
        }
        fields.append(random.chance(0.05) ? "" : (female ? "F" : "M"))
        fields.append(random.chance(0.2) ? "" : "+849" + digits(random.below(100_000_000), 8))
        fields.append(provinces[random.below(provinces.count)])
        fields.append(
            random.chance(0.01)
                ? "\"Trạm Y tế, Phường " + String(random.below(30)) + "\""
                : "F" + digits(random.below(20_000), 5))
        fields.append(vaccines[random.below(vaccines.count)])
        fields.append(String(1 + random.below(3)))
        fields.append("2021-" + digits(1 + random.below(12), 2) + "-" + digits(1 + random.below(28), 2))
        row.append(contentsOf: Array(fields.joined(separator: ",").utf8))
        row.append(0x0A)
        if row.count >= 1 << 20 {
            try row.withUnsafeBytes { try output.write($0) }
            written += row.count
            row.removeAll(keepingCapacity: true)
        }
    }
    try row.withUnsafeBytes { try output.write($0) }
    try output.commit()
}
