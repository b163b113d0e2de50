/// The outcome of one shot (docs/interchange.md "decisions.csv"). On-disk raw values: frozen.
public enum Outcome: UInt8, Sendable, CaseIterable {
    /// The recorded citizen_id exists and the record agrees with the register.
    case verified = 1
    /// The recorded citizen_id is right; name, birth date or sex is to be corrected.
    case corrected = 2
    /// The recorded citizen_id is missing, unknown or someone else's; linked by the other fields.
    case relinked = 3
    /// No confident decision; a person must decide.
    case review = 4
    /// No plausible citizen in the register.
    case unmatched = 5

    /// The spec's word for it.
    public var name: String {
        switch self {
        case .verified: return "verified"
        case .corrected: return "corrected"
        case .relinked: return "relinked"
        case .review: return "review"
        case .unmatched: return "unmatched"
        }
    }

    /// The outcome named `name`, if any.
    public init?(name: String) {
        guard let match = Outcome.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether this outcome links the shot to a citizen.
    public var isLink: Bool { self == .verified || self == .corrected || self == .relinked }
}

/// The recorded fields that differ from the register, for `corrections`.
public struct CorrectedFields: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let citizenID = CorrectedFields(rawValue: 1)
    public static let fullName = CorrectedFields(rawValue: 2)
    public static let birthDate = CorrectedFields(rawValue: 4)
    public static let sex = CorrectedFields(rawValue: 8)

    private static let names: [(CorrectedFields, String)] = [
        (.citizenID, "citizen_id"), (.fullName, "full_name"), (.birthDate, "birth_date"), (.sex, "sex"),
    ]

    /// `;`-separated column names in a fixed order, e.g. `full_name;birth_date`.
    public var text: String {
        rawValue < 16 ? CorrectedFields.texts[Int(rawValue)] : CorrectedFields.spell(self)
    }

    private static func spell(_ fields: CorrectedFields) -> String {
        names.filter { fields.contains($0.0) }.map(\.1).joined(separator: ";")
    }

    /// `text` of every combination of the four fields, spelled once: decisions.csv writes
    /// one on every row.
    private static let texts: [String] = (0..<16).map { spell(CorrectedFields(rawValue: UInt8($0))) }

    /// Parses the `;`-separated form; nil on an unknown name.
    public init?(text: String) {
        var set = CorrectedFields()
        for part in text.split(separator: ";") {
            guard let entry = CorrectedFields.names.first(where: { $0.1 == part }) else { return nil }
            set.insert(entry.0)
        }
        self = set
    }
}

/// The decision for one shot, as the matcher makes it and the ledger records it.
public struct Decision: Sendable, Equatable {
    /// The shot's ID as in shots.csv.
    public var shotID: String
    /// The physical line of shots.csv where the record starts.
    public var line: Int
    /// The province where the dose was given (2-digit code).
    public var provinceCode: Int
    public var outcome: Outcome
    /// The linked citizen (links), the best candidate (review, may be nil), or nil (unmatched).
    public var citizenID: CitizenID?
    /// The match score in [0, 1] the decision rests on.
    public var score: Double
    /// The Fellegi-Sunter match weight (log2 odds) behind the score.
    public var matchWeight: Double
    /// For corrected / relinked: the fields whose recorded value differs from the register.
    public var corrections: CorrectedFields
    /// Field-by-field evidence, a compact machine-readable text.
    public var evidence: String
    /// SHA-256 of the raw input record's bytes.
    public var rawSHA256: SHA256Digest

    public init(shotID: String, line: Int, provinceCode: Int, outcome: Outcome, citizenID: CitizenID?,
                score: Double, matchWeight: Double, corrections: CorrectedFields, evidence: String,
                rawSHA256: SHA256Digest) {
        self.shotID = shotID
        self.line = line
        self.provinceCode = provinceCode
        self.outcome = outcome
        self.citizenID = citizenID
        self.score = score
        self.matchWeight = matchWeight
        self.corrections = corrections
        self.evidence = evidence
        self.rawSHA256 = rawSHA256
    }
}

/// A record that could not be read (docs/interchange.md "rejects.csv", docs/STYLE.md tier 2).
public struct RowIssue: Sendable, Equatable, Error {
    /// The physical line where the bad record starts (header is line 1).
    public var line: Int
    /// The shot_id (or citizen_id for the register) if it could be read, else empty.
    public var key: String
    /// A machine-readable code: `field_count`, `invalid_utf8`, `bad_shot_id`, ...
    public var code: String
    /// A human sentence naming the column.
    public var message: String
    /// The column concerned, if one is.
    public var column: String?
    /// SHA-256 of the record's raw bytes as read.
    public var rawSHA256: SHA256Digest
    /// The row's province code when it could be read, for per-province reports.
    public var provinceCode: Int? = nil

    public init(line: Int, key: String, code: String, message: String, column: String?, rawSHA256: SHA256Digest) {
        self.line = line
        self.key = key
        self.code = code
        self.message = message
        self.column = column
        self.rawSHA256 = rawSHA256
    }

    /// The `reason` column: `code: sentence`.
    public var reason: String { "\(code): \(message)" }
}
