import VaxCore

// The shape of Viet Nam's population as distributions: birth years 1925-2021 after the
// 2019 census pyramid (a broad band of young adults and children, thinning above 60),
// provinces by 2019 population, names by the name table.

/// The distributions the generator draws citizens from (immutable, shared by reference so
/// that hot loops copy one pointer, not fifteen arrays).
final class Demography: Sendable {
    static let firstBirthYear = 1925
    static let lastBirthYear = 2021

    let birthYears: WeightedTable
    let provinces: WeightedTable
    let family: WeightedTable
    let middle: [WeightedTable]  // [male, female]
    let given: [WeightedTable]  // [male, female]
    let familyNames: [[UInt8]]
    let middleNames: [[[UInt8]]]  // [male, female]
    let givenNames: [[[UInt8]]]  // [male, female]
    /// The 2-digit code of province index i.
    let provinceCodes: [Int]
    /// Vaccination facilities in province i (about one per 25 000 people).
    let facilityCounts: [Int]

    static let shared = Demography()

    private init() {
        birthYears = WeightedTable((Demography.firstBirthYear...Demography.lastBirthYear).map(Demography.birthWeight))
        provinces = WeightedTable(Province.all.map { Double($0.population2019) })
        provinceCodes = Province.all.map { Int($0.code) }
        facilityCounts = Province.all.map { max(8, $0.population2019 / 25_000) }
        family = WeightedTable(NameFrequencies.family.map(\.1))
        middle = [
            WeightedTable(NameFrequencies.maleMiddle.map(\.1)), WeightedTable(NameFrequencies.femaleMiddle.map(\.1)),
        ]
        given = [
            WeightedTable(NameFrequencies.maleGiven.map(\.1)), WeightedTable(NameFrequencies.femaleGiven.map(\.1)),
        ]
        familyNames = NameFrequencies.family.map { Array($0.0.utf8) }
        middleNames = [
            NameFrequencies.maleMiddle.map { Array($0.0.utf8) },
            NameFrequencies.femaleMiddle.map { Array($0.0.utf8) },
        ]
        givenNames = [
            NameFrequencies.maleGiven.map { Array($0.0.utf8) },
            NameFrequencies.femaleGiven.map { Array($0.0.utf8) },
        ]
    }

    /// Relative births per year still alive in 2021: flat for 1985-2021 with the 1990s
    /// bulge, then thinning with age.
    static func birthWeight(_ year: Int) -> Double {
        switch year {
        case 1985...1999: return 1.1
        case 2000...: return 1.0
        case 1970..<1985: return 0.8 + 0.3 * Double(year - 1970) / 15
        case 1955..<1970: return 0.5 + 0.3 * Double(year - 1955) / 15
        case 1940..<1955: return 0.15 + 0.35 * Double(year - 1940) / 15
        default: return 0.01 + 0.14 * Double(year - 1925) / 15
        }
    }
}
