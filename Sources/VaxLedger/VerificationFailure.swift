/// Thrown by a verification phase when the ledger does not hold; `LedgerVerifier.verify` puts
/// it in the report. Faults reading the file are thrown as `VaxError` instead.
struct VerificationFailure: Error {
    var failure: VerificationReport.Failure

    init(_ seq: Int?, _ shotID: String?, _ message: String) {
        failure = .init(seq: seq, shotID: shotID, message: message)
    }

    init(_ failure: VerificationReport.Failure) { self.failure = failure }
}
