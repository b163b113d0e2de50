public import VaxCore

/// One dose as the group rules see it: compact, kept for every dose of a group until the
/// group's last dose is decided (about 48 bytes; no object).
public struct GroupDose: Sendable {
    /// The recorded phone, or 0 when none or a hub's (`ShotGroups.hubPhones`): no evidence.
    public var phone: UInt64
    /// A 64-bit hash of the folded family and given names.
    public var nameKey: UInt64
    public var dose: Int
    public var outcome: Outcome
    public var citizen: CitizenID?
    /// Whether the link rests on the dose's own recorded ID (`MatchResult.isSupportedByRecordedID`).
    public var supportedByID: Bool

    /// Takes the decision of `result` (after a rule changed it).
    mutating func update(from result: MatchResult) {
        outcome = result.outcome
        citizen = result.citizenID
        supportedByID = result.isSupportedByRecordedID
    }
}

/// A dose whose decision the group rules may still change, held with its record until its
/// group is complete.
public struct HeldDose: Sendable {
    public var shot: RecordedShot
    public var result: MatchResult
}
