import VaxCore

// The error kinds of the hard profile, seen in how vaccination records were typed in
// Vietnam in 2022: several slips on one record, people who share a name and birth date with
// a registered citizen but are not registered themselves, the family name or everything but
// the given name left out, the vaccination date typed into the birth date field, dates
// typed DD/MM/YY and read back month first with a 2-digit-year pivot, and the 9-digit CMND
// typed into the 12-digit CCCD field with leading zeros, a name typed in VNI with the input
// method off, a phone typed with spaces, dots or the bare country code, and an ID typed in
// groups or kept by a spreadsheet as a number (its leading zeros lost). They are drawn from streams of
// their own (Streams.hardPersonErrors, .hardShotErrors, .lookalike), so the standard
// profile's draws, and so its output, do not change.

/// Per-shot rates of the hard profile's extra error kinds (tags in truth.csv).
public struct HardErrorRates: Sendable, Equatable {
    /// `compound`: a name typo, the birth year one off and a wrong ID digit on one record
    /// (the three standard tags are written too).
    public var compound = 0.03
    /// `lookalike` (a share of outsiders, not of shots): the person outside the register
    /// shares the full name, birth date and sex of a registered citizen.
    public var lookalikeShare = 0.5
    /// `name_given_only`: only the given name typed.
    public var nameGivenOnly = 0.008
    /// `name_family_omitted`: the family name left out (middle and given names kept).
    public var nameFamilyOmitted = 0.012
    /// `dob_vaccination_date`: the vaccination date typed as the birth date.
    public var dobVaccinationDate = 0.008
    /// `dob_short_year`: typed DD/MM/YY, read back MM/DD with years 00-29 in the 2000s.
    public var dobShortYear = 0.01
    /// `id_legacy_padded`: the 9-digit CMND typed as 12 digits with three leading zeros.
    public var idLegacyPadded = 0.01
    /// `name_vni`: a syllable (or every syllable) left as its VNI keys (Nguyễn → Nguye64n).
    public var nameVNI = 0.015
    /// `phone_formatted`: the phone typed as 0912 345 678, 0912.345.678, 84912345678 or
    /// +84 912 345 678.
    public var phoneFormatted = 0.05
    /// `id_formatted`: the ID typed in groups with spaces, dots or dashes (001 090 012345,
    /// 001.090.012345), or with the apostrophe a spreadsheet keeps text with ('001090012345).
    public var idFormatted = 0.02
    /// `id_zeros_dropped`: the ID kept as a number by a spreadsheet, its leading zeros lost
    /// (001090012345 → 1090012345, 079123456789 → 79123456789).
    public var idZerosDropped = 0.015

    public init() {}

    /// The rates by tag name, for generator.json.
    public var ratesByTag: [(tag: String, rate: Double)] {
        [
            ("compound", compound), ("lookalike_share_of_outsiders", lookalikeShare),
            ("name_given_only", nameGivenOnly), ("name_family_omitted", nameFamilyOmitted),
            ("dob_vaccination_date", dobVaccinationDate), ("dob_short_year", dobShortYear),
            ("id_legacy_padded", idLegacyPadded), ("name_vni", nameVNI), ("phone_formatted", phoneFormatted),
            ("id_formatted", idFormatted), ("id_zeros_dropped", idZerosDropped),
        ]
    }
}

/// The hard profile's draws for one shot (all false in the standard profile).
struct HardErrors: Sendable {
    var compound = false
    var givenOnly = false
    var familyOmitted = false
    var vaccinationDate = false
    var shortYear = false
    var legacyPadded = false
    var vni = false
    var phoneFormatted = false
    var idFormatted = false
    var idZerosDropped = false

    static let none = HardErrors()

    /// Draws every kind, whether or not it can apply, so the stream stays aligned.
    init(_ rates: HardErrorRates, _ rng: inout SplitMix64) {
        compound = rng.nextChance(rates.compound)
        givenOnly = rng.nextChance(rates.nameGivenOnly)
        familyOmitted = rng.nextChance(rates.nameFamilyOmitted)
        vaccinationDate = rng.nextChance(rates.dobVaccinationDate)
        shortYear = rng.nextChance(rates.dobShortYear)
        legacyPadded = rng.nextChance(rates.idLegacyPadded)
        vni = rng.nextChance(rates.nameVNI)
        phoneFormatted = rng.nextChance(rates.phoneFormatted)
        idFormatted = rng.nextChance(rates.idFormatted)
        idZerosDropped = rng.nextChance(rates.idZerosDropped)
    }

    init() {}
}
