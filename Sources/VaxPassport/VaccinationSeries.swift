public import VaxCore

// The dose a passport certifies, and its dn/sd, from all of a citizen's linked doses, as the
// eHealth Network encodes vaccination series ("Guidelines on vaccination dose numbering in
// the DCC", eHN, v1.0 2021 and its booster addendum; DCC value sets §vaccination):
//
//   - Doses are counted across products in date order: a mixed primary series (AstraZeneca
//     then Pfizer) is 2/2, and a booster after it is 3/3. The recorded dose numbers are not
//     trusted: a Moderna booster typed as "1" after two Pfizer doses is dose 3.
//   - The primary series has the size of its first dose's product (2 for most, 1 for
//     Janssen, 3 for Abdala). Dose k of a primary series of n is k/n while k < n; from
//     k = n on (completion, then boosters) it is k/k.
//   - The certificate is for the latest dose; its product gives mp, ma and vp.
//
// A series is held back (no certificate, a skip reason) when it cannot be true: a linked
// dose without a full date, a dose before the holder's birth (before the earliest day the
// registered birth date allows), after the issue day, before COVID-19 vaccines existed
// (before 2020-12-01; the first authorisation outside trials was 2 Dec 2020), two doses
// fewer than `minimumDaysBetweenDoses` apart (a duplicate entry or another person's dose:
// the shortest licensed interval is 17 days, Comirnaty's 21 less the 4-day grace), or more
// than the DCC's nine doses.

/// One linked dose as recorded.
public struct RecordedDose: Sendable, Equatable {
    /// The vaccination date; only a full date counts as dated.
    public var date: PartialDate?
    /// The product's `VaccineProduct` compact code (0: unknown).
    public var productCode: UInt8
    /// The dose number as typed (not used for dn; kept for reports).
    public var recordedDoseNumber: Int?

    /// A dose as recorded.
    public init(date: PartialDate?, productCode: UInt8, recordedDoseNumber: Int? = nil) {
        self.date = date
        self.productCode = productCode
        self.recordedDoseNumber = recordedDoseNumber
    }
}

/// The series rules (see the file header).
public enum VaccinationSeries {
    /// The first day a COVID-19 vaccine could have been given outside a trial.
    public static let firstVaccinationDay = PartialDate(year: 2020, month: 12, day: 1)!
    /// Two doses closer than this are implausible.
    public static let minimumDaysBetweenDoses = 14

    /// What to certify for `doses`, or why not.
    /// - Parameters:
    ///   - birthDate: the registered birth date (any precision), nil if unknown.
    ///   - issueDay: the day of issue (a full date).
    /// - Returns: `.issue` with an empty `decisionSeqs` (the caller knows the links), or `.skip`.
    /// - Complexity: O(n log n) in the number of doses.
    public static func evaluate(_ doses: [RecordedDose], birthDate: PartialDate?, issueDay: PartialDate)
        -> CitizenVerdict
    {
        guard !doses.isEmpty else { return .skip(.noVaccinationDate) }
        var dated: [(day: Int, dose: RecordedDose)] = []
        for dose in doses {
            guard let date = dose.date, date.precision == .day else {
                return .skip(
                    dated.isEmpty && doses.allSatisfy { $0.date?.precision != .day } ? .noVaccinationDate : .undatedDose
                )
            }
            dated.append((dayNumber(date), dose))
        }
        // Date order; a same-day pair is held below, so the tie-break only fixes the order.
        dated.sort { ($0.day, $0.dose.recordedDoseNumber ?? 0) < ($1.day, $1.dose.recordedDoseNumber ?? 0) }
        if let birthDate, dated[0].day < earliestDay(birthDate) { return .skip(.doseBeforeBirth) }
        if dated[0].day < dayNumber(firstVaccinationDay) { return .skip(.doseBeforeVaccines) }
        if dated[dated.count - 1].day > dayNumber(issueDay) { return .skip(.doseAfterIssue) }
        for i in 1..<dated.count where dated[i].day - dated[i - 1].day < minimumDaysBetweenDoses {
            return .skip(.dosesTooClose)
        }
        let latest = dated[dated.count - 1].dose
        guard let product = VaccineProduct.product(code: latest.productCode) else { return .skip(.unknownVaccine) }
        let doseNumber = dated.count
        guard doseNumber <= 9 else { return .skip(.doseOutOfRange) }
        let primary = VaccineProduct.product(code: dated[0].dose.productCode)?.primaryDoses ?? 2
        let series = doseNumber < primary ? primary : doseNumber
        return .issue(
            dose: LatestDose(date: latest.date!, doseNumber: doseNumber, product: product, seriesDoses: series),
            decisionSeqs: [])
    }

    static func dayNumber(_ date: PartialDate) -> Int {
        CivilDate(year: date.year, month: date.month ?? 1, day: date.day ?? 1).dayNumber
    }

    /// The first day a partial date allows (1 January of a year-only date).
    static func earliestDay(_ date: PartialDate) -> Int { dayNumber(date) }
}
