import VaxCore

/// A stream of shot batches (shots.csv, or a test's list).
public protocol ShotSource {
    /// The next batch of at most `maxRecords` records (shots plus rejects), or nil at the end.
    mutating func nextBatch(maxRecords: Int) throws -> ShotInputBatch?
    /// Warnings about the input (e.g. ignored columns), for stderr.
    var warnings: [String] { get }
    /// Bytes read so far and the file's size, for progress.
    var progress: (done: Int, total: Int) { get }
}
