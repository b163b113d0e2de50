public import VaxCore

/// The decision for one shot, before it is tied to the shot's ID and line.
public struct MatchResult: Sendable {
    public var outcome: Outcome
    /// The linked citizen (links), the best candidate (review), nil (unmatched).
    public var citizenID: CitizenID?
    public var log2Odds: Double
    public var score: Double
    public var corrections: CorrectedFields
    /// The best candidates, best first (up to 3), with their field levels.
    public var candidates: [ScoredCandidate]
    /// How many register rows the search scored: for tests and profiling, written nowhere.
    var rowsScored = 0
    /// Whether the link rests on another dose of the same person (same phone and name).
    public var viaSiblingDose = false
    /// Whether a name link was withdrawn because the citizen's own ID-linked shot already
    /// has this dose number from another phone.
    public var conflictsWithOwnDose = false
    /// Whether a link the weights would make went to review only because no ID was
    /// recorded where the model expects many people outside the register
    /// (`LinkObjection.idlessAmongStrangers`): the clerk's question is whether this is
    /// the citizen at all.
    public var heldAmongStrangers = false

    /// Whether this is a link that the shot's own recorded ID supports (exactly, a digit
    /// off, or as the legacy ID).
    public var isSupportedByRecordedID: Bool {
        guard outcome.isLink, let best = candidates.first, best.citizenID == citizenID else { return false }
        switch best.levels.citizenID {
        case .exact, .variant, .legacy: return true
        case .missing, .different, .differentSelfConsistent: return false
        }
    }

    /// Compact evidence for the ledger: the best candidate's level per field. The weight is
    /// recorded beside it; keeping numbers out of this text lets the ledger store each
    /// distinct evidence once.
    public var evidence: String {
        guard let best = candidates.first else { return "candidates=0" }
        var text = best.levels.evidence
        if viaSiblingDose { text += ";sibling_dose=1" }
        if conflictsWithOwnDose { text += ";dose_conflict=1" }
        if heldAmongStrangers { text += ";strangers_many=1" }
        return text
    }
}
