public import VaxCore

/// A citizen_id as recorded in shots.csv, which may be anything typed at the site.
public enum RecordedCitizenID: Sendable, Hashable {
    /// The field was empty.
    case empty
    /// Exactly 12 ASCII digits (not checked against the ID structure: the matcher judges it).
    case citizenID(CitizenID)
    /// Exactly 9 ASCII digits: an old identity card number (CMND).
    case legacyID(UInt32)
    /// Anything else; the raw text is kept in the batch.
    case malformed

    /// Classifies a field's bytes.
    public init(bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty {
            self = .empty
        } else if let id = CitizenID(digits: bytes) {
            self = .citizenID(id)
        } else if bytes.count == 9, let value = parseDigits(bytes) {
            self = .legacyID(UInt32(value))
        } else {
            self = .malformed
        }
    }
}
