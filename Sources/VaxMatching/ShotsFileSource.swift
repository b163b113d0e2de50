public import VaxCore
import VaxInterchange

/// Reads shots.csv in batches for a match run.
public struct ShotsFileSource: ShotSource {
    private let reader: ShotsReader
    private var batch = ShotBatch()
    private let size: Int

    /// Opens `path` and checks its header.
    /// - Parameter hashingContent: hash the file in the pass that parses it (`contentSHA256`).
    /// - Throws: `VaxError(.badInput)` naming the file and column for a bad header (exit 2).
    public init(path: String, hashingContent: Bool = false) throws {
        reader = try ShotsReader(path: path, hashingContent: hashingContent)
        size = try InputFile(path: path).size()
    }

    public var warnings: [String] { reader.warnings }
    /// SHA-256 of the bytes parsed, once the end of the file is read (see `ShotsReader`).
    public var contentSHA256: SHA256Digest? { reader.contentSHA256 }
    public var progress: (done: Int, total: Int) { (reader.offset, size) }

    public mutating func nextBatch(maxRecords: Int) throws -> ShotInputBatch? {
        guard try reader.readBatch(into: &batch, maxRows: maxRecords) else { return nil }
        var shots: [RecordedShot] = []
        var meta: [ShotMeta] = []
        shots.reserveCapacity(batch.count)
        meta.reserveCapacity(batch.count)
        for i in 0..<batch.count {
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
        return ShotInputBatch(shots: shots, meta: meta, rejects: batch.issues)
    }
}

/// The subscriber number of a Vietnamese phone as recorded (`+84…` or `0…`), or 0.
func phoneNumber(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var digits = bytes[...]
    if digits.starts(with: Array("+84".utf8)) { digits = digits.dropFirst(3) } else if digits.first == UInt8(ascii: "0") { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.count <= 15 else { return 0 }
    var value: UInt64 = 0
    for b in digits {
        guard b &- 48 < 10 else { return 0 }
        value = value * 10 + UInt64(b - 48)
    }
    return value
}
