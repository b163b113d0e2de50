public import VaxCore

/// A citizen_id as recorded in shots.csv, which may be anything typed at the site.
public enum RecordedID: Sendable, Hashable {
    /// The field was empty.
    case missing
    /// Exactly 12 ASCII digits (not checked against the ID structure: the matcher judges it).
    case citizen(CitizenID)
    /// Exactly 9 ASCII digits: an old identity card number (CMND).
    case legacy(UInt32)
    /// Anything else, as typed: digits of another length are kept for the variant search.
    case malformed([UInt8])

    /// Classifies a field's bytes.
    public init(bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty {
            self = .missing
        } else if let id = CitizenID(digits: bytes) {
            self = .citizen(id)
        } else if bytes.count == 9, let value = parseDigits(bytes) {
            self = .legacy(UInt32(value))
        } else {
            self = .malformed(Array(bytes))
        }
    }

    /// The matcher's view: a 12-digit number without the register's leading 0 cannot be
    /// anyone's, so it is malformed (its digits kept for the variant search), like every
    /// other shape; and a number that a spreadsheet or a clerk reshaped is read as the
    /// number it is (`readingTypedForm`).
    public var matchable: RecordedID {
        switch self {
        case .citizen(let id) where !id.hasValidLead: return .malformed(Array(id.description.utf8))
        case .malformed(let typed): return Self.readingTypedForm(typed) ?? self
        default: return self
        }
    }

    /// The number in an ID field that holds one in another form, or nil:
    /// - typed in groups with spaces, dots or dashes (001 090 012345, 001.090.012345), or
    ///   after the apostrophe that marks a spreadsheet cell as text ('001090012345): the
    ///   separators are dropped;
    /// - kept by a spreadsheet as a number, which drops leading zeros: every CCCD starts with
    ///   0, so 11 digits not starting with 0 are a CCCD less its 0; 8 digits not starting
    ///   with 0 are a CMND less its leading 0. (Eleven digits that start with 0 lost another
    ///   digit: they stay malformed for the variant search.) Ten digits are left to the
    ///   variant search (`Matcher.lengthVariants`): a CCCD of provinces 01-09 less its 00
    ///   reads so, and so does a CMND with a digit typed twice, which names nobody and must
    ///   not count as an unregistered ID.
    /// A phone typed into the field (10 digits from 0) is none of these.
    static func readingTypedForm(_ typed: [UInt8]) -> RecordedID? {
        var digits: [UInt8] = []
        digits.reserveCapacity(typed.count)
        for (k, b) in typed.enumerated() {
            if b &- 48 < 10 {
                digits.append(b)
            } else if b == UInt8(ascii: " ") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") {
                continue
            } else if b == UInt8(ascii: "'") && k == 0 {
                continue
            } else {
                return nil
            }
        }
        guard !digits.isEmpty, digits.count <= 12 else { return nil }
        // The value of the digits: leading zeros that a spreadsheet dropped change nothing.
        let value = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }
        let startsWithZero = digits.first == UInt8(ascii: "0")
        if digits.count == 12 {
            let id = CitizenID(rawValue: value)
            return id.hasValidLead ? .citizen(id) : .malformed(digits)
        }
        if digits.count == 9 { return .legacy(UInt32(value)) }
        if digits.count == 11 && !startsWithZero {
            let id = CitizenID(rawValue: value)
            if id.hasValidStructure { return .citizen(id) }
        }
        if digits.count == 8 && !startsWithZero { return .legacy(UInt32(value)) }
        // Separators dropped, still no ID: the digits go to the variant search as typed.
        return digits.count == typed.count ? nil : .malformed(digits)
    }
}
