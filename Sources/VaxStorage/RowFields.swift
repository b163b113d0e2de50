public import VaxCore
public import VaxNames

/// The fields of one row that matching compares, read in one go.
public struct RowFields: Sendable {
    public var citizenID: CitizenID
    /// Original (as registered) token IDs per part.
    public var original: NameParts<UInt32>
    /// Normalized token IDs per part.
    public var normalized: NameParts<UInt32>
    /// Folded token IDs per part.
    public var folded: NameParts<UInt32>
    public var birthDate: PartialDate
    public var sex: Sex
    public var provinceCode: Int
}
