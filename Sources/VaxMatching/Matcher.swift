#if canImport(Glibc)
import Glibc
#endif
public import VaxCore
public import VaxStorage

/// A candidate and how well it matches, for review and evidence.
public struct ScoredCandidate: Sendable {
    public var row: StoreRow
    public var citizenID: CitizenID
    /// Posterior log2-odds that the shot is this citizen's.
    public var log2Odds: Double
    public var levels: ComparisonVector

    /// The match probability in [0, 1].
    public var score: Double { 1 / (1 + exp2(-log2Odds)) }
}

/// The decision for one shot, before it is tied to the shot's ID and line.
public struct MatchResult: Sendable {
    public var outcome: Outcome
    /// The linked citizen (links), the best candidate (review), nil (unmatched).
    public var citizenID: CitizenID?
    public var log2Odds: Double
    public var score: Double
    public var corrections: CorrectedFields
    /// The best candidates, best first (up to 3), with their field levels.
    public var candidates: [ScoredCandidate]
    /// Whether the link rests on another dose of the same person (same phone and name).
    public var viaSiblingDose = false
    /// Whether a name link was withdrawn because the citizen's own ID-linked shot already
    /// has this dose number from another phone.
    public var conflictsWithOwnDose = false

    /// Whether this is a link that the shot's own recorded ID supports (exactly, a digit
    /// off, or as the legacy ID).
    public var isSupportedByRecordedID: Bool {
        guard outcome.isLink, let best = candidates.first, best.citizenID == citizenID else { return false }
        switch best.levels.citizenID {
        case .exact, .variant, .legacy: return true
        case .missing, .different, .differentSelfConsistent: return false
        }
    }

    /// Compact evidence for the ledger: the best candidate's level per field. The weight is
    /// recorded beside it; keeping numbers out of this text lets the ledger store each
    /// distinct evidence once.
    public var evidence: String {
        guard let best = candidates.first else { return "candidates=0" }
        var text = best.levels.evidence
        if viaSiblingDose { text += ";sibling_dose=1" }
        if conflictsWithOwnDose { text += ";dose_conflict=1" }
        return text
    }
}

/// How far a candidate search goes; each step is taken only when the last was not decisive.
enum SearchReach {
    /// ID paths, given name + full birth date, full name + province (exact tokens).
    case selective
    /// ... and family + given name + the recorded birth year.
    case birthYear
    /// ... with tokens a typo away and birth years one off.
    case wide
}

/// Decides shots against the population store with a Fellegi-Sunter model.
///
/// Immutable and shared by all worker threads; every decision depends only on the shot,
/// the store and the model, so results never depend on the thread count.
public final class Matcher: Sendable {
    public let store: PopulationStore
    public let model: MatchModel
    let comparator: Comparator
    let neighbours: [TokenNeighbours]
    let tokenIndex: TokenIndex
    let registeredText: RegisteredNameText
    /// The folded ID of the empty middle name (people registered without one), looked up
    /// once rather than for every shot; UInt32.max when nobody lacks a middle name.
    let emptyMiddle: UInt32
    /// Candidates scored at most per shot; blocks larger than this are cut deterministically.
    let candidateLimit = 2000

    public init(store: PopulationStore, model: MatchModel) {
        self.store = store
        self.model = model
        comparator = Comparator(store: store, model: model)
        neighbours = NamePart.allCases.map { TokenNeighbours(table: store.dictionaries[$0].folded, frequency: store.dictionaries[$0].foldedFrequency) }
        tokenIndex = TokenIndex(store.dictionaries)
        registeredText = RegisteredNameText(store.dictionaries)
        emptyMiddle = UInt32(store.dictionaries[.middle].folded.find([UInt8]()) ?? Int(UInt32.max))
    }

    /// Decides one shot.
    public func decide(_ shot: RecordedShot) -> MatchResult {
        // Fast path: the recorded ID is in the register and the rest agrees well. A name
        // typed exactly as registered needs no normalization: its tokens are the row's.
        var direct: StoreRow?
        var directFields: RowFields?
        if case .citizen(let id) = shot.recordedID, let row = store.row(of: id) {
            direct = row
            directFields = store.fields(row)
        }
        let name = directFields.flatMap { registeredText.nameIfTypedAsRegistered(shot.fullName, $0) }
            ?? ShotName(raw: shot.fullName, index: tokenIndex)
        if let row = direct, let fields = directFields, case .citizen(let id) = shot.recordedID {
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, viaLegacy: false)
            if w >= model.fastPathThreshold && levels.given != .different && levels.family != .different {
                let best = ScoredCandidate(row: row, citizenID: id, log2Odds: w, levels: levels)
                return link(shot, name: name, best: best, second: nil)
            }
        }

        // The most selective search first; widen only while the answer is not decisive.
        var scored = search(shot, name: name, direct: direct, reach: .selective)
        for reach in [SearchReach.birthYear, .wide] where !isDecisive(scored) {
            scored = search(shot, name: name, direct: direct, reach: reach)
        }
        guard let best = scored.first else {
            return MatchResult(outcome: .unmatched, citizenID: nil, log2Odds: -.infinity, score: 0, corrections: [], candidates: [])
        }
        let second = scored.count > 1 ? scored[1] : nil
        let top = Array(scored.prefix(3))
        if best.log2Odds >= linkThreshold(for: best) && best.log2Odds - (second?.log2Odds ?? -.infinity) >= model.linkMargin {
            return link(shot, name: name, best: best, second: second, top: top)
        }
        if best.log2Odds >= model.reviewThreshold {
            return MatchResult(outcome: .review, citizenID: best.citizenID, log2Odds: best.log2Odds, score: best.score,
                               corrections: [], candidates: top)
        }
        return MatchResult(outcome: .unmatched, citizenID: nil, log2Odds: best.log2Odds, score: best.score,
                           corrections: [], candidates: top)
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

    /// Every candidate the search paths find, scored, best first (ties by citizen ID).
    /// - Parameter reach: how far the blocking indexes are searched.
    func search(_ shot: RecordedShot, name: ShotName, direct: StoreRow?, reach: SearchReach, keep: Int = 3) -> [ScoredCandidate] {
        var rows: [StoreRow] = []
        var legacyRows: [StoreRow] = []
        if let direct { rows.append(direct) }
        switch shot.recordedID {
        case .legacy(let value):
            legacyRows = store.rows(ofLegacy: value)
            rows += legacyRows
        case .citizen(let id):
            rows += idVariants(of: id)
        case .malformed(let digits):
            rows += lengthVariants(of: digits)
        case .missing:
            break
        }
        blockingCandidates(shot, name: name, reach: reach, into: &rows)

        // Keep only the best `keep`, in order: a full sort of hundreds of candidates per shot
        // would cost more than scoring them.
        var seen = Set<StoreRow>(minimumCapacity: rows.count)
        var best: [ScoredCandidate] = []
        best.reserveCapacity(keep + 1)
        var scoredCount = 0
        for row in rows where seen.insert(row).inserted {
            if scoredCount >= candidateLimit { break }
            scoredCount += 1
            let fields = store.fields(row)
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, viaLegacy: legacyRows.contains(row))
            let candidate = ScoredCandidate(row: row, citizenID: fields.citizenID, log2Odds: w, levels: levels)
            if best.count == keep, let last = best.last, !ranksBefore(candidate, last) { continue }
            var at = best.count
            while at > 0 && ranksBefore(candidate, best[at - 1]) { at -= 1 }
            best.insert(candidate, at: at)
            if best.count > keep { best.removeLast() }
        }
        return best
    }

    /// Higher weight first; equal weights by citizen ID, so order never depends on search order.
    @inline(__always)
    private func ranksBefore(_ a: ScoredCandidate, _ b: ScoredCandidate) -> Bool {
        a.log2Odds != b.log2Odds ? a.log2Odds > b.log2Odds : a.citizenID < b.citizenID
    }

    /// The levels of a shot against an arbitrary row (random pairs for u estimation).
    func levels(_ shot: RecordedShot, row: StoreRow) -> ComparisonVector {
        let name = ShotName(raw: shot.fullName, index: tokenIndex)
        return comparator.compare(shot, name: name, row: row, viaLegacy: false).0
    }

    func link(_ shot: RecordedShot, name: ShotName, best: ScoredCandidate, second: ScoredCandidate?,
                      top: [ScoredCandidate]? = nil) -> MatchResult {
        var corrections = CorrectedFields()
        let registered = store.fields(best.row)
        let tokens = [registered.normalized.0, registered.normalized.1, registered.normalized.2]
        let nameAgrees = NamePart.allCases.allSatisfy { part in
            let registered = tokens[part.rawValue]
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

    // MARK: Candidate search

    /// Rows whose ID is one digit off or one adjacent swap away from `id`.
    func idVariants(of id: CitizenID) -> [StoreRow] {
        var digits = Array(id.description.utf8)
        var out: [StoreRow] = []
        func probe() {
            guard let variant = CitizenID(String(decoding: digits, as: UTF8.self)), variant.hasValidLead,
                  variant.sex != nil, Province.isValid(code: variant.provinceCode) else { return }
            if let row = store.row(of: variant) { out.append(row) }
        }
        for i in 0..<12 {
            let original = digits[i]
            for d in UInt8(ascii: "0")...UInt8(ascii: "9") where d != original {
                digits[i] = d
                probe()
            }
            digits[i] = original
        }
        for i in 0..<11 where digits[i] != digits[i + 1] {
            digits.swapAt(i, i + 1)
            probe()
            digits.swapAt(i, i + 1)
        }
        return out
    }

    /// Rows whose ID is `digits` with one digit added (11 recorded) or dropped (13 recorded).
    func lengthVariants(of digits: [UInt8]) -> [StoreRow] {
        guard digits.allSatisfy({ $0 &- 48 < 10 }) else { return [] }
        var out: [StoreRow] = []
        if digits.count == 13 {
            for i in 0..<13 {
                var d = digits
                d.remove(at: i)
                if let id = CitizenID(String(decoding: d, as: UTF8.self)), let row = store.row(of: id) { out.append(row) }
            }
        } else if digits.count == 11 {
            for i in 0...11 {
                for x in UInt8(ascii: "0")...UInt8(ascii: "9") {
                    var d = digits
                    d.insert(x, at: i)
                    if let id = CitizenID(String(decoding: d, as: UTF8.self)), let row = store.row(of: id) { out.append(row) }
                }
            }
        }
        return out
    }

    /// Candidates from the blocking indexes, as far as `reach` goes. The most selective keys
    /// come first, so that if a huge block (a common name and year in a national register)
    /// reaches the candidate limit, what is cut is the least likely.
    func blockingCandidates(_ shot: RecordedShot, name: ShotName, reach: SearchReach, into rows: inout [StoreRow]) {
        let wide = reach == .wide
        func tokens(_ part: NamePart) -> [UInt32] {
            var out: [UInt32] = name.foldedID(part).map { [$0] } ?? []
            if wide && !name.folded(part).isEmpty { out += neighbours[part.rawValue].near(Array(name.folded(part)), limit: 4) }
            return out
        }
        let families = tokens(.family), givens = tokens(.given)
        let middles: [UInt32] = name.foldedID(.middle).map { [$0] } ?? []
        // 1. Given name + full birth date (and the date with day and month swapped).
        if let date = shot.birthDate, let day = date.day, let month = date.month {
            var dates = [date]
            if day != month, let swapped = PartialDate(year: date.year, month: day, day: month) { dates.append(swapped) }
            for given in givens.prefix(3) {
                for d in dates { store.candidates(.givenDate, hash: BlockingKey.givenDate(given: given, date: d), into: &rows) }
            }
        }
        // 2. The full name where the dose was given: survives any birth-date error.
        for family in families.prefix(wide ? 3 : 1) {
            for given in givens.prefix(wide ? 3 : 1) {
                for middle in middles.isEmpty ? [emptyMiddle] : middles {
                    store.candidates(.namePlace, hash: BlockingKey.namePlace(family: family, middle: middle, given: given,
                                                                             province: shot.provinceCode), into: &rows)
                }
            }
        }
        // 3. Family and given name + birth year: the widest, and large in a national register.
        if reach != .selective, let date = shot.birthDate {
            let years = wide ? [date.year, date.year - 1, date.year + 1] : [date.year]
            for family in families.prefix(3) {
                for given in givens.prefix(3) {
                    for year in years {
                        store.candidates(.nameYear, hash: BlockingKey.nameYear(family: family, given: given, year: year), into: &rows)
                    }
                }
            }
        }
    }
}
