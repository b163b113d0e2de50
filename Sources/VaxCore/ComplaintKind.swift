/// What a citizen says is wrong with their vaccination record (docs/interchange.md
/// "complaints.csv"). On-disk raw values (ledger complaint entries): frozen.
public enum ComplaintKind: UInt8, Sendable, CaseIterable {
    /// A shot of mine is not on my record: look among the shots unmatched, in review, or
    /// linked to someone else.
    case missing = 1
    /// A shot on my record is not mine: look among the shots linked to me.
    case wrong = 2

    /// The word in complaints.csv.
    public var name: String {
        switch self {
        case .missing: return "missing"
        case .wrong: return "wrong"
        }
    }

    /// The kind named `name` in complaints.csv, if any.
    public init?(name: String) {
        guard let match = ComplaintKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
