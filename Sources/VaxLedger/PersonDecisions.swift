public import VaxCore

/// The people's decisions of a ledger (review entries, kind 7) and the complaints they
/// settle (kind 8), by the seq of the machine decision of each shot: what turns a machine
/// decision into the effective one (docs/ledger-format.md "Review entries", "The effective
/// decision", "Complaint entries").
///
/// A review entry settles the machine's `review` decision or a complaint entry of the same
/// shot. A shot's latest final review entry (link or not_registered) supersedes the machine's
/// decision (a later one exists only when a complaint reopened the shot); a defer leaves the
/// decision in force and is kept so that progress reports can count deferred cases. A
/// complaint is open until a final review entry of its shot comes after it.
/// Memory: one record per reviewed shot and per complaint.
public struct PersonDecisions: Sendable {
    /// The latest final review entry (seq and record) of each settled decision, by the
    /// machine decision's seq.
    public var final: [Int: (seq: Int, record: ReviewRecord)] = [:]
    /// The latest defer of each decision or complaint case still open, by the machine decision's seq.
    public var deferred: [Int: (seq: Int, record: ReviewRecord)] = [:]
    /// Every complaint entry, in seq order.
    public var complaints: [(seq: Int, record: ComplaintRecord)] = []
    /// The machine decision's seq of each complaint entry, by the complaint's seq.
    private var complaintTarget: [Int: Int] = [:]
    /// The machine decision's seq of each review entry, by the review entry's seq.
    public private(set) var reviewTarget: [Int: Int] = [:]

    /// No decisions.
    public init() {}

    /// The machine decision's seq that review entry target `settlesSeq` stands for: itself,
    /// or the decision a complaint entry concerns.
    public func decisionSeq(settling settlesSeq: Int) -> Int { complaintTarget[settlesSeq] ?? settlesSeq }

    /// Adds complaint entry `seq` (in seq order with the review entries).
    public mutating func add(seq: Int, complaint: ComplaintRecord) {
        complaints.append((seq, complaint))
        complaintTarget[seq] = complaint.concernsSeq
    }

    /// Adds review entry `seq` (in seq order): a final choice settles its shot (the latest
    /// wins: a verified ledger has a later one only after a complaint), a defer is remembered
    /// until a final choice comes.
    public mutating func add(seq: Int, record: ReviewRecord) {
        let decision = decisionSeq(settling: record.settlesSeq)
        reviewTarget[seq] = decision
        if record.choice.isFinal {
            final[decision] = (seq, record)
            deferred[decision] = nil
        } else {
            deferred[decision] = (seq, record)
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

    /// Whether complaint entry `seq` of the machine decision `decision` is still open: no
    /// final review entry of its shot came after it.
    public func isOpen(complaintSeq seq: Int, decision: Int) -> Bool { (final[decision]?.seq ?? -1) < seq }
}
