public import VaxCore

/// What the run needs to know about a shot besides what the matcher compares.
public struct ShotMeta: Sendable {
    public var shotID: String
    /// The physical line of shots.csv where the record starts.
    public var line: Int
    public var provinceCode: Int
    public var facilityCode: String
    public var rawSHA256: SHA256Digest

    public init(shotID: String, line: Int, provinceCode: Int, facilityCode: String, rawSHA256: SHA256Digest) {
        self.shotID = shotID
        self.line = line
        self.provinceCode = provinceCode
        self.facilityCode = facilityCode
        self.rawSHA256 = rawSHA256
    }
}

/// One batch of input: the shots that were read and the rows that were not, in input order.
public struct ShotInputBatch: Sendable {
    public var shots: [RecordedShot]
    public var meta: [ShotMeta]
    public var rejects: [RowIssue]

    public init(shots: [RecordedShot], meta: [ShotMeta], rejects: [RowIssue]) {
        self.shots = shots
        self.meta = meta
        self.rejects = rejects
    }

    /// Records read from the file in this batch, read or rejected.
    public var recordCount: Int { shots.count + rejects.count }
}

/// A stream of shot batches (shots.csv, or a test's list).
public protocol ShotSource {
    /// The next batch of at most `maxRecords` records (shots plus rejects), or nil at the end.
    mutating func nextBatch(maxRecords: Int) throws -> ShotInputBatch?
    /// Warnings about the input (e.g. ignored columns), for stderr.
    var warnings: [String] { get }
    /// Bytes read so far and the file's size, for progress.
    var progress: (done: Int, total: Int) { get }
}
