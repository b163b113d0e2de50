import VaxCore

// Doses as Viet Nam gave them: campaigns from March 2021 (peaking August-November 2021),
// children 12-17 from late 2021 and 5-11 from April 2022, boosters from November 2021; the
// second dose after the product's interval, a booster 3-6 months later, a fourth 4-7 months
// after that; nothing after 2022-12-31. A person's doses are a pure function of (seed, k).

/// The products given, with the interval between the first two doses.
enum Vaccines {
    static let names: [[UInt8]] = [
        "AstraZeneca", "Pfizer-BioNTech", "Moderna", "Sinopharm", "Sputnik V",
        "Abdala", "Hayat-Vax",
    ].map { Array($0.utf8) }
    static let primary = WeightedTable([0.36, 0.22, 0.08, 0.28, 0.02, 0.03, 0.01])
    static let booster = WeightedTable([0.25, 0.45, 0.25, 0.05, 0, 0, 0])
    /// Days between dose 1 and dose 2: minimum and spread.
    static let secondDoseGap: [(Int, Int)] = [(56, 28), (21, 21), (28, 14), (21, 14), (21, 7), (14, 7), (21, 7)]
    static let pfizer: UInt8 = 1
    static let astraZeneca: UInt8 = 0
}

/// The doses of one person.
struct Schedule: Sendable {
    var count: Int
    /// Day numbers (CivilDate) of doses 1...count.
    var dates: SIMD4<Int32>
    /// Vaccine indexes of doses 1...count.
    var vaccines: SIMD4<UInt8>

    static let campaignStart = CivilDate(year: 2021, month: 3, day: 8).dayNumber
    static let boosterStart = CivilDate(year: 2021, month: 11, day: 15).dayNumber
    static let teenStart = CivilDate(year: 2021, month: 10, day: 25).dayNumber
    static let childStart = CivilDate(year: 2022, month: 4, day: 14).dayNumber
    static let lastDay = CivilDate(year: 2022, month: 12, day: 31).dayNumber
    /// First doses by month from 2021-03 (index 0) to 2022-12 (index 21).
    static let firstDoseMonths = WeightedTable([
        0.005, 0.01, 0.02, 0.04, 0.08, 0.14, 0.18, 0.17, 0.12, 0.08,
        0.05, 0.03, 0.03, 0.02, 0.015, 0.01, 0.008, 0.006, 0.005,
        0.004, 0.003, 0.002,
    ])
    static let adultDoseCounts = WeightedTable([0.10, 0.25, 0.50, 0.15])

    /// Draws the doses of a person born in `birthYear`.
    static func make(birthYear: Int, rng: inout SplitMix64) -> Schedule {
        var wanted: Int
        var first: Int
        let monthIndex = firstDoseMonths.sample(&rng)
        let month = CivilDate(year: 2021 + (monthIndex + 2) / 12, month: (monthIndex + 2) % 12 + 1, day: 1)
        first = max(campaignStart, month.dayNumber + rng.below(28))
        if birthYear >= 2010 {
            first = max(first, childStart + rng.below(120))
            wanted = rng.chance(0.3) ? 1 : 2
        } else if birthYear >= 2004 {
            first = max(first, teenStart + rng.below(60))
            wanted = rng.chance(0.15) ? 1 : 2
        } else {
            wanted = 1 + adultDoseCounts.sample(&rng)
        }
        var schedule = Schedule(count: 0, dates: .zero, vaccines: .zero)
        var vaccine = UInt8(Vaccines.primary.sample(&rng))
        if birthYear >= 2004 { vaccine = Vaccines.pfizer }
        var day = first
        for dose in 0..<wanted {
            if dose == 1 {
                let (minimum, spread) = Vaccines.secondDoseGap[Int(vaccine)]
                day += minimum + rng.below(spread + 1)
                // Mixed schedules: some AstraZeneca first doses were followed by Pfizer.
                if vaccine == Vaccines.astraZeneca && rng.chance(0.15) { vaccine = Vaccines.pfizer }
            } else if dose == 2 {
                day = max(day + 90 + rng.below(90), boosterStart + rng.below(60))
                vaccine = UInt8(Vaccines.booster.sample(&rng))
            } else if dose == 3 {
                day += 120 + rng.below(90)
                vaccine = UInt8(Vaccines.booster.sample(&rng))
            }
            guard day <= lastDay else { break }
            schedule.dates[dose] = Int32(day)
            schedule.vaccines[dose] = vaccine
            schedule.count = dose + 1
        }
        return schedule
    }
}
