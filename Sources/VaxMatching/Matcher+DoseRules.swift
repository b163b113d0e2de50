import VaxCore
import VaxNames

extension Matcher {
    /// Decides a batch of shots on up to `threads` threads, then lets doses of one person
    /// support each other; results are in input order and identical for any thread count.
    public func decide(batch shots: [RecordedShot], threads: Int) -> [MatchResult] {
        let parts = max(1, min(shots.count / 256, threads * 8))
        let chunks = makeChunks(count: shots.count, parts: parts)
        var results = mapChunks(chunks, threads: threads) { range in
            range.map { self.decide(shots[$0]) }
        }.flatMap { $0 }
        shareEvidenceAcrossDoses(shots, &results)
        resolveByHouseholdPhone(shots, &results)
        reviewConflictingLinks(shots, &results)
        return results
    }

    /// A phone number belongs to a person or a household. When exactly one of an undecided
    /// shot's candidates already has a dose linked by its own recorded ID from the same
    /// phone, with another dose number, that candidate is the person: the rest of the
    /// household are the other candidates. Nothing in the shot's own record may contradict
    /// it, and no other candidate may fit the record better.
    func resolveByHouseholdPhone(_ shots: [RecordedShot], _ results: inout [MatchResult]) {
        var undecidedPhones = Set<UInt64>()
        for (i, shot) in shots.enumerated() where shot.phone != 0 && results[i].outcome == .review {
            undecidedPhones.insert(shot.phone)
        }
        guard !undecidedPhones.isEmpty else { return }
        // phone → citizen → dose numbers linked by ID from that phone
        var byPhone: [UInt64: [CitizenID: Set<Int>]] = [:]
        for (i, r) in results.enumerated() where r.isSupportedByRecordedID && undecidedPhones.contains(shots[i].phone) {
            guard let citizen = r.citizenID else { continue }
            byPhone[shots[i].phone, default: [:]][citizen, default: []].insert(shots[i].doseNumber)
        }
        for i in results.indices where results[i].outcome == .review && shots[i].phone != 0 {
            guard let household = byPhone[shots[i].phone] else { continue }
            let matches = results[i].candidates.filter { household[$0.citizenID] != nil }
            guard matches.count == 1, let chosen = matches.first,
                  !(household[chosen.citizenID]!.contains(shots[i].doseNumber)) else { continue }
            let levels = chosen.levels
            let contrary = levels.family == .different || levels.given == .different || levels.middle == .different
                || levels.birthDate == .different || levels.sex == .different
            let better = results[i].candidates.contains { $0.citizenID != chosen.citizenID && $0.log2Odds > chosen.log2Odds }
            guard !contrary, !better, chosen.log2Odds >= model.reviewThreshold else { continue }
            let name = ShotName(shots[i].name, index: tokenIndex)
            let rival = results[i].candidates.first { $0.citizenID != chosen.citizenID }
            var result = link(shots[i], name: name, best: chosen, second: rival)
            result.viaSiblingDose = true
            results[i] = result
        }
    }

    /// One citizen cannot have received the same dose twice from two different phones. When
    /// a shot was linked by its name and birth date alone (relinked) to a citizen whose own
    /// recorded ID already links another shot with the same dose number but another phone,
    /// the name link is most likely a lookalike (someone outside the register, or a
    /// namesake): it goes to review instead, with its candidates.
    func reviewConflictingLinks(_ shots: [RecordedShot], _ results: inout [MatchResult]) {
        struct DoseKey: Hashable { var citizen: CitizenID; var dose: Int }
        // Only citizens that some shot was relinked to by name can be in conflict.
        var relinkedCitizens = Set<CitizenID>()
        for (i, r) in results.enumerated() where r.outcome == .relinked && shots[i].phone != 0 {
            if let citizen = r.citizenID { relinkedCitizens.insert(citizen) }
        }
        guard !relinkedCitizens.isEmpty else { return }
        var phonesByDose: [DoseKey: Set<UInt64>] = [:]
        for (i, r) in results.enumerated() where (r.outcome == .verified || r.outcome == .corrected) && shots[i].phone != 0 {
            guard let citizen = r.citizenID, shots[i].doseNumber > 0, relinkedCitizens.contains(citizen) else { continue }
            phonesByDose[DoseKey(citizen: citizen, dose: shots[i].doseNumber), default: []].insert(shots[i].phone)
        }
        guard !phonesByDose.isEmpty else { return }
        for i in results.indices where results[i].outcome == .relinked && shots[i].phone != 0 {
            guard let citizen = results[i].citizenID,
                  let phones = phonesByDose[DoseKey(citizen: citizen, dose: shots[i].doseNumber)],
                  !phones.contains(shots[i].phone) else { continue }
            results[i].outcome = .review
            results[i].corrections = []
            results[i].conflictsWithOwnDose = true
        }
    }

    /// Shots with the same phone number and the same family and given name (without
    /// diacritics) but different dose numbers are one person's doses. When the linked doses
    /// of such a group all point at one citizen, an undecided dose of the group is linked to
    /// that citizen too, provided nothing in its own record contradicts it: no name part,
    /// birth date or sex that disagrees, and no other candidate that fits its record better.
    /// (A candidate that fits equally well is what made the dose undecided; the sibling dose
    /// is the evidence that tells them apart.)
    func shareEvidenceAcrossDoses(_ shots: [RecordedShot], _ results: inout [MatchResult]) {
        struct GroupKey: Hashable { var phone: UInt64; var name: [UInt8] }
        // Only phones of undecided shots matter: key the rest only when they share one.
        var undecidedPhones = Set<UInt64>()
        for (i, shot) in shots.enumerated() where shot.phone != 0 && !results[i].outcome.isLink {
            undecidedPhones.insert(shot.phone)
        }
        guard !undecidedPhones.isEmpty else { return }
        var groups: [GroupKey: [Int]] = [:]
        for (i, shot) in shots.enumerated() where shot.phone != 0 && undecidedPhones.contains(shot.phone) {
            // The raw name folded, not the shot's folded name (which folds the normalized
            // name): the two differ for stray combining marks that normalization lets
            // compose (NormalizedNameTests), and the groups must stay as they were.
            let folded = shot.fullName.withUnsafeBytes { foldName($0) }
            let parts = NameTokens(folded)
            let key = GroupKey(phone: shot.phone, name: Array(folded[parts[.family]]) + [0x20] + Array(folded[parts[.given]]))
            groups[key, default: []].append(i)
        }
        // Visit groups in input order of their first shot, for determinism.
        for members in groups.values.sorted(by: { $0[0] < $1[0] }) where members.count > 1 {
            let doses = members.map { shots[$0].doseNumber }
            guard Set(doses).count == doses.count else { continue }  // two dose 1s: not one person
            let linked = Set(members.filter { results[$0].outcome.isLink }.compactMap { results[$0].citizenID })
            guard linked.count == 1, let citizen = linked.first, let row = store.row(of: citizen) else { continue }
            for i in members where !results[i].outcome.isLink {
                let shot = shots[i]
                let name = ShotName(shot.name, index: tokenIndex)
                let (levels, w) = comparator.compare(shot, name: name, row: row, viaLegacy: false)
                let contrary = levels.family == .different || levels.given == .different || levels.middle == .different
                    || levels.birthDate == .different || levels.sex == .different
                let rival = results[i].candidates.first { $0.citizenID != citizen }
                // The dose's own record must still make the citizen a fair candidate: a sibling
                // link breaks ties, it does not carry a record that barely resembles the citizen.
                guard !contrary, w >= model.reviewThreshold, rival.map({ $0.log2Odds <= w }) ?? true else { continue }
                var result = link(shot, name: name, best: ScoredCandidate(row: row, citizenID: citizen, log2Odds: w, levels: levels),
                                  second: rival)
                result.viaSiblingDose = true
                results[i] = result
            }
        }
    }
}
