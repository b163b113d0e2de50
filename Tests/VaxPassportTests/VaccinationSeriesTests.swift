import Testing
import VaxCore
import VaxPassport

/// dn/sd by the eHealth Network's rules, and implausible series held back (issue 14, finding 2).
@Suite struct VaccinationSeriesTests {
    static func code(_ name: String) -> UInt8 { Array(name.utf8).withUnsafeBytes { VaccineProduct.code(named: $0) } }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> PartialDate { PartialDate(year: y, month: m, day: d)! }
    static let issueDay = day(2022, 6, 1)
    static let birth = PartialDate(year: 1980, month: 4, day: 2)

    static func dose(_ date: PartialDate?, _ product: String, _ recorded: Int? = nil) -> RecordedDose {
        RecordedDose(date: date, productCode: code(product), recordedDoseNumber: recorded)
    }

    /// (doses, expected product, dn, sd) for series that must be certified.
    static let certified: [([RecordedDose], String, Int, Int)] = [
        ([dose(day(2021, 7, 1), "Pfizer", 1)], "Pfizer-BioNTech", 1, 2),
        ([dose(day(2021, 7, 1), "Pfizer", 1), dose(day(2021, 7, 22), "Pfizer", 2)], "Pfizer-BioNTech", 2, 2),
        // The finding: Pfizer 1, Pfizer 2, then Moderna typed "1": dose 3 of 3, not 1/2.
        (
            [
                dose(day(2021, 7, 1), "Pfizer", 1), dose(day(2021, 7, 22), "Pfizer", 2),
                dose(day(2022, 1, 5), "Moderna", 1),
            ],
            "Moderna", 3, 3
        ),
        // Recorded out of order: counted by date.
        (
            [dose(day(2022, 1, 5), "Spikevax"), dose(day(2021, 7, 1), "Comirnaty"), dose(day(2021, 8, 1), "AZ")],
            "Moderna", 3, 3
        ),
        // A mixed primary series completes: AstraZeneca then Pfizer is 2/2.
        ([dose(day(2021, 6, 1), "AstraZeneca", 1), dose(day(2021, 8, 30), "Pfizer", 1)], "Pfizer-BioNTech", 2, 2),
        // Janssen's primary series is one dose; a booster after it is 2/2.
        ([dose(day(2021, 9, 1), "Janssen")], "Janssen", 1, 1),
        ([dose(day(2021, 9, 1), "Janssen"), dose(day(2022, 2, 1), "Pfizer")], "Pfizer-BioNTech", 2, 2),
        // Abdala: three primary doses.
        ([dose(day(2021, 10, 1), "Abdala"), dose(day(2021, 10, 15), "Abdala")], "Abdala", 2, 3),
    ]

    @Test(arguments: certified.indices)
    func seriesAreCountedAcrossProductsInDateOrder(index: Int) {
        let (doses, product, dn, sd) = Self.certified[index]
        let verdict = VaccinationSeries.evaluate(doses, birthDate: Self.birth, issueDay: Self.issueDay)
        guard case .issue(let dose, _) = verdict else {
            Issue.record("case \(index): \(verdict)")
            return
        }
        #expect(dose.product.name == product && dose.doseNumber == dn && dose.seriesDoses == sd, "case \(index)")
        let certificate = VaccinationCertificate(
            registeredName: "Lê An", registeredBirthDate: Self.birth, dose: dose, uvci: "URN:UVCI:01:VN:X")
        #expect(certificate.seriesDoses == sd)
        #expect(dose.date == doses.compactMap(\.date).max())
    }

    /// (doses, birth date, reason) for series that must be held back.
    static let held: [([RecordedDose], PartialDate?, SkipReason)] = [
        ([dose(day(2021, 7, 1), "Pfizer"), dose(nil, "Pfizer"), dose(day(2021, 8, 1), "Pfizer")], birth, .undatedDose),
        ([dose(PartialDate(year: 2021, month: 7), "Pfizer"), dose(day(2021, 8, 1), "Pfizer")], birth, .undatedDose),
        ([dose(nil, "Pfizer")], birth, .noVaccinationDate),
        ([dose(day(2021, 7, 1), "Pfizer")], day(2021, 9, 1), .doseBeforeBirth),
        ([dose(day(2021, 7, 1), "Pfizer")], PartialDate(year: 2022), .doseBeforeBirth),
        ([dose(day(2021, 7, 1), "Pfizer"), dose(day(2022, 6, 2), "Pfizer")], birth, .doseAfterIssue),
        ([dose(day(2019, 11, 1), "Pfizer"), dose(day(2021, 8, 1), "Pfizer")], birth, .doseBeforeVaccines),
        ([dose(day(2021, 7, 1), "Pfizer", 1), dose(day(2021, 7, 1), "Pfizer", 2)], birth, .dosesTooClose),
        ([dose(day(2021, 7, 1), "Pfizer"), dose(day(2021, 7, 5), "Moderna")], birth, .dosesTooClose),
        ([dose(day(2021, 7, 1), "Pfizer"), dose(day(2021, 9, 1), "Nanocovax")], birth, .unknownVaccine),
        ((0..<10).map { dose(day(2021, 1 + $0, 1), "Pfizer") }, birth, .doseOutOfRange),
    ]

    @Test(arguments: held.indices)
    func implausibleSeriesAreHeldBack(index: Int) {
        let (doses, birthDate, reason) = Self.held[index]
        #expect(
            VaccinationSeries.evaluate(doses, birthDate: birthDate, issueDay: Self.issueDay) == .skip(reason),
            "case \(index)")
    }

    @Test func boundariesAreInclusiveWhereTheyShouldBe() {
        // On the issue day, on the birthday, 2020-12-01 and exactly 14 days apart: plausible.
        let edge = [Self.dose(Self.day(2020, 12, 1), "Pfizer"), Self.dose(Self.day(2020, 12, 15), "Pfizer")]
        #expect(
            VaccinationSeries.evaluate(edge, birthDate: Self.day(2020, 12, 1), issueDay: Self.day(2020, 12, 15))
                != .skip(.dosesTooClose))
        if case .issue(let dose, _) = VaccinationSeries.evaluate(edge, birthDate: nil, issueDay: Self.day(2020, 12, 15))
        {
            #expect(dose.doseNumber == 2 && dose.seriesDoses == 2)
        } else {
            Issue.record("the edge series is plausible")
        }
        #expect(VaccinationSeries.evaluate([], birthDate: nil, issueDay: Self.issueDay) == .skip(.noVaccinationDate))
    }
}
