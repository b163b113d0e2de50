import VaxCore

// Renewal and revocation read from the passport entries (kind 6, docs/ledger-format.md
// "Passports"). A renewal appends a new passport entry for a citizen who has one: the latest
// passport entry of a citizen is the current one, every earlier one is superseded. A passport
// whose link decision is withdrawn (a review or complaint found the shot is not the holder's)
// must be revoked, whether current or superseded: both certify the withdrawn dose until they
// expire.

/// A passport entry and what happened to it since.
public struct PassportStanding: Sendable, Equatable {
    /// The passport entry's seq.
    public var seq: Int
    /// The passport as recorded.
    public var record: PassportRecord
    /// The seq of the later passport entry of the same citizen that superseded it (the next
    /// one), or nil if it is the citizen's current passport.
    public var supersededBy: Int?
    /// The withdrawn decisions among those it rests on, ascending (empty: none).
    public var withdrawnDecisions: [Int]
}

extension LedgerReader {
    /// The citizens with a passport entry at seq `from` or later, ascending, each once.
    /// O(entries without shot_id + passports log passports).
    /// - Throws: `.corruption` for a passport entry that does not decode.
    public func issuedCitizenIDs(fromSeq from: Int) throws -> [UInt64] {
        var out: [UInt64] = []
        try forEachPassport(fromSeq: from) { _, record in out.append(record.citizenID.rawValue) }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for id in out where unique.last != id { unique.append(id) }
        return unique
    }

    /// Every passport entry with its standing: superseded or current, and which of its
    /// decisions are in `withdrawn`. In sequence order.
    /// - Complexity: O(passport entries + decisions they name); memory one standing per passport.
    /// - Throws: `.corruption` for a passport entry that does not decode.
    public func passportStandings(withdrawn: Set<Int> = []) throws -> [PassportStanding] {
        var out: [PassportStanding] = []
        var latest: [CitizenID: Int] = [:]
        try forEachPassport(fromSeq: 0) { seq, record in
            if let previous = latest[record.citizenID] { out[previous].supersededBy = seq }
            latest[record.citizenID] = out.count
            out.append(
                PassportStanding(
                    seq: seq, record: record, supersededBy: nil,
                    withdrawnDecisions: withdrawn.isEmpty ? [] : record.decisionSeqs.filter(withdrawn.contains)))
        }
        return out
    }

    /// The passports, current or superseded, that rest on any of the `withdrawn` decision
    /// seqs: the ones to put on the revocation list. In sequence order.
    /// - Throws: `.corruption` for a passport entry that does not decode.
    public func passports(restingOnAnyOf withdrawn: Set<Int>) throws -> [PassportStanding] {
        try passportStandings(withdrawn: withdrawn).filter { !$0.withdrawnDecisions.isEmpty }
    }
}

extension LedgerReader {
    /// The decisions that passports rest on and that a person has since withdrawn
    /// (docs/ledger-format.md "Complaint entries", withdrawal): a named seq is withdrawn when
    /// its shot's effective decision (the latest final review entry) is no longer a link to
    /// the passport's citizen. A machine link a person confirmed, or relinked to the same
    /// citizen, is not withdrawn.
    /// - Throws: `.corruption` for a passport, review or complaint entry that does not decode.
    /// - Complexity: O(entries without shot_id + passport seqs); no decision is decoded.
    public func withdrawnLinks() throws -> Set<Int> {
        let people = try personDecisions()
        var out = Set<Int>()
        guard !people.final.isEmpty else { return out }
        try forEachPassport(fromSeq: 0) { _, passport in
            for named in passport.decisionSeqs {
                // A review entry stands for its shot's decision; a machine decision for itself.
                let decision = people.reviewTarget[named] ?? named
                guard let (_, latest) = people.final[decision] else { continue }
                if latest.choice != .link || latest.citizenID != passport.citizenID { out.insert(named) }
            }
        }
        return out
    }
}
