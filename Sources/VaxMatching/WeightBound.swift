import VaxInterchange
import VaxNames

extension Comparator {
    /// The most that a register row which the recorded ID's own lookups did not find can
    /// weigh against `shot`, field by field, with the birth date at one of `dates` (all
    /// levels when nil):
    /// - a name part recorded: exact only for the recorded token, weighed by its own
    ///   frequency; equal without diacritics only for the recorded folded token, by its
    ///   frequency; otherwise typo or different (constants). Not recorded: the register's
    ///   empty token (weighed at most as the rarest token can be) or missing;
    /// - birth date, sex, province: the highest weight among the levels the shot allows;
    /// - ID: the level every row has that the ID's lookups did not find
    ///   (`unsearchedIDLevel`).
    /// With `familyDisagrees`, for rows whose family name is known to be `different`.
    /// The weights are the comparator's own, so the bound holds for any model.
    func weightBound(_ shot: RecordedShot, name: ShotName, dates: [DateLevel]? = nil, familyDisagrees: Bool = false) -> Double {
        var bound = prior
        for part in NamePart.allCases {
            let field = Field(rawValue: part.rawValue)!
            let w = weights[part.rawValue]
            if familyDisagrees && part == .family {
                bound += w[NameLevel.different.rawValue]
                continue
            }
            var best = max(w[NameLevel.similar.rawValue], w[NameLevel.different.rawValue])
            if name.normalized(part).isEmpty {
                best = max(w[NameLevel.missing.rawValue], tfWeight(field, frequency: 1))
            } else {
                if let id = name.normalizedID(part) {
                    best = max(best, tfWeight(field, frequency: store.frequency(part, normalized: id)))
                }
                if let id = name.foldedID(part) {
                    let level: NameLevel = name.isDiacriticFree(part) ? .exact : .folded
                    best = max(best, tfWeight(field, level: level, frequency: store.frequency(part, folded: id)))
                }
            }
            bound += best
        }
        let date = weights[Field.birthDate.rawValue]
        if shot.birthDate == nil {
            bound += date[DateLevel.missing.rawValue]
        } else {
            bound += (dates ?? DateLevel.allCases).map { date[$0.rawValue] }.max()!
        }
        let sex = weights[Field.sex.rawValue]
        bound += shot.sex == nil ? sex[SexLevel.missing.rawValue] : max(sex[SexLevel.agree.rawValue], sex[SexLevel.different.rawValue])
        bound += weights[Field.province.rawValue].max()!
        bound += weights[Field.citizenID.rawValue][Self.unsearchedIDLevel(shot).rawValue]
        return bound
    }

    /// The ID level of every row that the recorded ID's own lookups did not find: they find
    /// the ID's row, its one-slip variants and length variants (the register holds only
    /// well-formed IDs, PopulationReader, so none is missed), and the legacy number's rows.
    static func unsearchedIDLevel(_ shot: RecordedShot) -> IDLevel {
        switch shot.recordedID {
        case .missing, .malformed: return .missing
        case .citizen: return shot.hasSelfConsistentID ? .differentSelfConsistent : .different
        case .legacy: return .different
        }
    }
}
