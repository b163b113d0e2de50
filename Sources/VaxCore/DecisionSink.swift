/// Where a run's decisions and rejected rows go, batch by batch, in input order.
///
/// The audit ledger implements it; the matcher knows nothing else about the ledger.
public protocol DecisionSink: AnyObject {
    /// Records one batch atomically: its decisions and rejects, ordered by line.
    func appendBatch(decisions: [Decision], rejects: [RowIssue]) throws

    /// Returns once every batch handed over is durably recorded (a sink may record on a thread
    /// of its own); throws the first failure. A run calls it before it publishes its outputs,
    /// so that decisions.csv never names a decision the ledger lost.
    func flush() throws
}
