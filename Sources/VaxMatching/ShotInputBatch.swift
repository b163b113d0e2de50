public import VaxCore

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
