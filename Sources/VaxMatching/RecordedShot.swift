public import VaxCore
public import VaxInterchange

/// What the vaccination site recorded as the person's ID.
public enum RecordedID: Sendable, Equatable {
    /// Nothing recorded.
    case missing
    /// Exactly 12 digits.
    case citizen(CitizenID)
    /// Exactly 9 digits: an old identity card number (CMND).
    case legacy(UInt32)
    /// Digits of another length, or other characters: kept for variant search.
    case malformed([UInt8])
}

/// One shot's recorded fields, as the matcher reads them (all may be wrong).
public struct RecordedShot: Sendable {
    public var recordedID: RecordedID
    /// The full name as typed, UTF-8.
    public var fullName: [UInt8]
    /// The birth date at the precision recorded, or nil if none.
    public var birthDate: PartialDate?
    public var sex: Sex?
    /// The phone number's digits without +84 / leading 0, or 0 if none.
    public var phone: UInt64
    /// The province where the dose was given.
    public var provinceCode: Int
    public var doseNumber: Int

    public init(recordedID: RecordedID, fullName: [UInt8], birthDate: PartialDate?, sex: Sex?, phone: UInt64,
                provinceCode: Int, doseNumber: Int) {
        self.recordedID = recordedID
        self.fullName = fullName
        self.birthDate = birthDate
        self.sex = sex
        self.phone = phone
        self.provinceCode = provinceCode
        self.doseNumber = doseNumber
    }
}

extension RecordedShot {
    /// Whether the recorded 12-digit ID agrees with the shot's own recorded sex and birth year
    /// (digits 4-6 of the ID encode both) and names a real province: an ID that fits its
    /// record is rarely someone else's.
    public var hasSelfConsistentID: Bool {
        guard case .citizen(let id) = recordedID, let year = birthDate?.year, let sex,
              Province.isValid(code: id.provinceCode) else { return false }
        return id.birthYear == year && id.sex == sex
    }
}

extension RecordedID {
    /// The matcher's view of a recorded ID: a 12-digit number without the register's
    /// leading 0 cannot be anyone's, so it is treated as malformed (its digits kept for
    /// the variant search), like every other shape.
    public init(_ recorded: RecordedCitizenID, raw: ArraySlice<UInt8>) {
        switch recorded {
        case .empty: self = .missing
        case .citizenID(let id): self = id.hasValidLead ? .citizen(id) : .malformed(Array(raw))
        case .legacyID(let value): self = .legacy(value)
        case .malformed: self = .malformed(Array(raw))
        }
    }
}
