public import VaxCore
public import VaxInterchange

/// The strata a shot falls in for quality reporting, from its recorded fields only, so that
/// they are the same with an answer key (generated data) and without (a clerical sample).
///
/// Dimensions: `age` (from the recorded birth year, at 2022), `sex`, `province` (where the
/// dose was given), `recorded_id` (absent, own, another person's, not registered, legacy,
/// malformed) and, with an answer key, `tag` (the generator's error tags).
public struct ShotStrata: Sendable, Equatable {
    public var ageBand: String
    public var sex: String
    public var province: String
    public var recordedID: RecordedID

    /// The dimensions, in report order.
    public static let dimensions = ["age", "sex", "province", "recorded_id", "tag"]

    public init(ageBand: String, sex: String, province: String, recordedID: RecordedID) {
        self.ageBand = ageBand
        self.sex = sex
        self.province = province
        self.recordedID = recordedID
    }

    /// The strata of row `i` of `batch`.
    public init(_ batch: ShotBatch, _ i: Int) {
        self.init(
            ageBand: ShotStrata.ageBand(birthYear: batch.birthDate(i)?.year),
            sex: batch.sex(i).map { $0 == .male ? "M" : "F" } ?? "missing",
            province: ShotStrata.twoDigits(batch.provinceCode(i)), recordedID: batch.citizenID(i))
    }

    /// The age band at 2022 of someone born in `birthYear` ("unknown" if not recorded).
    public static func ageBand(birthYear: Int?) -> String {
        guard let year = birthYear else { return "unknown" }
        let age = 2022 - year
        switch age {
        case ..<18: return "0-17"
        case 18..<40: return "18-39"
        case 40..<60: return "40-59"
        case 60..<80: return "60-79"
        default: return "80+"
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The recorded ID's stratum against `reference`, the citizen the shot belongs to (the
    /// answer key, or the clerk's or the run's citizen); `knowsOwner` false when nobody is
    /// known to own the shot, `reference` nil with `knowsOwner` for a person outside the register.
    public func idStratum(reference: CitizenID?, knowsOwner: Bool) -> String {
        switch recordedID {
        case .missing: return "absent"
        case .legacy: return "legacy"
        case .malformed: return "malformed"
        case .citizen(let id):
            guard knowsOwner else { return "present" }
            guard let reference else { return "not_registered" }
            return id == reference ? "own" : "another_persons"
        }
    }

    /// Every (dimension, stratum) pair of the shot, tags last.
    public func keys(reference: CitizenID?, knowsOwner: Bool, tags: [Substring]?) -> [String] {
        var keys = [
            "age=" + ageBand, "sex=" + sex, "province=" + province,
            "recorded_id=" + idStratum(reference: reference, knowsOwner: knowsOwner),
        ]
        if let tags {
            if tags.isEmpty { keys.append("tag=clean") } else { for t in tags { keys.append("tag=" + t) } }
        }
        return keys
    }
}
