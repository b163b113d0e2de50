import VaxCore

/// How much of a birth date the register holds.
enum DatePrecision: UInt8, Sendable {
    case day, month, year
}

/// A birth date as registered: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
struct BirthDate: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
    var precision: DatePrecision

    /// Appends the registered text.
    func append(to out: inout [UInt8]) {
        RowBytes.digits(UInt64(year), width: 4, to: &out)
        guard precision != .year else { return }
        out.append(0x2D)
        RowBytes.digits(UInt64(month), width: 2, to: &out)
        guard precision == .day else { return }
        out.append(0x2D)
        RowBytes.digits(UInt64(day), width: 2, to: &out)
    }
}

/// One person: a registered citizen, or someone outside the register who was vaccinated.
struct Citizen: Sendable {
    /// The index in population.csv, or -1 outside the register.
    var index: Int
    /// The personal identification number (nil: an outsider who has none).
    var id: CitizenID?
    /// The 9-digit legacy ID (CMND), if any.
    var legacyID: Int?
    var sex: Sex
    var birth: BirthDate
    /// Province indexes into Province.all.
    var residence: Int
    var registration: Int
    /// Name indexes into the Demography tables (-1: none).
    var family: Int
    var middle1: Int
    var middle2: Int
    var given: Int
    /// The household: citizens householdStart..<householdStart + householdSize.
    var householdStart: Int
    var householdSize: Int
    /// The household's mobile number without its leading 0: 9 digits.
    var phone: UInt64
    /// Whether this outsider copies a registered citizen's name, birth date and sex (hard profile).
    var isLookalike = false

    /// Appends the full name as registered (NFC): family, middle names, given.
    @inline(__always)
    func appendName(to out: inout [UInt8], _ demography: Demography) {
        let s = sex == .male ? 0 : 1
        out.append(contentsOf: demography.familyNames[family])
        if middle1 >= 0 {
            out.append(0x20)
            out.append(contentsOf: demography.middleNames[s][middle1])
        }
        if middle2 >= 0 {
            out.append(0x20)
            out.append(contentsOf: demography.middleNames[s][middle2])
        }
        out.append(0x20)
        out.append(contentsOf: demography.givenNames[s][given])
    }
}
