public import VaxCore

/// The people's decisions of a ledger (review entries, kind 7), by the seq of the machine
/// decision each settles: what turns a machine decision into the effective one
/// (docs/ledger-format.md "Review entries", "The effective decision").
///
/// A shot's final review entry (link or not_registered) supersedes the machine's decision;
/// a defer leaves the machine's decision (review) in force and is kept only so that
/// progress reports can count deferred shots. Memory: one record per reviewed shot.
public struct PersonDecisions: Sendable {
    /// The final review entry (seq and record) of each settled decision, by the settled seq.
    public var final: [Int: (seq: Int, record: ReviewRecord)] = [:]
    /// The latest defer of each decision not settled for good, by the settled seq.
    public var deferred: [Int: (seq: Int, record: ReviewRecord)] = [:]

    /// No decisions.
    public init() {}

    /// Adds review entry `seq` (in seq order): a final choice settles its decision, a defer
    /// is remembered unless the decision is already settled.
    public mutating func add(seq: Int, record: ReviewRecord) {
        if record.choice.isFinal {
            if final[record.settlesSeq] == nil { final[record.settlesSeq] = (seq, record) }
            deferred[record.settlesSeq] = nil
        } else if final[record.settlesSeq] == nil {
            deferred[record.settlesSeq] = (seq, record)
        }
    }

    /// The effective decision for the machine's decision `machine` at `seq`: the machine's,
    /// or, when a person settled it, the person's outcome, citizen and corrections with the
    /// machine's line, province, score, weight and raw digest. The evidence text then ends
    /// in `review=<choice>;review_entry=<seq>`; it keeps the machine's field evidence only
    /// when the person linked the machine's own candidate (the evidence describes that one).
    public func effective(_ machine: Decision, seq: Int) -> Decision {
        guard let (reviewSeq, record) = final[seq] else { return machine }
        var d = machine
        d.outcome = record.outcome
        d.citizenID = record.citizenID
        d.corrections = record.corrections
        let tag = "review=\(record.choice.name);review_entry=\(reviewSeq)"
        let keepsEvidence = record.choice == .link && record.citizenID == machine.citizenID && !machine.evidence.isEmpty
        d.evidence = keepsEvidence ? machine.evidence + ";" + tag : tag
        return d
    }

    /// Whether a person decided the decision at `seq` for good.
    public func isSettled(_ seq: Int) -> Bool { final[seq] != nil }
}
