import VaxCore

// The order of vaccinated persons and their doses. Person k (k = 0, 1, ...) is either an
// outsider (not in the register, share outsideRegisterRate of persons) or the next citizen
// of a seeded permutation of the register, so no citizen is chosen twice. Children under
// five are skipped. Persons are laid out dose after dose; the planner walks them in order
// and hands out windows of slots, which the generator shuffles within each window so that
// one person's doses are rarely adjacent in shots.csv.

/// One planned shot: whose dose it is.
struct ShotSlot: Sendable {
    /// The person's number k.
    var person: UInt64
    /// The citizen index, or -1 for an outsider.
    var citizen: Int32
    /// The dose, 0-based.
    var dose: UInt8
    /// An outsider's ID serial, or -1 when the outsider recorded no ID.
    var outsiderSerial: Int32
}

/// The sequential walk over persons and doses.
final class ShotPlanner {
    private let population: PopulationModel
    private let parameters: GeneratorParameters
    private let citizenOrder: Bijection
    private var nextCitizen = 0
    private var person: UInt64 = 0
    private var outsiderCounts: [Int32]
    // The person being laid out and the doses already handed out.
    private var current: ShotSlot?
    private var currentDoses = 0
    private var currentTotal = 0

    init(population: PopulationModel, parameters: GeneratorParameters) {
        self.population = population
        self.parameters = parameters
        citizenOrder = Bijection(
            count: UInt64(max(population.count, 1)), seed: parameters.seed, stream: Streams.personOrder)
        outsiderCounts = [Int32](repeating: 0, count: PopulationModel.keyCount)
    }

    /// The next `count` slots in dose order.
    /// - Throws: VaxError(.usage) when the register runs out of persons to vaccinate.
    func nextSlots(_ count: Int) throws -> [ShotSlot] {
        var slots: [ShotSlot] = []
        slots.reserveCapacity(count)
        while slots.count < count {
            if current == nil || currentDoses == 0 { try advancePerson() }
            guard var slot = current else { continue }
            slot.dose = UInt8(currentTotal - currentDoses)
            slots.append(slot)
            currentDoses -= 1
        }
        return slots
    }

    private func advancePerson() throws {
        while true {
            let k = person
            person += 1
            var rng = SplitMix64(seed: parameters.seed, stream: Streams.person, index: k)
            if rng.chance(parameters.outsideRegisterRate) {
                let key = ShotPlanner.outsiderKey(k, parameters: parameters)
                var serial: Int32 = -1
                if key.hasID {
                    let index = PopulationModel.keyIndex(
                        provinceCode: key.key.registrationCode, sex: key.key.sex,
                        year: key.key.year)
                    let taken = outsiderCounts[index]
                    guard Int(taken) + Int(population.registerCounts[index]) < 1_000_000 else { continue }
                    outsiderCounts[index] = taken + 1
                    serial = Int32(
                        PopulationModel.serialBijection(seed: parameters.seed, key: index)
                            .apply(UInt64(999_999 - Int(taken))))
                }
                let slot = ShotSlot(person: k, citizen: -1, dose: 0, outsiderSerial: serial)
                let doses = ShotPlanner.doseCount(of: slot, population: population, parameters: parameters).count
                guard doses > 0 else { continue }
                current = slot
                currentDoses = doses
                currentTotal = doses
                return
            }
            guard nextCitizen < population.count else {
                throw VaxError(
                    .usage, "more shots than the citizens can have received; raise --citizens or lower --shots")
            }
            let citizen = Int(citizenOrder.apply(UInt64(nextCitizen)))
            nextCitizen += 1
            let slot = ShotSlot(person: k, citizen: Int32(citizen), dose: 0, outsiderSerial: -1)
            let doses = ShotPlanner.doseCount(of: slot, population: population, parameters: parameters).count
            guard doses > 0 else { continue }
            current = slot
            currentDoses = doses
            currentTotal = doses
            return
        }
    }

    /// The schedule of the person in `slot`.
    static func doseCount(of slot: ShotSlot, population: PopulationModel, parameters: GeneratorParameters) -> Schedule {
        let year: Int
        if slot.citizen >= 0 {
            year = population.partial.key(Int(slot.citizen)).year
        } else {
            year = outsiderKey(slot.person, parameters: parameters).key.year
        }
        return schedule(person: slot.person, birthYear: year, parameters: parameters)
    }

    /// The schedule of person k born in `birthYear` (none for children under five).
    static func schedule(person: UInt64, birthYear year: Int, parameters: GeneratorParameters) -> Schedule {
        guard year <= 2016 else { return Schedule(count: 0, dates: .zero, vaccines: .zero) }
        var rng = SplitMix64(seed: parameters.seed, stream: Streams.person, index: person)
        _ = rng.next()  // the outsider draw
        return Schedule.make(birthYear: year, rng: &rng)
    }

    /// An outsider's key: a person drawn like a citizen, alone in a household of one.
    static func outsiderKey(_ k: UInt64, parameters: GeneratorParameters) -> (key: PartialModel.Key, hasID: Bool) {
        let demography = Demography.shared
        var rng = SplitMix64(seed: parameters.seed, stream: Streams.outsider, index: k)
        let residence = demography.provinces.sample(&rng)
        let registration = rng.chance(0.9) ? residence : demography.provinces.sample(&rng)
        let sex: Sex = rng.chance(0.5) ? .male : .female
        var year = Demography.firstBirthYear + demography.birthYears.sample(&rng)
        if year > 2016 { year -= 20 }
        let key = PartialModel.Key(
            registration: registration, registrationCode: demography.provinceCodes[registration],
            residence: residence, sex: sex, year: year,
            family: demography.family.sample(&rng), householdStart: -1, householdSize: 1,
            phone: PartialModel.mobileNumber(&rng))
        return (key, rng.chance(0.7))
    }
}
