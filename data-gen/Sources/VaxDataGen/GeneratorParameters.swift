// The knobs of the generator. Output is a pure function of these parameters, the seed and
// `GeneratorParameters.version`; all of them are recorded in DIR/generator.json.

/// What to generate and how often each error happens at a vaccination site.
///
/// Every rate is the probability, per shot, that the error is applied where it can apply
/// (a legacy ID needs a citizen with one, a relative's ID a household of two or more, a
/// day/month swap a full date whose day is 1...12 and differs from the month, a tone
/// placement change a syllable oa / oe / uy with a tone and no final consonant). A tag is
/// written only when the row really changes. Some rates exclude others: a missing ID
/// excludes every other ID error, a missing birth date every other date error, a missing
/// sex a wrong sex, stripped diacritics excludes NFD, tone placement and Telex, and a
/// changed tone placement excludes Telex.
public struct GeneratorParameters: Sendable, Equatable {
    /// The generator's algorithm version: bump on any change that alters output.
    public static let version = 1

    /// Which error kinds are made: `.standard` (the default, whose output is unchanged since
    /// version 1) or `.hard`, which adds the kinds of `HardErrorRates` and raises some rates.
    public var profile: GeneratorProfile = .standard
    /// The rates of the hard profile's extra error kinds (unused by `.standard`).
    public var hardRates = HardErrorRates()

    /// Citizens in population.csv.
    public var citizens: Int
    /// Shots in shots.csv (and rows in truth.csv).
    public var shots: Int
    /// The seed every random choice derives from.
    public var seed: UInt64

    /// Share of shots given to people who are not in the register (truth citizen_id empty).
    public var outsideRegisterRate = 0.005
    /// Share of vaccinated persons whose error draws are made once for the person, so that
    /// all their doses carry the same wrong record.
    public var persistentErrorRate = 0.3

    /// `id_missing`: no citizen_id recorded.
    public var idMissing = 0.05
    /// `id_digit`: one digit wrong.
    public var idDigit = 0.035
    /// `id_transposed`: two adjacent (different) digits swapped.
    public var idTransposed = 0.015
    /// `id_legacy`: the 9-digit CMND recorded instead (citizens with one).
    public var idLegacy = 0.06
    /// `id_relative`: a household member's ID (households of 2 or more).
    public var idRelative = 0.012
    /// `id_length`: a digit dropped or added.
    public var idLength = 0.008

    /// `name_no_diacritics`: all marks stripped, case kept (Nguyen Van An).
    public var nameNoDiacritics = 0.09
    /// `name_nfd`: written decomposed (base letters and combining marks).
    public var nameNFD = 0.04
    /// `name_tone_placement`: the other tone-placement style (hòa ↔ hoà).
    public var nameTonePlacement = 0.25
    /// `name_typo`: a keyboard slip (adjacent key, deletion, doubled letter, transposition).
    public var nameTypo = 0.03
    /// `name_telex`: a syllable left as its Telex keys (Hoàng → Hoangf, Đức → Dduwcs).
    public var nameTelex = 0.015
    /// `name_missing_middle`: middle names left out (three words or more).
    public var nameMissingMiddle = 0.025
    /// `name_case_spacing`: upper, lower or random case, or extra spaces.
    public var nameCaseSpacing = 0.05

    /// `dob_swapped`: day and month swapped (only where the result is a valid, different date).
    public var dobSwapped = 0.015
    /// `dob_year_only`: only the year recorded.
    public var dobYearOnly = 0.015
    /// `dob_placeholder`: 01/01 of the year recorded.
    public var dobPlaceholder = 0.015
    /// `dob_year_off`: the year one off.
    public var dobYearOff = 0.012
    /// `dob_dmy`: written DD/MM/YYYY (a format change, not an error of content).
    public var dobDMY = 0.04
    /// `dob_missing`: no birth date recorded.
    public var dobMissing = 0.025

    /// `sex_missing`: no sex recorded.
    public var sexMissing = 0.03
    /// `sex_wrong`: the other sex recorded.
    public var sexWrong = 0.008

    /// Parameters with the default rates.
    public init(citizens: Int, shots: Int, seed: UInt64) {
        self.citizens = citizens
        self.shots = shots
        self.seed = seed
    }

    /// Parameters of the hard profile: every standard error kind, some more often (a
    /// relative's ID, the legacy ID, Telex, people outside the register), and the kinds of
    /// `HardErrorRates` (compounding errors, lookalikes outside the register, family or
    /// middle names left out, dates typed as the vaccination date or with a 2-digit year,
    /// a CMND padded to 12 digits).
    public static func hard(citizens: Int, shots: Int, seed: UInt64) -> GeneratorParameters {
        var p = GeneratorParameters(citizens: citizens, shots: shots, seed: seed)
        p.profile = .hard
        p.outsideRegisterRate = 0.02
        p.idRelative = 0.03
        p.idLegacy = 0.08
        p.nameTelex = 0.03
        return p
    }

    /// Every rate by its tag name, in the order of the tags in truth.csv.
    public var ratesByTag: [(tag: String, rate: Double)] {
        [
            ("id_missing", idMissing), ("id_relative", idRelative), ("id_legacy", idLegacy),
            ("id_digit", idDigit), ("id_transposed", idTransposed), ("id_length", idLength),
            ("name_missing_middle", nameMissingMiddle), ("name_no_diacritics", nameNoDiacritics),
            ("name_tone_placement", nameTonePlacement), ("name_telex", nameTelex), ("name_typo", nameTypo),
            ("name_case_spacing", nameCaseSpacing), ("name_nfd", nameNFD),
            ("dob_missing", dobMissing), ("dob_year_only", dobYearOnly), ("dob_placeholder", dobPlaceholder),
            ("dob_swapped", dobSwapped), ("dob_year_off", dobYearOff), ("dob_dmy", dobDMY),
            ("sex_missing", sexMissing), ("sex_wrong", sexWrong),
        ]
    }

    /// The parameters as a JSON object (generator.json), keys in a fixed order.
    public var json: String {
        var text = "{\n  \"generator\": \"vaxlink-datagen\",\n  \"version\": \(GeneratorParameters.version),\n"
        if profile == .hard { text += "  \"profile\": \"hard\",\n" }
        text += "  \"seed\": \(seed),\n  \"citizens\": \(citizens),\n  \"shots\": \(shots),\n"
        text += "  \"outside_register_rate\": \(outsideRegisterRate),\n"
        text += "  \"persistent_error_rate\": \(persistentErrorRate),\n  \"error_rates\": {\n"
        let rates = profile == .hard ? ratesByTag + hardRates.ratesByTag : ratesByTag
        text += rates.map { "    \"\($0.tag)\": \($0.rate)" }.joined(separator: ",\n")
        text += "\n  }\n}\n"
        return text
    }
}
