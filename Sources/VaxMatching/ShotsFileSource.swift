public import VaxCore
import VaxInterchange

/// Reads shots.csv in batches for a match run, keeping only one partition's shots and rejects.
public struct ShotsFileSource: ShotSource {
    private let reader: ShotsReader
    private var batch = ShotBatch()
    private let size: Int
    private let groups: ShotGroups?
    private let partition: ShotPartition
    /// Accepted rows read so far (the next shot's row index).
    private var acceptedRows = 0

    /// Opens `path` and checks its header.
    /// - Parameters:
    ///   - hashingContent: hash the file in the pass that parses it (`contentSHA256`).
    ///   - groups: the file's grouping (`ShotGroups.scan`); needed when `partition` is not the whole file.
    ///   - partition: the share of the file to keep.
    /// - Throws: `VaxError(.badInput)` naming the file and column for a bad header (exit 2).
    public init(path: String, hashingContent: Bool = false, groups: ShotGroups? = nil,
                partition: ShotPartition = .whole) throws {
        precondition(partition.count == 1 || groups != nil, "a partition needs the file's groups")
        reader = try ShotsReader(path: path, hashingContent: hashingContent)
        size = try InputFile(path: path).size()
        self.groups = groups
        self.partition = partition
    }

    public var warnings: [String] { reader.warnings }
    /// SHA-256 of the bytes parsed, once the end of the file is read (see `ShotsReader`).
    public var contentSHA256: SHA256Digest? { reader.contentSHA256 }
    public var progress: (done: Int, total: Int) { (reader.offset, size) }

    /// The next batch of the file (at most `maxRecords` accepted rows of the whole file, of
    /// which only this partition's are kept); batches are cut identically in every partition.
    public mutating func nextBatch(maxRecords: Int) throws -> ShotInputBatch? {
        guard try reader.readBatch(into: &batch, maxRows: maxRecords) else { return nil }
        var shots: [RecordedShot] = []
        var meta: [ShotMeta] = []
        var rows: [Int] = []
        shots.reserveCapacity(batch.count)
        meta.reserveCapacity(batch.count)
        for i in 0..<batch.count {
            let row = acceptedRows + i
            if let groups { guard partition.owns(row: row, in: groups) else { continue } }
            rows.append(row)
            var shot = RecordedShot(
                recordedID: batch.citizenID(i).matchable,
                fullName: Array(batch.fullName(i)), birthDate: batch.birthDate(i), sex: batch.sex(i),
                phone: phoneNumber(batch.bytes(.phone, i)), provinceCode: batch.provinceCode(i),
                doseNumber: batch.doseNumber(i) ?? 0)
            shot.vaccinatedOn = batch.vaccinationDate(i)
            shots.append(shot)
            meta.append(ShotMeta(shotID: batch.shotID(i), line: batch.lines[i], provinceCode: batch.provinceCode(i),
                                 facilityCode: String(decoding: batch.bytes(.facilityCode, i), as: UTF8.self),
                                 rawSHA256: batch.rawSHA256[i]))
        }
        acceptedRows += batch.count
        let rejects = batch.issues.filter { partition.owns(rejectAtLine: $0.line) }
        return ShotInputBatch(shots: shots, meta: meta, rejects: rejects, rows: rows)
    }
}

/// The subscriber number of a Vietnamese phone as recorded, or 0: the national form
/// ("0912345678"), the international one ("+84912345678", "0084…", "84912345678"), with any
/// spaces, dots, dashes or brackets sites type between the digits ("0912 345 678",
/// "(+84) 912.345.678"). One person's phone typed two ways must group their doses.
func phoneNumber(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    // Called for every row, twice (the grouping pass and the read): no allocation. The
    // digits are kept as one number with their count; a prefix is dropped by keeping the
    // number modulo a power of ten, since a prefix is the leading digits.
    var value: UInt64 = 0, count = 0, leading: UInt64 = 0  // leading: the first four digits
    var international = false
    for b in bytes {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard count < 19 else { return 0 }  // 19 digits still fit in 64 bits
            value = value * 10 + UInt64(b - 48)
            count += 1
            if count <= 4 { leading = value }
        case UInt8(ascii: "+") where count == 0 && !international: international = true
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
        default: return 0
        }
    }
    var prefix = 0
    if count >= 4 && leading == 84 {  // "0084": the first four digits read 84
        prefix = 4
    } else if count >= 2 && value / power10(count - 2) == 84 && (international || count == 11) {
        prefix = 2  // a 10-digit national number is 0 and 9 digits: 84 and those 9 are 11
    } else if count >= 1 && value / power10(count - 1) == 0 {
        prefix = 1
    }
    let length = count - prefix
    guard length > 0, length <= 15 else { return 0 }
    return value % power10(length)
}

/// 10^n for 0 ≤ n ≤ 19.
private func power10(_ n: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<n { p *= 10 }
    return p
}
