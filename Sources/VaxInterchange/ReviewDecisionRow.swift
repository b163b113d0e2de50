public import VaxCore

/// One row of review-decisions.csv (docs/interchange.md "review-decisions.csv"), checked.
public struct ReviewDecisionRow: Sendable, Equatable {
    /// The physical line where the row starts (the header is line 1).
    public var line: Int
    public var shotID: String
    public var choice: ReviewChoice
    /// The chosen citizen for `link`; nil otherwise.
    public var citizenID: CitizenID?
    /// `code: free text`; empty only for `link`.
    public var reason: String
    /// Who decided: 1 to 64 printable characters.
    public var reviewer: String
    /// `decided_at` as written (ISO 8601 with a UTC offset).
    public var decidedAt: String
    /// `decided_at` as seconds since 1970-01-01T00:00:00Z.
    public var decidedAtEpoch: Int64

    /// A row of the given values; `line` is 0 for rows not read from a file.
    public init(
        line: Int = 0, shotID: String, choice: ReviewChoice, citizenID: CitizenID?, reason: String,
        reviewer: String, decidedAt: String, decidedAtEpoch: Int64
    ) {
        self.line = line
        self.shotID = shotID
        self.choice = choice
        self.citizenID = citizenID
        self.reason = reason
        self.reviewer = reviewer
        self.decidedAt = decidedAt
        self.decidedAtEpoch = decidedAtEpoch
    }

    /// The reason's code (the part before `: `), or empty.
    public var reasonCode: String {
        guard let end = ReviewFieldChecks.codeEnd(reason) else { return "" }
        return String(reason[..<end])
    }
}
