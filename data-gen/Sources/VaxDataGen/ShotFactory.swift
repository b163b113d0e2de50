import VaxCore
import VaxInterchange

// One row of shots.csv and truth.csv: the person's true record (register or invented),
// the dose from their schedule, then the errors of the vaccination site. Error draws come
// from the person's stream for persons whose wrong record repeats on every dose, from the
// dose's stream otherwise.

/// Formats shots and their answer key.
struct ShotFactory: Sendable {
    let population: PopulationModel
    let parameters: GeneratorParameters
    let shotIDs: Bijection

    static let shotsHeader =
        "shot_id,citizen_id,full_name,birth_date,sex,phone,province_code,facility_code,vaccine,dose_number,vaccinated_on\n"
    static let truthHeader = "shot_id,citizen_id,errors\n"

    init(population: PopulationModel, parameters: GeneratorParameters) {
        self.population = population
        self.parameters = parameters
        shotIDs = Bijection(count: 10_000_000_000, seed: parameters.seed, stream: Streams.shotID)
    }

    /// The person of a slot: a citizen of the register or an invented outsider.
    func person(_ slot: ShotSlot) -> Citizen {
        if slot.citizen >= 0 { return population.citizen(Int(slot.citizen)) }
        let (key, _) = ShotPlanner.outsiderKey(slot.person, parameters: parameters)
        var rng = SplitMix64(seed: parameters.seed, stream: Streams.outsider, index: slot.person ^ (1 << 63))
        var person = PopulationModel.details(key: key, rng: &rng, demography: population.demography)
        if parameters.profile == .hard {
            // A lookalike: someone outside the register with a registered citizen's name,
            // birth date and sex (the schedule still follows the outsider's own key).
            var look = SplitMix64(seed: parameters.seed, stream: Streams.lookalike, index: slot.person)
            if look.chance(parameters.hardRates.lookalikeShare) {
                let twin = population.citizen(look.below(population.count))
                person.family = twin.family
                person.middle1 = twin.middle1
                person.middle2 = twin.middle2
                person.given = twin.given
                person.sex = twin.sex
                person.birth = twin.birth
                if look.chance(0.5) { person.residence = twin.residence }
                person.isLookalike = true
            }
        }
        if slot.outsiderSerial >= 0 {
            person.id = CitizenID.make(
                provinceCode: key.registrationCode, sex: key.sex, birthYear: key.year,
                serial: Int(slot.outsiderSerial))
        }
        return person
    }

    /// Appends the rows of the shot in `slot`, whose global slot number is `number`.
    /// `scratch` is a reusable buffer, so that a row allocates nothing on the common path.
    func append(_ slot: ShotSlot, number: Int, shots: inout [UInt8], truth: inout [UInt8], scratch: inout [UInt8]) {
        let person = self.person(slot)
        // The planner counted the doses from the key's year; a lookalike's copied birth
        // year must not change them.
        let scheduleYear =
            slot.citizen >= 0 ? person.birth.year : ShotPlanner.outsiderKey(slot.person, parameters: parameters).key.year
        let schedule = ShotPlanner.schedule(person: slot.person, birthYear: scheduleYear, parameters: parameters)
        let dose = Int(slot.dose)
        var details = SplitMix64(
            seed: parameters.seed, stream: Streams.shotDetails, index: slot.person &* 4 &+ UInt64(dose))
        var persistence = SplitMix64(seed: parameters.seed, stream: Streams.persistence, index: slot.person)
        let persistent = persistence.nextChance(parameters.persistentErrorRate)
        var errors =
            persistent
            ? SplitMix64(seed: parameters.seed, stream: Streams.personErrors, index: slot.person)
            : SplitMix64(seed: parameters.seed, stream: Streams.shotErrors, index: slot.person &* 4 &+ UInt64(dose))
        var hard = HardErrors.none
        if parameters.profile == .hard {
            var rng =
                persistent
                ? SplitMix64(seed: parameters.seed, stream: Streams.hardPersonErrors, index: slot.person)
                : SplitMix64(seed: parameters.seed, stream: Streams.hardShotErrors, index: slot.person &* 4 &+ UInt64(dose))
            hard = HardErrors(parameters.hardRates, &rng)
        }

        // The tags go straight into the truth row after its shot_id and citizen_id.
        let shotNumber = shotIDs.apply(UInt64(number))
        truth.append(UInt8(ascii: "S"))
        RowBytes.digits(shotNumber, width: 10, to: &truth)
        truth.append(0x2C)
        if person.index >= 0, let id = person.id { RowBytes.digits(id.rawValue, width: 12, to: &truth) }
        truth.append(0x2C)
        let tagsStart = truth.count
        func tag(_ name: StaticString) {
            if truth.count > tagsStart { truth.append(0x3B) }
            RowBytes.ascii(name, to: &truth)
        }

        if person.isLookalike { tag("lookalike") }
        if hard.compound && person.id != nil { tag("compound") }

        // shot_id
        shots.append(UInt8(ascii: "S"))
        RowBytes.digits(shotNumber, width: 10, to: &shots)
        shots.append(0x2C)

        // citizen_id
        recordedID(person, &errors, hard, tag, to: &shots)
        shots.append(0x2C)

        // full_name
        scratch.removeAll(keepingCapacity: true)
        person.appendName(to: &scratch, population.demography)
        recordedName(scratch, &errors, hard, tag, to: &shots)
        shots.append(0x2C)

        // birth_date
        let vaccinated = CivilDate(dayNumber: Int(schedule.dates[dose]))
        recordedBirthDate(person.birth, &errors, hard, vaccinatedOn: vaccinated, tag, to: &shots)
        shots.append(0x2C)

        // sex
        let sexMissing = errors.nextChance(parameters.sexMissing)
        let sexWrong = errors.nextChance(parameters.sexWrong)
        if sexMissing {
            tag("sex_missing")
        } else if sexWrong {
            shots.append(person.sex == .male ? UInt8(ascii: "F") : UInt8(ascii: "M"))
            tag("sex_wrong")
        } else {
            shots.append(person.sex == .male ? UInt8(ascii: "M") : UInt8(ascii: "F"))
        }
        shots.append(0x2C)

        // phone: 0 + 9 digits, +84 + 9 digits, or not given; in the hard profile sometimes
        // with separators or the bare country code (the form picked from the number itself,
        // so that no draw is added to the standard profile's stream)
        let phoneStyle = details.unit()
        if hard.phoneFormatted && phoneStyle < 0.94 {
            RowBytes.formattedPhone(person.phone, style: Int(person.phone % 4), to: &shots)
            tag("phone_formatted")
        } else if phoneStyle < 0.72 {
            shots.append(UInt8(ascii: "0"))
            RowBytes.digits(person.phone, width: 9, to: &shots)
        } else if phoneStyle < 0.94 {
            RowBytes.ascii("+84", to: &shots)
            RowBytes.digits(person.phone, width: 9, to: &shots)
        }
        shots.append(0x2C)

        // province_code and facility_code: mostly at home, some elsewhere
        let demography = population.demography
        var home = SplitMix64(seed: parameters.seed, stream: Streams.shotDetails, index: slot.person | 1 << 62)
        var site = person.residence
        var facility = home.below(demography.facilityCounts[site])
        if details.chance(0.07) {
            site = demography.provinces.sample(&details)
            facility = details.below(demography.facilityCounts[site])
        } else if details.chance(0.2) {
            facility = details.below(demography.facilityCounts[site])
        }
        let code = UInt64(demography.provinceCodes[site])
        RowBytes.digits(code, width: 2, to: &shots)
        shots.append(0x2C)
        RowBytes.digits(code, width: 2, to: &shots)
        shots.append(0x2D)
        RowBytes.digits(UInt64(facility + 1), width: 4, to: &shots)
        shots.append(0x2C)

        // vaccine, dose_number, vaccinated_on
        shots.append(contentsOf: Vaccines.names[Int(schedule.vaccines[dose])])
        shots.append(0x2C)
        RowBytes.number(dose + 1, to: &shots)
        shots.append(0x2C)
        RowBytes.isoDate(vaccinated, to: &shots)
        shots.append(0x0A)

        truth.append(0x0A)
    }
}

extension SplitMix64 {
    /// True with probability `p`; always draws, so later draws do not depend on the outcome.
    @inline(__always)
    mutating func nextChance(_ p: Double) -> Bool { unit() < p }
}
