import Foundation
import VaxCore
import VaxTestSupport

@testable import VaxInterchange

/// A record copied out of a CSVReader callback.
struct ReadRecord: Equatable {
    var line: Int
    var fields: [[UInt8]]
    var raw: [UInt8]
    var malformation: String?

    var texts: [String] { fields.map { String(decoding: $0, as: UTF8.self) } }
}

/// Writes `bytes` to `name` in `directory` and returns its path.
func writeFile(_ directory: String, _ name: String, _ bytes: [UInt8]) throws -> String {
    let path = directory + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

func writeFile(_ directory: String, _ name: String, _ text: String) throws -> String {
    try writeFile(directory, name, Array(text.utf8))
}

/// Every record of `path`, read with the given buffer sizes.
func readAllRecords(_ path: String, bufferSize: Int = 1 << 16, maxRecordBytes: Int = 1 << 12) throws -> [ReadRecord] {
    let reader = try CSVReader(path: path, bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
    var out: [ReadRecord] = []
    while let record = try reader.readRecord({ r in
        ReadRecord(
            line: r.line, fields: (0..<r.count).map { Array(r[$0]) }, raw: Array(r.raw),
            malformation: r.malformation?.code)
    }) {
        out.append(record)
    }
    return out
}

/// Reads every batch of a shots file; returns accepted shot IDs with lines, and issues.
func readAllShots(_ path: String, maxRows: Int = 3, bufferSize: Int = 1 << 16, maxRecordBytes: Int = 1 << 12)
    throws -> (rows: [(id: String, line: Int)], issues: [RowIssue], batches: [ShotBatch], warnings: [String])
{
    let reader = try ShotsReader(path: path, bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
    var rows: [(String, Int)] = []
    var issues: [RowIssue] = []
    var batches: [ShotBatch] = []
    while let batch = try reader.readBatch(maxRows: maxRows) {
        for i in 0..<batch.count { rows.append((batch.shotID(i), batch.lines[i])) }
        issues += batch.issues
        batches.append(batch)
    }
    return (rows, issues, batches, reader.warnings)
}

let shotsHeader =
    "shot_id,citizen_id,full_name,birth_date,sex,phone,province_code,facility_code,vaccine,dose_number,vaccinated_on\n"
