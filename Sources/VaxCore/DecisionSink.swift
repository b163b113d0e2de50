/// Where a run's decisions and rejected rows go, batch by batch, in input order.
///
/// The audit ledger implements it; the matcher knows nothing else about the ledger.
public protocol DecisionSink: AnyObject {
    /// Records one batch atomically: its decisions and rejects, ordered by line.
    func appendBatch(decisions: [Decision], rejects: [RowIssue]) throws
}
