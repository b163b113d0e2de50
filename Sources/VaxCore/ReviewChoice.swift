/// What a person at the vaccination site decided about a shot in review
/// (docs/interchange.md "review-decisions.csv"). On-disk raw values (ledger): frozen.
public enum ReviewChoice: UInt8, Sendable, CaseIterable {
    /// The person is this citizen: the shot becomes verified, corrected or relinked.
    case link = 1
    /// The person is not in the register: the shot becomes unmatched.
    case notRegistered = 2
    /// Cannot be decided yet: the shot stays in review, with the reason shown next time.
    case deferred = 3

    /// The word in review-decisions.csv.
    public var name: String {
        switch self {
        case .link: return "link"
        case .notRegistered: return "not_registered"
        case .deferred: return "defer"
        }
    }

    /// The choice named `name` in review-decisions.csv, if any.
    public init?(name: String) {
        guard let match = ReviewChoice.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether the choice settles the shot for good (`defer` does not).
    public var isFinal: Bool { self != .deferred }
}
