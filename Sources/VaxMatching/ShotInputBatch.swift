public import VaxCore

/// One batch of input: the shots that were read and the rows that were not, in input order.
public struct ShotInputBatch: Sendable {
    public var shots: [RecordedShot]
    public var meta: [ShotMeta]
    public var rejects: [RowIssue]
    /// Each shot's accepted-row index in the whole file (what `ShotGroups` is indexed by).
    public var rows: [Int]

    /// A batch; `rows` defaults to 0, 1, 2… (a source that is the whole file in one batch).
    public init(shots: [RecordedShot], meta: [ShotMeta], rejects: [RowIssue], rows: [Int]? = nil) {
        self.shots = shots
        self.meta = meta
        self.rejects = rejects
        self.rows = rows ?? Array(shots.indices)
    }

    /// Records of this batch, read or rejected.
    public var recordCount: Int { shots.count + rejects.count }
}
