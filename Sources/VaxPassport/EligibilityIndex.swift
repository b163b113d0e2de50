public import VaxCore

// Which citizens get a vaccine passport, from one fact per decided shot, in 16 bytes each so
// that a national run (80 M shots) fits in about 1.3 GB, plus the sort's scratch.
//
// Packed fact:
//   key  = citizen_id (40 bits) << 24 | date (13 bits) << 11 | dose (7 bits) << 4 | weak (1 bit) << 3 | role (3 bits)
//   seq  = ledger seq of the decision (56 bits) << 8 | vaccine code (8 bits)
// date = PartialDate.packed − packed(2019), for a full date in 2019...2034, else 0 (unknown);
// dose = dose_number capped at 127, 0 unknown; vaccine = VaccineProduct code, 0 unknown.
// Sorting by (key, seq) groups a citizen's facts; the order, and so the output, is the same
// on every run. A citizen's linked doses are judged together by VaccinationSeries (a date
// outside 2019...2034 is held as undated).

/// A decided shot's part in a citizen's eligibility.
public enum ShotRole: UInt8, Sendable {
    /// A link (verified, corrected, relinked) of this citizen.
    case link = 0
    /// A shot in review with this citizen as best candidate.
    case review = 1
    /// An unmatched shot that recorded this citizen's ID.
    case unmatched = 2
}

/// Why a citizen gets no passport. The raw values are the codes written to skipped.csv.
public enum SkipReason: String, Sendable, Equatable, CaseIterable {
    /// A shot naming this citizen is in review.
    case reviewPending = "review_pending"
    /// An unmatched shot recorded this citizen's ID.
    case unmatchedShot = "unmatched_shot"
    /// No linked dose has a vaccination date.
    case noVaccinationDate = "no_vaccination_date"
    /// The latest linked dose's vaccine is not in the value-set table.
    case unknownVaccine = "unknown_vaccine"
    /// The latest dose number is beyond the DCC's 1...9.
    case doseOutOfRange = "dose_out_of_range"
    /// This ledger already holds a passport for the citizen.
    case alreadyIssued = "already_issued"
    /// A linked dose has no full vaccination date (`VaccinationSeries`).
    case undatedDose = "undated_dose"
    /// A linked dose is dated before the holder's registered birth.
    case doseBeforeBirth = "dose_before_birth"
    /// A linked dose is dated after the issue day.
    case doseAfterIssue = "dose_after_issue"
    /// A linked dose is dated before COVID-19 vaccines existed (before 2020-12-01).
    case doseBeforeVaccines = "dose_before_vaccines"
    /// Two linked doses are fewer than 14 days apart.
    case dosesTooClose = "doses_too_close"
    /// A certified dose would rest on a link whose evidence is too weak (`LinkEvidence`).
    case weakEvidence = "weak_evidence"

    /// The human sentence after the code in skipped.csv.
    public var sentence: String {
        switch self {
        case .reviewPending: return "a shot naming this citizen awaits review"
        case .unmatchedShot: return "an unmatched shot recorded this citizen's ID"
        case .noVaccinationDate: return "no linked dose has a vaccination date"
        case .unknownVaccine: return "the latest dose's vaccine has no EU value-set code"
        case .doseOutOfRange: return "the latest dose number is outside 1...9"
        case .alreadyIssued: return "this ledger already records a passport for this citizen"
        case .undatedDose: return "a linked dose has no full vaccination date"
        case .doseBeforeBirth: return "a linked dose is dated before the registered birth date"
        case .doseAfterIssue: return "a linked dose is dated after the issue day"
        case .doseBeforeVaccines: return "a linked dose is dated before COVID-19 vaccines existed (2020-12)"
        case .dosesTooClose: return "two linked doses are fewer than 14 days apart"
        case .weakEvidence: return "a dose rests on a link too weak for a passport: its record lacks two identifiers agreeing with the register or carries another ID"
        }
    }
}

/// The dose a certificate is for.
public struct LatestDose: Sendable, Equatable {
    /// The vaccination date (dt).
    public var date: PartialDate
    /// The dose number (dn).
    public var doseNumber: Int
    /// The product.
    public var product: VaccineProduct
    /// The series total (sd) when the whole series was counted (`VaccinationSeries`); nil:
    /// the product's rule for this dose alone (`VaccineProduct.seriesDoses(forDose:)`).
    public var seriesDoses: Int?

    /// A dose to certify.
    public init(date: PartialDate, doseNumber: Int, product: VaccineProduct, seriesDoses: Int? = nil) {
        self.date = date
        self.doseNumber = doseNumber
        self.product = product
        self.seriesDoses = seriesDoses
    }
}

/// The decision for one citizen.
public enum CitizenVerdict: Sendable, Equatable {
    /// Issue a certificate for `dose`, resting on the link decisions `decisionSeqs` (ascending).
    case issue(dose: LatestDose, decisionSeqs: [Int])
    /// No certificate.
    case skip(SkipReason)
}

/// One fact per decided shot, grouped by citizen. One owner; not thread-safe.
public struct EligibilityIndex: Sendable {
    struct Fact: Sendable {
        var key: UInt64
        var seqAndVaccine: UInt64
    }

    private var facts: [Fact] = []
    private var sorted = true
    private static let dateBase = PartialDate(year: 2019)!.packed
    private static let dateLimit: UInt32 = 1 << 13

    public init() {}

    /// The facts held.
    public var count: Int { facts.count }

    /// Records a decided shot.
    /// - Parameters:
    ///   - seq: the decision's ledger seq (< 2^56).
    ///   - vaccinatedOn: the recorded date; only a full date counts.
    ///   - doseNumber: the recorded dose number (nil unknown).
    ///   - vaccine: a `VaccineProduct` code (0 unknown).
    ///   - isStrong: for a link, whether a passport may rest on it (`LinkEvidence.isStrong`);
    ///     a citizen with any weak link is skipped as weak_evidence.
    public mutating func append(
        citizenID: CitizenID, role: ShotRole, seq: Int, vaccinatedOn: PartialDate?, doseNumber: Int?, vaccine: UInt8,
        isStrong: Bool = true
    ) {
        precondition(citizenID.rawValue < 1 << 40 && seq >= 0 && seq < 1 << 56, "fact out of its packed range")
        var date: UInt64 = 0
        if let d = vaccinatedOn, d.precision == .day, d.packed >= Self.dateBase,
            d.packed - Self.dateBase < Self.dateLimit
        {
            date = UInt64(d.packed - Self.dateBase)
        }
        let dose = UInt64(min(max(doseNumber ?? 0, 0), 127))
        let weak: UInt64 = role == .link && !isStrong ? 1 : 0
        let key = citizenID.rawValue << 24 | date << 11 | dose << 4 | weak << 3 | UInt64(role.rawValue)
        let fact = Fact(key: key, seqAndVaccine: UInt64(seq) << 8 | UInt64(vaccine))
        if let last = facts.last, (last.key, last.seqAndVaccine) > (fact.key, fact.seqAndVaccine) { sorted = false }
        facts.append(fact)
    }

    /// Groups the facts by citizen. O(n log n); the order does not depend on the append order.
    public mutating func sort() {
        if !sorted {
            facts.withUnsafeMutableBufferPointer { $0.sort { ($0.key, $0.seqAndVaccine) < ($1.key, $1.seqAndVaccine) } }
        }
        sorted = true
    }

    /// Calls `body` for each citizen with any fact, in ascending citizen ID, with the verdict
    /// of `VaccinationSeries` over all the citizen's linked doses, without the checks that
    /// need the birth date and the issue day (see the other overload).
    /// - Precondition: `sort()` was called after the last append.
    /// - Complexity: O(n log n) over the facts.
    public func forEachCitizen(_ body: (CitizenID, CitizenVerdict) throws -> Void) rethrows {
        try forEachCitizen(issueDay: nil, birthDate: { _ in nil }, body)
    }

    /// Calls `body` for each citizen with any fact, in ascending citizen ID, with the verdict:
    /// a pending review or an unmatched shot naming the citizen first, then
    /// `VaccinationSeries.evaluate` over every linked dose with `birthDate(citizen)` and
    /// `issueDay` (nil: no issue-day check).
    /// - Precondition: `sort()` was called after the last append.
    /// - Complexity: O(n log n) over the facts.
    public func forEachCitizen(
        issueDay: PartialDate?, birthDate: (CitizenID) throws -> PartialDate?,
        _ body: (CitizenID, CitizenVerdict) throws -> Void
    ) rethrows {
        precondition(sorted, "EligibilityIndex.sort() before forEachCitizen")
        var start = 0
        while start < facts.count {
            let citizen = facts[start].key >> 24
            var end = start + 1
            while end < facts.count && facts[end].key >> 24 == citizen { end += 1 }
            let id = CitizenID(rawValue: citizen)
            try body(id, try Self.verdict(facts[start..<end], issueDay: issueDay, birthDate: { try birthDate(id) }))
            start = end
        }
    }

    /// The verdict for one citizen's facts, sorted.
    static func verdict(
        _ group: ArraySlice<Fact>, issueDay: PartialDate?, birthDate: () throws -> PartialDate?
    ) rethrows -> CitizenVerdict {
        var seqs: [Int] = []
        var doses: [RecordedDose] = []
        var hasReview = false
        var hasUnmatched = false
        var hasWeakLink = false
        for fact in group {
            switch ShotRole(rawValue: UInt8(fact.key & 7)) {
            case .link:
                if fact.key & 8 != 0 { hasWeakLink = true }
                seqs.append(Int(fact.seqAndVaccine >> 8))
                let date = UInt32(fact.key >> 11 & 0x1FFF)
                let recorded = Int(fact.key >> 4 & 0x7F)
                doses.append(
                    RecordedDose(
                        date: date == 0 ? nil : PartialDate(packed: date + dateBase),
                        productCode: UInt8(fact.seqAndVaccine & 0xFF),
                        recordedDoseNumber: recorded == 0 ? nil : recorded))
            case .review: hasReview = true
            case .unmatched: hasUnmatched = true
            case nil: preconditionFailure("a fact's role is one of ShotRole")
            }
        }
        if hasReview { return .skip(.reviewPending) }
        if hasUnmatched { return .skip(.unmatchedShot) }
        if hasWeakLink { return .skip(.weakEvidence) }
        precondition(!doses.isEmpty, "a citizen's group without blockers holds a link")
        // Without an issue day, no dose is after it: the last day the packed dates can hold.
        let day = issueDay ?? PartialDate(packed: dateBase + dateLimit - 1) ?? PartialDate(year: 2030)!
        switch VaccinationSeries.evaluate(doses, birthDate: try birthDate(), issueDay: day) {
        case .issue(let dose, _):
            seqs.sort()
            return .issue(dose: dose, decisionSeqs: seqs)
        case .skip(let reason):
            return .skip(reason)
        }
    }
}
