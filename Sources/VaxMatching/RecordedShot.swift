public import VaxCore
public import VaxInterchange
public import VaxNames

/// One shot's recorded fields, as the matcher reads them (all may be wrong).
public struct RecordedShot: Sendable {
    public var recordedID: RecordedID
    /// The full name as typed, UTF-8.
    public let fullName: [UInt8]
    /// The full name normalized and folded, once, when the shot is made.
    public let name: NormalizedName
    /// The birth date at the precision recorded, or nil if none.
    public var birthDate: PartialDate?
    public var sex: Sex?
    /// The phone number's digits without +84 / leading 0, or 0 if none.
    public var phone: UInt64
    /// The province where the dose was given.
    public var provinceCode: Int
    public var doseNumber: Int
    /// The date of the dose (vaccinated_on), or nil if none was recorded. Set after `init`,
    /// so that callers that have no date need not pass one.
    public var vaccinatedOn: PartialDate?

    public init(recordedID: RecordedID, fullName: [UInt8], birthDate: PartialDate?, sex: Sex?, phone: UInt64,
                provinceCode: Int, doseNumber: Int) {
        self.recordedID = recordedID
        self.fullName = fullName
        name = NormalizedName(raw: fullName)
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
