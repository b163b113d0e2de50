import VaxCore
import VaxNames
import VaxStorage

extension Matcher {
    /// Decides one shot.
    public func decide(_ shot: RecordedShot) -> MatchResult {
        // Fast path: the recorded ID is in the register and the rest agrees well. A name
        // typed exactly as registered needs no dictionary lookups: its tokens are the row's.
        var direct: StoreRow?
        var directFields: RowFields?
        if case .citizen(let id) = shot.recordedID, let row = store.row(of: id) {
            direct = row
            directFields = store.fields(row)
        }
        let name = directFields.flatMap { registeredText.nameIfTypedAsRegistered(shot.fullName, $0) }
            ?? ShotName(shot.name, index: tokenIndex)
        if let row = direct, let fields = directFields, case .citizen(let id) = shot.recordedID {
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, viaLegacy: false)
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
            if reach != .selective && isDecisive(search.best) { break }
            addBlockingCandidates(shot, name: name, reach: reach, into: &search)
            scoreNearDatesFirst(shot, name: name, &search)
        }
        let scored = search.best
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

    /// Scores the rows found since the last call and keeps the best, in order.
    func score(_ shot: RecordedShot, name: ShotName, _ search: inout CandidateSearch) {
        score(shot, name: name, rows: search.takePending(), &search)
    }

    func score(_ shot: RecordedShot, name: ShotName, rows: [StoreRow], _ search: inout CandidateSearch) {
        for row in rows {
            let fields = store.fields(row)
            let (levels, w) = comparator.compare(shot, name: name, fields: fields, viaLegacy: search.legacyRows.contains(row))
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
    func scoreNearDatesFirst(_ shot: RecordedShot, name: ShotName, _ search: inout CandidateSearch) {
        score(shot, name: name, &search)
        guard !search.farKeys.isEmpty else { return }
        if isDecisive(search.best) {
            search.farKeys.removeAll(keepingCapacity: true)
            return
        }
        addFarCandidates(shot, into: &search)
        score(shot, name: name, &search)
    }

    /// The levels of a shot against an arbitrary row (random pairs for u estimation).
    func levels(_ shot: RecordedShot, row: StoreRow) -> ComparisonVector {
        let name = ShotName(shot.name, index: tokenIndex)
        return comparator.compare(shot, name: name, row: row, viaLegacy: false).0
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
