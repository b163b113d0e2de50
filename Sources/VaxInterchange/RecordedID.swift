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
    /// other shape.
    public var matchable: RecordedID {
        guard case .citizen(let id) = self, !id.hasValidLead else { return self }
        return .malformed(Array(id.description.utf8))
    }
}
