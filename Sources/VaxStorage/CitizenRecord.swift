public import VaxCore

/// One citizen as registered, read back from the store (cold path: `lookup`, reports).
public struct CitizenRecord: Sendable, Equatable {
    public var citizenID: CitizenID
    public var legacyID: UInt32?
    public var fullName: String
    public var birthDate: PartialDate
    public var sex: Sex
    public var provinceCode: Int
}
