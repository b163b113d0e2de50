import VaxCore
import VaxNames

// Evidence across doses (issue 16): the doses of one group (`ShotGroups`: those sharing a
// recorded phone or a recorded ID, anywhere in the file) are decided together. Each dose
// is first decided alone; then the rules below run over the whole group, visiting doses
// in file order, so the outcome depends on the group alone: not on batches, threads or
// partitions. Only a dose that is not a link, or a name link with a phone (relinked), can
// change (`mayChangeInGroup`); every other dose is final as soon as it is decided.

extension Matcher {
    /// Decides a list of shots on up to `threads` threads, grouping them among themselves
    /// (`ShotGroups`) and deciding each group together; results in input order, identical
    /// for any thread count. `MatchRun` does the same over a whole file.
    public func decide(batch shots: [RecordedShot], threads: Int) -> [MatchResult] {
        var results = decideEach(shots, threads: threads)
        // The name-and-date key folds the raw name, exactly as the grouping pass over the
        // file does (`ShotGroups.scan`, which reads rows, not shots), so both group alike.
        let groups = ShotGroups(phones: shots.map(\.phone), ids: shots.map(\.groupID), nameDates: shots.map {
            ShotGroups.nameDateKey(foldedName: $0.fullName.withUnsafeBytes { foldName($0) }, birthDate: $0.birthDate)
        })
        var members: [UInt32: [Int]] = [:]
        for i in shots.indices { members[groups.component[i], default: []].append(i) }
        for (_, rows) in members.sorted(by: { $0.key < $1.key }) where rows.count > 1 {
            var doses = rows.map { groupDose(shots[$0], results[$0], hubPhones: groups.hubPhones) }
            var held = rows.indices.map { k -> HeldDose? in
                Matcher.mayChangeInGroup(results[rows[k]], phone: doses[k].phone)
                    ? HeldDose(shot: shots[rows[k]], result: results[rows[k]]) : nil
            }
            decideTogether(&doses, &held)
            for (k, i) in rows.enumerated() { if let h = held[k] { results[i] = h.result } }
        }
        return results
    }

    /// Decides each shot alone on up to `threads` threads; results in input order.
    public func decideEach(_ shots: [RecordedShot], threads: Int) -> [MatchResult] {
        let parts = max(1, min(shots.count / 256, threads * 8))
        let chunks = makeChunks(count: shots.count, parts: parts)
        return mapChunks(chunks, threads: threads) { range in
            range.map { self.decide(shots[$0]) }
        }.flatMap { $0 }
    }

    /// Whether the group rules may change this decision: not a link, or a name link (relinked)
    /// of a dose with a phone. Every other decision is final as soon as it is made.
    public static func mayChangeInGroup(_ result: MatchResult, phone: UInt64) -> Bool {
        !result.outcome.isLink || (result.outcome == .relinked && phone != 0)
    }

    /// What the group rules keep of a decided dose.
    public func groupDose(_ shot: RecordedShot, _ result: MatchResult, hubPhones: Set<UInt64>) -> GroupDose {
        // The folded name the shot carries since it was read: no pass rebuilds it.
        let folded = shot.name.folded
        let parts = shot.name.foldedTokens
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in folded[parts[.family]] { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x20) &* 0x100_0000_01b3
        for b in folded[parts[.given]] { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return GroupDose(phone: hubPhones.contains(shot.phone) ? 0 : shot.phone, nameKey: hash, dose: shot.doseNumber,
                         outcome: result.outcome, citizen: result.citizenID, supportedByID: result.isSupportedByRecordedID)
    }

    /// Runs the rules over one group. `doses` holds every dose of the group in file order;
    /// `held[k]` holds dose k's record and decision when `mayChangeInGroup`, else nil.
    /// - Complexity: O(group size) hash operations plus one comparison per dose linked by a rule.
    public func decideTogether(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        precondition(doses.count == held.count, "one held slot per dose")
        followIDProvenSibling(&doses, &held)
        shareEvidenceAcrossDoses(&doses, &held)
        resolveByHouseholdPhone(&doses, &held)
        linkWithinProvenHousehold(&doses, &held)
        reviewConflictingLinks(&doses, &held)
    }

    /// The doses of one person: the same phone number and the same family and given name
    /// (without diacritics), each dose number at most once (two dose 1s are two people).
    /// Visited in file order of their first dose, for determinism; sets of one dose are left out.
    func personSets(_ doses: [GroupDose], where include: (GroupDose) -> Bool) -> [[Int]] {
        struct Key: Hashable { var phone: UInt64; var name: UInt64 }
        var phones = Set<UInt64>()
        for d in doses where d.phone != 0 && include(d) { phones.insert(d.phone) }
        guard !phones.isEmpty else { return [] }
        var sets: [Key: [Int]] = [:]
        for (k, d) in doses.enumerated() where d.phone != 0 && phones.contains(d.phone) {
            sets[Key(phone: d.phone, name: d.nameKey), default: []].append(k)
        }
        return sets.values.filter { members in
            let numbers = members.map { doses[$0].dose }
            return members.count > 1 && Set(numbers).count == numbers.count
        }.sorted(by: { $0[0] < $1[0] })
    }

    /// Whether a level of the dose's own record disagrees outright with the citizen: a name
    /// part, the birth date or the sex. (Slips such as a swapped or placeholder date, a name
    /// without diacritics or a missing field are not disagreement.)
    func contradicts(_ levels: ComparisonVector) -> Bool {
        levels.family == .different || levels.given == .different || levels.middle == .different
            || levels.birthDate == .different || levels.sex == .different
    }

    /// One person's doses (`personSets`) of which exactly one citizen is proven by a dose's
    /// own recorded ID: every other dose of the set is that citizen's, unless its own record
    /// contradicts the citizen. A dose linked by name and birth date alone to someone else
    /// (a namesake born the same day, often in the province where the dose was given) is
    /// moved to the proven citizen, or to review when its record contradicts them; an
    /// undecided dose is linked when its fields, its recorded ID left aside, agree with the
    /// citizen more than chance. The sibling has already picked the citizen out of the
    /// register, so the prior does not count against the dose (a dose without a birth date,
    /// whose name alone could not single anyone out of 100 M, is plainly the sibling's); the
    /// recorded ID is left aside because the sibling explains it: a relative's number typed
    /// in the person's place is the usual reason such a dose was not linked.
    /// At 100 M citizens 3,136 of 9,144 wrong links were name links of this kind, and
    /// 111 k shots left undecided had such a sibling linked to their own citizen by ID.
    func followIDProvenSibling(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        let sets = personSets(doses) { d in !d.supportedByID && (d.outcome == .relinked || !d.outcome.isLink) }
        for members in sets {
            let proven = Set(members.filter { doses[$0].supportedByID }.compactMap { doses[$0].citizen })
            guard proven.count == 1, let citizen = proven.first, let row = store.row(of: citizen) else { continue }
            for k in members where !doses[k].supportedByID && !(doses[k].outcome.isLink && doses[k].citizen == citizen) {
                guard let h = held[k] else { continue }
                let name = ShotName(h.shot.name, index: tokenIndex)
                let (levels, w) = comparator.compare(h.shot, name: name, row: row, legacy: .unrelated)
                let candidate = ScoredCandidate(row: row, citizenID: citizen, log2Odds: w, levels: levels)
                if contradicts(levels) {
                    // Not this citizen, and the citizen's own dose says it is not a namesake
                    // either: a clerk must look.
                    guard doses[k].outcome.isLink else { continue }
                    held[k]!.result.outcome = .review
                    held[k]!.result.corrections = []
                    held[k]!.result.conflictsWithOwnDose = true
                } else {
                    guard doses[k].outcome.isLink || comparator.fieldEvidenceWithoutRecordedID(levels, w) > 0
                    else { continue }
                    let rival = h.result.candidates.first { $0.citizenID != citizen }
                    var result = link(h.shot, name: name, best: candidate, second: rival)
                    result.viaSiblingDose = true
                    held[k]!.result = result
                }
                doses[k].update(from: held[k]!.result)
            }
        }
    }

    /// One person's doses (`personSets`) without any dose proven by its own recorded ID: when
    /// the linked doses all point at one citizen, an undecided dose of the set is linked to
    /// that citizen too, provided nothing in its own record contradicts it: no name part,
    /// birth date or sex that disagrees, and no other candidate that fits its record better.
    /// (A candidate that fits equally well is what made the dose undecided; the sibling dose
    /// is the evidence that tells them apart.)
    func shareEvidenceAcrossDoses(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        for members in personSets(doses, where: { !$0.outcome.isLink }) {
            guard !members.contains(where: { doses[$0].supportedByID }) else { continue }  // `followIDProvenSibling`
            let linked = Set(members.filter { doses[$0].outcome.isLink }.compactMap { doses[$0].citizen })
            guard linked.count == 1, let citizen = linked.first, let row = store.row(of: citizen) else { continue }
            for k in members where !doses[k].outcome.isLink {
                guard let h = held[k] else { preconditionFailure("an undecided dose is always held") }
                let name = ShotName(h.shot.name, index: tokenIndex)
                let (levels, w) = comparator.compare(h.shot, name: name, row: row, legacy: .unrelated)
                let rival = h.result.candidates.first { $0.citizenID != citizen }
                let candidate = ScoredCandidate(row: row, citizenID: citizen, log2Odds: w, levels: levels)
                // The dose's own record must still make the citizen a fair candidate: a sibling
                // link breaks ties, it does not carry a record that barely resembles the citizen;
                // and siblings linked by name alone prove no more than this dose's own name, so
                // they do not outweigh its own evidence against the citizen (`linkObjection`:
                // an ID nobody in the register holds, a stranger's ID, an age too young to be
                // vaccinated, ...).
                guard !contradicts(levels), w >= model.reviewThreshold, rival.map({ $0.log2Odds <= w }) ?? true,
                      linkObjection(h.shot, candidate) == nil else { continue }
                var result = link(h.shot, name: name, best: candidate, second: rival)
                result.viaSiblingDose = true
                held[k]!.result = result
                doses[k].update(from: result)
            }
        }
    }

    /// A phone number belongs to a person or a household. When exactly one of an undecided
    /// dose's candidates already has a dose linked by its own recorded ID from the same
    /// phone, with another dose number, that candidate is the person: the rest of the
    /// household are the other candidates. Nothing in the dose's own record may contradict
    /// it, and no other candidate may fit the record better.
    func resolveByHouseholdPhone(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        var undecidedPhones = Set<UInt64>()
        for d in doses where d.phone != 0 && d.outcome == .review { undecidedPhones.insert(d.phone) }
        guard !undecidedPhones.isEmpty else { return }
        // phone → citizen → dose numbers linked by ID from that phone
        var byPhone: [UInt64: [CitizenID: Set<Int>]] = [:]
        for d in doses where d.supportedByID && undecidedPhones.contains(d.phone) {
            guard let citizen = d.citizen else { continue }
            byPhone[d.phone, default: [:]][citizen, default: []].insert(d.dose)
        }
        for k in doses.indices where doses[k].outcome == .review && doses[k].phone != 0 {
            guard let household = byPhone[doses[k].phone], let h = held[k] else { continue }
            let matches = h.result.candidates.filter { household[$0.citizenID] != nil }
            guard matches.count == 1, let chosen = matches.first,
                  !(household[chosen.citizenID]!.contains(doses[k].dose)) else { continue }
            let better = h.result.candidates.contains { $0.citizenID != chosen.citizenID && $0.log2Odds > chosen.log2Odds }
            guard !contradicts(chosen.levels), !better, chosen.log2Odds >= model.reviewThreshold else { continue }
            let name = ShotName(h.shot.name, index: tokenIndex)
            let rival = h.result.candidates.first { $0.citizenID != chosen.citizenID }
            var result = link(h.shot, name: name, best: chosen, second: rival)
            result.viaSiblingDose = true
            held[k]!.result = result
            doses[k].update(from: result)
        }
    }

    /// A dose held back from linking only because no ID was recorded where the model expects
    /// many people outside the register (`LinkObjection.idlessAmongStrangers`) is linked
    /// after all when its phone is a household's that the register confirms: another dose
    /// from the same phone is linked by its own recorded ID to a citizen with the candidate's
    /// family name and province of residence. A stranger who shares a citizen's name and
    /// birth date does not also share a phone with that citizen's relatives. Every other
    /// condition of a link must hold (weight, margin, no other objection).
    func linkWithinProvenHousehold(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        guard !model.idlessLinksToReview.isEmpty else { return }
        struct PhoneHousehold: Hashable { var phone: UInt64; var household: Household }
        var households = Set<PhoneHousehold>()
        func household(of citizen: CitizenID, phone: UInt64) -> PhoneHousehold? {
            guard let row = store.row(of: citizen) else { return nil }
            return PhoneHousehold(phone: phone, household: Household(store.fields(row)))
        }
        for d in doses where d.supportedByID && d.phone != 0 {
            if let citizen = d.citizen, let h = household(of: citizen, phone: d.phone) { households.insert(h) }
        }
        guard !households.isEmpty else { return }
        for k in doses.indices where doses[k].outcome == .review && doses[k].phone != 0 {
            guard let h = held[k], let best = h.result.candidates.first,
                  let home = household(of: best.citizenID, phone: doses[k].phone), households.contains(home),
                  linkObjection(h.shot, best) == .idlessAmongStrangers, best.log2Odds >= linkThreshold(for: best)
            else { continue }
            let second = h.result.candidates.dropFirst().first
            guard best.log2Odds - (second?.log2Odds ?? -.infinity) >= model.linkMargin else { continue }
            var result = link(h.shot, name: ShotName(h.shot.name, index: tokenIndex), best: best, second: second)
            result.viaSiblingDose = true
            held[k]!.result = result
            doses[k].update(from: result)
        }
    }

    /// A citizen who shows their ID at a vaccination site leaves a phone with it. When a dose
    /// was linked by its name and birth date alone (relinked) to a citizen whose own recorded
    /// ID links other doses of the group, and every one of those came from another phone than
    /// this dose's, nothing but the name and birth date ties this dose to the citizen and the
    /// citizen's own doses speak against it: it is most likely a lookalike (someone outside
    /// the register, or a namesake). It goes to review instead, with its candidates. (The
    /// same dose number from two phones was the first case found; a person vaccinated from
    /// another family member's phone without an ID is the case a clerk then confirms.)
    func reviewConflictingLinks(_ doses: inout [GroupDose], _ held: inout [HeldDose?]) {
        var relinkedCitizens = Set<CitizenID>()
        for d in doses where d.outcome == .relinked && d.phone != 0 {
            if let citizen = d.citizen { relinkedCitizens.insert(citizen) }
        }
        guard !relinkedCitizens.isEmpty else { return }
        // citizen → the phones of the doses their own recorded ID links
        var ownPhones: [CitizenID: Set<UInt64>] = [:]
        for d in doses where (d.outcome == .verified || d.outcome == .corrected) && d.phone != 0 {
            guard let citizen = d.citizen, relinkedCitizens.contains(citizen) else { continue }
            ownPhones[citizen, default: []].insert(d.phone)
        }
        guard !ownPhones.isEmpty else { return }
        for k in doses.indices where doses[k].outcome == .relinked && doses[k].phone != 0 {
            guard let citizen = doses[k].citizen, held[k] != nil,
                  let phones = ownPhones[citizen], !phones.contains(doses[k].phone) else { continue }
            held[k]!.result.outcome = .review
            held[k]!.result.corrections = []
            held[k]!.result.conflictsWithOwnDose = true
            doses[k].update(from: held[k]!.result)
        }
    }
}

extension RecordedShot {
    /// The recorded 12-digit ID as a grouping key, or 0.
    var groupID: UInt64 {
        if case .citizen(let id) = recordedID { return id.rawValue }
        return 0
    }
}
