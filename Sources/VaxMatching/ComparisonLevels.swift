// The comparison levels of the Fellegi-Sunter model: for each field, how a recorded value
// relates to a candidate's registered value. Raw values are written into model files and
// evidence strings: frozen.

/// The fields the model compares.
public enum Field: Int, CaseIterable, Sendable {
    case family = 0, middle, given, birthDate, sex, citizenID, province

    /// The short name used in evidence and model files.
    public var code: String { ["fn", "mn", "gn", "dob", "sex", "id", "prov"][rawValue] }
}

/// Levels of a name part.
public enum NameLevel: Int, CaseIterable, Sendable {
    /// Equal after normalization (case, spacing, NFC/NFD, tone placement).
    case exact = 0
    /// Equal without diacritics.
    case folded
    /// Within a small edit distance without diacritics (typos, Telex slips).
    case similar
    /// Not recorded (e.g. a missing middle name) or not registered.
    case missing
    case different

    static let names = ["exact", "folded", "similar", "missing", "different"]
}

/// Levels of the birth date.
public enum DateLevel: Int, CaseIterable, Sendable {
    /// Equal at full precision.
    case exact = 0
    /// Equal with day and month swapped.
    case swapped
    /// Equal at the coarser of the two precisions (year-only or year-month on either side).
    case partialAgree
    /// Recorded as 01/01 of the registered year: the placeholder sites used.
    case placeholder
    /// Month and day equal, the year one off.
    case yearOff
    /// Same year, month or day different.
    case yearOnly
    case missing
    case different

    static let names = ["exact", "swapped", "partialAgree", "placeholder", "yearOff", "yearOnly", "missing", "different"]
}

/// Levels of sex.
public enum SexLevel: Int, CaseIterable, Sendable {
    case agree = 0, missing, different

    static let names = ["agree", "missing", "different"]
}

/// Levels of the recorded ID against the candidate.
public enum IDLevel: Int, CaseIterable, Sendable {
    /// The recorded 12-digit ID is the candidate's.
    case exact = 0
    /// One digit off or two adjacent digits swapped (or one digit too many or too few).
    case variant
    /// The recorded 9-digit ID is the candidate's legacy ID.
    case legacy
    /// No usable ID recorded.
    case missing
    /// A valid ID recorded that is someone else's (or nobody's).
    case different
    /// As `different`, but the recorded ID fits the shot's own sex and birth year: it looks
    /// like this person's real ID, so a candidate with another ID is very likely not them.
    case differentSelfConsistent

    static let names = ["exact", "variant", "legacy", "missing", "different", "differentSelfConsistent"]
}

/// Levels of the province: where the dose was given against where the citizen lives.
public enum ProvinceLevel: Int, CaseIterable, Sendable {
    case same = 0, different

    static let names = ["same", "different"]
}

/// The level of every field for one (shot, candidate) pair.
public struct ComparisonVector: Sendable, Equatable {
    public var family: NameLevel
    public var middle: NameLevel
    public var given: NameLevel
    public var birthDate: DateLevel
    public var sex: SexLevel
    public var citizenID: IDLevel
    public var province: ProvinceLevel

    /// The level index of each field, in `Field` order.
    public var levels: [Int] {
        [family.rawValue, middle.rawValue, given.rawValue, birthDate.rawValue, sex.rawValue, citizenID.rawValue, province.rawValue]
    }

    /// Compact evidence: `fn=exact;mn=missing;...`, one shared string per distinct vector
    /// (there are a few tens of thousands), made once: this is read for every shot.
    public var evidence: String { EvidenceTexts.all[packed] }

    /// The levels as one number in 0..<EvidenceTexts.count.
    var packed: Int {
        var v = family.rawValue
        v = v * NameLevel.allCases.count + middle.rawValue
        v = v * NameLevel.allCases.count + given.rawValue
        v = v * DateLevel.allCases.count + birthDate.rawValue
        v = v * SexLevel.allCases.count + sex.rawValue
        v = v * IDLevel.allCases.count + citizenID.rawValue
        return v * ProvinceLevel.allCases.count + province.rawValue
    }

    /// The evidence text, built from fixed tables (reflection-based enum printing is slow).
    var evidenceText: String {
        var text = "fn=" + NameLevel.names[family.rawValue]
        text += ";mn=" + NameLevel.names[middle.rawValue]
        text += ";gn=" + NameLevel.names[given.rawValue]
        text += ";dob=" + DateLevel.names[birthDate.rawValue]
        text += ";sex=" + SexLevel.names[sex.rawValue]
        text += ";id=" + IDLevel.names[citizenID.rawValue]
        text += ";prov=" + ProvinceLevel.names[province.rawValue]
        return text
    }
}

/// Every evidence text, indexed by `ComparisonVector.packed`; built on first use (Swift
/// initializes globals once, thread-safely).
enum EvidenceTexts {
    static let all: [String] = {
        var texts: [String] = []
        for f in NameLevel.allCases {
            for m in NameLevel.allCases {
                for g in NameLevel.allCases {
                    for d in DateLevel.allCases {
                        for s in SexLevel.allCases {
                            for i in IDLevel.allCases {
                                for p in ProvinceLevel.allCases {
                                    texts.append(ComparisonVector(family: f, middle: m, given: g, birthDate: d, sex: s,
                                                                  citizenID: i, province: p).evidenceText)
                                }
                            }
                        }
                    }
                }
            }
        }
        return texts
    }()
}
