import VaxCore

// The register: citizen i is a pure function of (seed, i), except for the 6-digit serial of
// its ID, which must be unique per (registration province, sex-century digit, birth year).
// One cheap sequential pass counts citizens per such key in index order and stores, for
// each citizen, its counter scrambled by a per-key bijection on 0..<1 000 000 (4 bytes a
// citizen: 400 MB at 100 M). Outsiders (people vaccinated but not in the register) count
// down from 999 999 per key in the shots' pass, so their IDs never collide with the register.
//
// Households are runs of 1-6 consecutive citizens inside aligned blocks of 6 indexes: a
// block's partition is drawn from (seed, block), so any citizen finds its household in O(1).
// A household shares the family name, the residence province and the phone.

/// The generated population register.
final class PopulationModel: Sendable {
    let seed: UInt64
    let count: Int
    let demography = Demography.shared
    /// The pure per-citizen parts.
    let partial: PartialModel
    /// The scrambled serial of each citizen's ID.
    private let serials: [UInt32]
    /// Citizens per ID key (see keyIndex).
    let registerCounts: [Int32]
    private let legacyIDs: Bijection

    static let keyCount = 100 * 4 * 100
    static let householdBlock = 6
    /// Builds the register's ID serials with one sequential pass.
    /// - Throws: VaxError(.usage) when a key would need more than 1 000 000 serials.
    init(count: Int, seed: UInt64, progress: (Int) -> Void) throws {
        self.seed = seed
        self.count = count
        legacyIDs = Bijection(count: 1_000_000_000, seed: seed, stream: Streams.legacyID)
        var counts = [Int32](repeating: 0, count: PopulationModel.keyCount)
        var serials = [UInt32](repeating: 0, count: count)
        let partial = PartialModel(seed: seed, count: count)
        self.partial = partial
        var i = 0
        while i < count {
            let end = min(count, i + 1 << 16)
            for j in i..<end {
                let key = partial.key(j)
                let k = PopulationModel.keyIndex(provinceCode: key.registrationCode, sex: key.sex, year: key.year)
                let n = counts[k]
                guard n < 1_000_000 else {
                    throw VaxError(.usage, "too many citizens for unique 6-digit serials per province, sex and year")
                }
                counts[k] = n + 1
                serials[j] = UInt32(PopulationModel.serialBijection(seed: seed, key: k).apply(UInt64(n)))
            }
            progress(end - i)
            i = end
        }
        self.serials = serials
        registerCounts = counts
    }

    /// The per-key serial scrambler.
    @inline(__always)
    static func serialBijection(seed: UInt64, key: Int) -> Bijection {
        Bijection(count: 1_000_000, seed: seed, stream: Streams.serial &+ UInt64(key) << 8)
    }

    /// The index of an ID key: registration province code, sex-century digit, year's 2 digits.
    @inline(__always)
    static func keyIndex(provinceCode: Int, sex: Sex, year: Int) -> Int {
        let digit = (year >= 2000 ? 2 : 0) + (sex == .female ? 1 : 0)
        return (provinceCode * 4 + digit) * 100 + year % 100
    }

    /// Citizen i. - Complexity: O(1).
    func citizen(_ i: Int) -> Citizen {
        let key = partial.key(i)
        var rng = SplitMix64(seed: seed, stream: Streams.citizenDetails, index: UInt64(i))
        var citizen = PopulationModel.details(key: key, rng: &rng, demography: demography)
        citizen.index = i
        citizen.id = CitizenID.make(
            provinceCode: key.registrationCode, sex: key.sex, birthYear: key.year,
            serial: Int(serials[i]))
        let hasLegacy = key.year <= 2005 && rng.chance(0.5)
        citizen.legacyID = hasLegacy ? Int(legacyIDs.apply(UInt64(i))) : nil
        return citizen
    }

    /// The parts of a person drawn from `rng` once the key is known (shared with outsiders).
    static func details(key: PartialModel.Key, rng: inout SplitMix64, demography: Demography) -> Citizen {
        let month = 1 + rng.below(12)
        let day = 1 + rng.below(CivilDate.daysIn(month: month, year: key.year))
        // The oldest are often registered with the year only, or year and month.
        let (yearOnly, monthOnly): (Double, Double) =
            key.year < 1945 ? (0.40, 0.10) : key.year < 1960 ? (0.10, 0.03) : key.year < 1975 ? (0.01, 0.005) : (0, 0)
        let u = rng.unit()
        let precision: DatePrecision = u < yearOnly ? .year : u < yearOnly + monthOnly ? .month : .day
        let s = key.sex == .male ? 0 : 1
        var middle1 = -1
        var middle2 = -1
        let shape = rng.unit()
        if shape >= 0.03 { middle1 = demography.middle[s].sample(&rng) }
        if shape >= 0.88 {
            middle2 = demography.middle[s].sample(&rng)
            if middle2 == middle1 { middle2 = demography.middle[s].sample(&rng) }
            if middle2 == middle1 { middle2 = -1 }
        }
        let given = demography.given[s].sample(&rng)
        return Citizen(
            index: -1, id: nil, legacyID: nil, sex: key.sex,
            birth: BirthDate(year: key.year, month: month, day: day, precision: precision),
            residence: key.residence, registration: key.registration, family: key.family,
            middle1: middle1, middle2: middle2, given: given,
            householdStart: key.householdStart, householdSize: key.householdSize, phone: key.phone)
    }
}

/// The parts of citizen i that are pure functions of (seed, i) and fix its ID key.
struct PartialModel: Sendable {
    let seed: UInt64
    let count: Int
    let demography = Demography.shared

    struct Key {
        var registration: Int
        var registrationCode: Int
        var residence: Int
        var sex: Sex
        var year: Int
        var family: Int
        var householdStart: Int
        var householdSize: Int
        var phone: UInt64
    }

    private static let householdSizes = WeightedTable([0.12, 0.18, 0.22, 0.25, 0.15, 0.08])

    /// The household holding citizen i.
    @inline(__always)
    func household(of i: Int) -> (start: Int, size: Int) {
        let block = i / PopulationModel.householdBlock
        var rng = SplitMix64(seed: seed, stream: Streams.household, index: UInt64(block))
        let position = i % PopulationModel.householdBlock
        var offset = 0
        while true {
            let size = min(PartialModel.householdSizes.sample(&rng) + 1, PopulationModel.householdBlock - offset)
            if position < offset + size {
                let start = block * PopulationModel.householdBlock + offset
                return (start, min(size, count - start))
            }
            offset += size
        }
    }

    /// The ID key and household of citizen i.
    @inline(__always)
    func key(_ i: Int) -> Key {
        let (start, size) = household(of: i)
        var house = SplitMix64(seed: seed, stream: Streams.householdAttributes, index: UInt64(start))
        let family = demography.family.sample(&house)
        let residence = demography.provinces.sample(&house)
        let phone = PartialModel.mobileNumber(&house)
        var rng = SplitMix64(seed: seed, stream: Streams.citizenKey, index: UInt64(i))
        let sex: Sex = rng.chance(0.497) ? .male : .female
        let year = Demography.firstBirthYear + demography.birthYears.sample(&rng)
        // About one in ten lives outside the province that registered their birth.
        let registration = rng.chance(0.9) ? residence : demography.provinces.sample(&rng)
        return Key(
            registration: registration, registrationCode: demography.provinceCodes[registration],
            residence: residence, sex: sex, year: year, family: family,
            householdStart: start, householdSize: size, phone: phone)
    }

    /// A Vietnamese mobile number without its leading 0: a network digit 3, 5, 7, 8 or 9,
    /// then 8 digits.
    @inline(__always)
    static func mobileNumber(_ rng: inout SplitMix64) -> UInt64 {
        let network: UInt64
        switch rng.below(5) {
        case 0: network = 3
        case 1: network = 5
        case 2: network = 7
        case 3: network = 8
        default: network = 9
        }
        return network * 100_000_000 + UInt64(rng.below(100_000_000))
    }
}
