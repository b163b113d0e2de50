public import VaxCore

// The matcher appends through the narrow DecisionSink interface and knows nothing else
// of the ledger.
extension LedgerWriter: DecisionSink {}
