import VaxCore
import VaxNames
import VaxStorage

extension Matcher {
    /// Decides one shot.
    public func decide(_ recorded: RecordedShot) -> MatchResult {
        let shot = readingSlips(recorded)
        let decided = decide(shot, name: nil)
        // A name of one or two words where the register holds three is often the name
        // without its family name ("Thị Huyền" for "Lê Thị Huyền"): read as typed, its first
        // word is taken for the family name and disagrees. If the shot is not linked as
        // typed, it is decided once more with the words read as middle and given name.
        guard !decided.outcome.isLink, shot.name.wordCount == 2,
              let shifted = ShotName(familyOmitted: shot.name, index: tokenIndex) else { return decided }
        let again = decide(shot, name: shifted)
        if again.outcome.isLink || (again.outcome == .review && decided.outcome == .unmatched) { return again }
        return decided
    }

    /// The shot with two typing slips read for what they are, so that they count as missing
    /// or as what was meant rather than as disagreement:
    /// - a birth date equal to the shot's own vaccination date, or after it, is that date typed
    ///   into the wrong field (nobody is vaccinated on the day they are born, let alone before):
    ///   it says nothing of the birth, so it is read as missing;
    /// - a 12-digit ID that starts with 000 has no province (codes start at 001): it is a 9-digit
    ///   CMND padded to fill the 12-digit CCCD field, and is read as that CMND.
    func readingSlips(_ recorded: RecordedShot) -> RecordedShot {
        var shot = recorded
        if let birth = shot.birthDate, let vaccinated = shot.vaccinatedOn, birth.day != nil, !(birth < vaccinated) {
            shot.birthDate = nil
        }
        if case .citizen(let id) = shot.recordedID, id.rawValue < 1_000_000_000 {
            shot.recordedID = .legacy(UInt32(id.rawValue))
        }
        return shot
    }

    /// Decides one shot, its name read as typed (`nil`) or as given.
    func decide(_ shot: RecordedShot, name given: ShotName?) -> MatchResult {
        // Fast path: the recorded ID is in the register and the rest agrees well. A name
        // typed exactly as registered needs no dictionary lookups: its tokens are the row's.
        var direct: StoreRow?
        var directFields: RowFields?
        if case .citizen(let id) = shot.recordedID, let row = store.row(of: id) {
            direct = row
            directFields = store.fields(row)
        }
        let name = given ?? directFields.flatMap { registeredText.nameIfTypedAsRegistered(shot.fullName, $0) }
            ?? ShotName(shot.name, index: tokenIndex)
        if let row = direct, let fields = directFields, case .citizen(let id) = shot.recordedID {
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, legacy: .unrelated)
            if w >= model.fastPathThreshold && levels.given != .different && levels.family != .different {
                let best = ScoredCandidate(row: row, citizenID: id, log2Odds: w, levels: levels)
                return link(shot, name: name, best: best, second: nil)
            }
        }

        // The most selective search first; widen only while the answer is not decisive.
        // Each wider reach adds only keys and rows not seen yet: nothing is scored twice.
        var search = CandidateSearch(keep: 3, limit: candidateLimit)
        if let direct { search.pending.append(direct) }
        addIDCandidates(shot, into: &search)
        score(shot, name: name, &search)
        for reach in [SearchReach.selective, .birthYear, .wide] {
            if reach == .selective ? idRowsSettle(shot, name: name, search) : isDecisive(search.best) { break }
            addBlockingCandidates(shot, name: name, reach: reach, into: &search)
            scoreNearDatesFirst(shot, name: name, &search)
        }
        var result = conclude(shot, name: name, search.best)
        result.rowsScored = search.rowsScored
        return result
    }

    /// The decision that the best candidates of a finished search give.
    func conclude(_ shot: RecordedShot, name: ShotName, _ scored: [ScoredCandidate]) -> MatchResult {
        guard let best = scored.first else {
            return MatchResult(outcome: .unmatched, citizenID: nil, log2Odds: -.infinity, score: 0, corrections: [], candidates: [])
        }
        let second = scored.count > 1 ? scored[1] : nil
        let top = Array(scored.prefix(3))
        let clearsWeights = best.log2Odds >= linkThreshold(for: best)
            && best.log2Odds - (second?.log2Odds ?? -.infinity) >= model.linkMargin
        let objection = clearsWeights ? linkObjection(shot, best) : nil
        if clearsWeights && objection == nil {
            return link(shot, name: name, best: best, second: second, top: top)
        }
        if best.log2Odds >= model.reviewThreshold {
            var result = MatchResult(outcome: .review, citizenID: best.citizenID, log2Odds: best.log2Odds,
                                     score: best.score, corrections: [], candidates: top)
            result.heldAmongStrangers = objection == .idlessAmongStrangers
            return result
        }
        return MatchResult(outcome: .unmatched, citizenID: nil, log2Odds: best.log2Odds, score: best.score,
                           corrections: [], candidates: top)
    }

    /// Whether the rows the recorded ID found (all scored, none cut by the limit) settle the
    /// shot without any lookup by name: their best is decisive and beats by the link margin
    /// the most any other row could weigh (`Comparator.weightBound`), so no row of the name
    /// search could be the best or come within the margin of it, and the decision is the one
    /// the whole search gives. (Only the lesser candidates listed with the link could differ,
    /// and a list shows them only if a dose rule holds the link for review later:
    /// `reviewConflictingLinks`.)
    /// A shot with its own ID and one field typed wrong is the common case: against 100 M
    /// citizens (800 k shots) the name search found such a shot 11 rows to score.
    func idRowsSettle(_ shot: RecordedShot, name: ShotName, _ search: CandidateSearch) -> Bool {
        guard !scoresEveryRow, search.room > 0, isDecisive(search.best) else { return false }
        return search.best[0].log2Odds - model.linkMargin >= comparator.weightBound(shot, name: name)
    }

    /// Whether the best candidate is a clear link already.
    func isDecisive(_ scored: [ScoredCandidate]) -> Bool {
        guard let best = scored.first else { return false }
        let second = scored.count > 1 ? scored[1].log2Odds : -.infinity
        return best.log2Odds >= linkThreshold(for: best) && best.log2Odds - second >= model.linkMargin
    }

    /// The weight a candidate needs to be linked: higher when no recorded ID supports it.
    func linkThreshold(for candidate: ScoredCandidate) -> Double {
        switch candidate.levels.citizenID {
        case .exact, .variant, .legacy: return model.linkThreshold
        case .missing, .different, .differentSelfConsistent: return model.idlessLinkThreshold
        }
    }

    /// Scores the rows found since the last call and keeps the best, in order; of the rows
    /// found by given name and birth date, those of another family name are held back in
    /// `search.otherFamilies` (OtherFamilyRule), their family name read alone.
    func score(_ shot: RecordedShot, name: ShotName, _ search: inout CandidateSearch) {
        var byGivenName: [StoreRow] = []
        var rows = search.takePending(byGivenName: &byGivenName)
        if !scoresEveryRow && otherFamilyRule.applies && !name.normalized(.family).isEmpty {
            // The family column of every row first, so that the cache misses overlap.
            var touched: UInt64 = 0
            for row in byGivenName { touched ^= store.touch(.family, row) }
            MemoryTouch.keep(touched)
            for row in byGivenName {
                let family = store.nameTokens(.family, row)
                let (level, _) = comparator.compareName(.family, shot: name, normalized: family.normalized, folded: family.folded)
                if level == .different { search.otherFamilies.append(row) } else { rows.append(row) }
            }
        } else {
            rows += byGivenName
        }
        score(shot, name: name, rows: rows, &search)
    }

    func score(_ shot: RecordedShot, name: ShotName, rows: [StoreRow], _ search: inout CandidateSearch) {
        // The rows' column reads first, all at once (`PopulationStore.touch`); scoring them
        // then finds them in cache.
        search.rowsScored += rows.count
        var touched: UInt64 = 0
        for row in rows { touched ^= store.touch(row) }
        MemoryTouch.keep(touched)
        for row in rows {
            let fields = store.fields(row)
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, legacy: search.legacyMatch(row))
            search.offer(ScoredCandidate(row: row, citizenID: fields.citizenID, log2Odds: w, levels: levels))
        }
    }

    /// Scores the blocking rows found since the last call, which are those born near the
    /// recorded date (PostingOrder), and then the rest of their blocks only if the near ones
    /// do not settle the shot. A block of a common name in a national register holds
    /// thousands of people: the index keeps each block in date order, so the near rows are
    /// read by binary search and the others are not touched at all.
    /// Skipping them cannot change a decisive answer: a row whose date is not near weighs
    /// less than the near winner by more than the margin, as its name agrees no better (it
    /// comes from the same block) and the recorded ID's rows are always scored in full.
    ///
    /// The rows of another family name held back by `score` are dropped when the best is
    /// decisive, unobjected and rules them out (OtherFamilyRule), and scored otherwise.
    /// Those rows, when not dropped, and the far rows are not read when three candidates are
    /// kept and the most such a row can weigh (`Comparator.weightBound`: family name
    /// `different`; the far date levels, yearOnly or different, PostingOrder) is below the
    /// third: what is kept, and so every output, is unchanged.
    func scoreNearDatesFirst(_ shot: RecordedShot, name: ShotName, _ search: inout CandidateSearch) {
        score(shot, name: name, &search)
        if !search.otherFamilies.isEmpty {
            let held = search.otherFamilies
            search.otherFamilies = []
            let ruledOut = isDecisive(search.best) && otherFamilyRule.rulesOut(shot, best: search.best[0])
                && linkObjection(shot, search.best[0]) == nil
            if !ruledOut && !cannotBeKept(shot, name: name, search, weightBound: { comparator.weightBound(shot, name: name, familyDisagrees: true) }) {
                score(shot, name: name, rows: held, &search)
            }
        }
        guard !search.farKeys.isEmpty else { return }
        if isDecisive(search.best) {
            search.farKeys.removeAll(keepingCapacity: true)
            return
        }
        addFarCandidates(shot, into: &search)
        if cannotBeKept(shot, name: name, search, weightBound: { comparator.weightBound(shot, name: name, dates: [.yearOnly, .different]) }) {
            // No row born far from the recorded date can weigh as much as the third best: none
            // would be kept, so none is read. They are still taken, so that the candidate
            // limit cuts the next reaches where it would have.
            search.takePendingUnread()
            return
        }
        score(shot, name: name, &search)
    }

    /// Whether rows that weigh at most `weightBound()` can be left unread: the search keeps
    /// its full number of candidates and the bound is below the last of them, so none of
    /// those rows would be kept. (The bound is computed only then.)
    func cannotBeKept(_ shot: RecordedShot, name: ShotName, _ search: CandidateSearch, weightBound: () -> Double) -> Bool {
        guard !scoresEveryRow, search.best.count == search.keep, let last = search.best.last else { return false }
        return weightBound() < last.log2Odds
    }

    /// The levels of a shot against an arbitrary row (random pairs for u estimation).
    func levels(_ shot: RecordedShot, row: StoreRow) -> ComparisonVector {
        let name = ShotName(shot.name, index: tokenIndex)
        return comparator.compare(shot, name: name, row: row, legacy: .unrelated).0
    }

    func link(_ shot: RecordedShot, name: ShotName, best: ScoredCandidate, second: ScoredCandidate?,
                      top: [ScoredCandidate]? = nil) -> MatchResult {
        var corrections = CorrectedFields()
        let registered = store.fields(best.row)
        let nameAgrees = NamePart.allCases.allSatisfy { part in
            let registered = registered.normalized[part]
            if name.normalized(part).isEmpty { return store.isEmpty(part, normalized: registered) }
            return name.normalizedID(part) == registered
        }
        if !nameAgrees { corrections.insert(.fullName) }
        if shot.birthDate != registered.birthDate { corrections.insert(.birthDate) }
        if shot.sex != registered.sex { corrections.insert(.sex) }
        let outcome: Outcome
        if case .citizen(let id) = shot.recordedID, id == best.citizenID {
            outcome = corrections.isEmpty ? .verified : .corrected
        } else {
            outcome = .relinked
            corrections.insert(.citizenID)
        }
        return MatchResult(outcome: outcome, citizenID: best.citizenID, log2Odds: best.log2Odds, score: best.score,
                           corrections: corrections, candidates: top ?? [best] + (second.map { [$0] } ?? []))
    }
}

/// Why a candidate that the weights would link is sent to review instead: evidence that
/// the weights, which compare the shot with registered people only, cannot see. Each is a
/// way for the shot to belong to someone outside the register (a person whose CCCD was
/// issued after the extract, a foreigner, a namesake) who shares the candidate's name and
/// birth date; a wrong link gives one person another's vaccination history, a review costs
/// a clerk a minute.
enum LinkObjection: Equatable {
    /// The recorded 12-digit ID is well formed but nobody's in the register, and it is no
    /// slip of the candidate's ID: it is most likely the shot's own person's, who is then
    /// not the candidate.
    case unregisteredID
    /// The recorded ID is another registered person's, it fits the shot's own sex and birth
    /// year (so it reads as the person's own number, not a relative's typed in its place),
    /// and its owner shares neither family name nor residence with the candidate: no
    /// household ties the number to the candidate.
    case strangersID
    /// No recorded ID supports the link and the family name was not recorded: a given name
    /// and a birth date are shared by many more people than a full name.
    case noIDNoFamilyName
    /// No recorded ID supports the link and the register's birth date makes the candidate
    /// younger than `minimumVaccinationAge` on the day of the dose: nobody that young was
    /// vaccinated, so the dose is someone else's who shares the name and birth date (or
    /// was typed with the candidate's details): a clerk must look.
    case belowVaccinationAge
    /// No ID was recorded at all, and the model says that such links (of shots with, or
    /// without, a phone) are too often people outside the register to meet its precision
    /// target (`StrangerEstimate`): only a dose of the same person, or of a household member
    /// on the same phone, proven by its own recorded ID may link it (the group rules).
    case idlessAmongStrangers

    /// Viet Nam's COVID-19 programme vaccinated nobody younger than 5 (children 5-11 from
    /// April 2022; the youngest vaccines anywhere were given from 6 months, so this is not
    /// a property of one product's licence but of the programme the shots come from).
    static let minimumVaccinationAge = 5
}

extension Matcher {
    /// The objection to linking `shot` to `candidate`, or nil if there is none.
    func linkObjection(_ shot: RecordedShot, _ candidate: ScoredCandidate) -> LinkObjection? {
        switch candidate.levels.citizenID {
        case .exact, .variant, .legacy: return nil
        case .missing, .different, .differentSelfConsistent: break
        }
        if case .citizen(let id) = shot.recordedID, id.hasValidStructure {
            let fields = store.fields(candidate.row)
            /// Whether `row` may be the candidate's relative.
            func household(_ row: StoreRow) -> Bool { Household(store.fields(row)) == Household(fields) }
            if let owner = store.row(of: id) {
                let other = store.fields(owner)
                if shot.hasSelfConsistentID && other.folded.family != fields.folded.family
                    && other.provinceCode != fields.provinceCode
                {
                    return .strangersID
                }
            } else if !isPlausibleSlip(id, of: candidate.citizenID) && !idVariants(of: id).contains(where: household) {
                // Not the candidate's number mistyped, nor a relative's number one slip off
                // (a parent's ID typed for a child, with a slip).
                return .unregisteredID
            }
        }
        if candidate.levels.family == .missing { return .noIDNoFamilyName }
        if let vaccinated = shot.vaccinatedOn,
           isYounger(than: LinkObjection.minimumVaccinationAge, born: store.fields(candidate.row).birthDate, on: vaccinated)
        {
            return .belowVaccinationAge
        }
        // The built-in model names no stratum: one test of an empty set on this path.
        if !model.idlessLinksToReview.isEmpty && shot.recordedID == .missing
            && model.idlessLinksToReview.contains(.init(phone: shot.phone))
        {
            return .idlessAmongStrangers
        }
        return nil
    }
}

/// What the register says of a citizen's household: family name (folded) and province of
/// residence. Two citizens who share both may be relatives (a parent's ID typed for a child,
/// one phone for a family); the register holds no more about households than that.
struct Household: Hashable {
    var family: UInt32
    var province: Int
    init(_ fields: RowFields) {
        family = fields.folded.family
        province = fields.provinceCode
    }
}

/// Whether someone born on `birth` is certainly younger than `years` on `day`: even at the
/// earliest birth the date allows (1 January of a year-only date, the 1st of a month-only
/// one) and the latest day `day` allows, the birthday of that age is still to come.
func isYounger(than years: Int, born birth: PartialDate, on day: PartialDate) -> Bool {
    let birthday = (birth.year + years, birth.month ?? 1, birth.day ?? 1)
    let latest = (day.year, day.month ?? 12, day.day ?? 31)
    return latest < birthday
}

/// Whether `recorded` can be `registered` typed with at most two slips, each a wrong digit
/// or two adjacent digits swapped. A stranger's number lies that close to a given one about
/// once in a hundred thousand even within one province, sex and birth year; two slips on one
/// 12-digit number are far more common than that.
func isPlausibleSlip(_ recorded: CitizenID, of registered: CitizenID) -> Bool {
    func digits(_ id: CitizenID) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 12), rest = id.rawValue
        for i in stride(from: 11, through: 0, by: -1) {
            out[i] = UInt8(rest % 10)
            rest /= 10
        }
        return out
    }
    let a = digits(recorded), b = digits(registered)
    func differences(_ x: [UInt8]) -> Int { zip(x, b).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } }
    if differences(a) <= 2 { return true }
    // One swap undone, then at most one wrong digit left.
    for i in 0..<11 where a[i] != a[i + 1] {
        var x = a
        x.swapAt(i, i + 1)
        if differences(x) <= 1 { return true }
    }
    return false
}
