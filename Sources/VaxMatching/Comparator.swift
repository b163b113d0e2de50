#if canImport(Glibc)
import Glibc
#endif
import VaxCore
import VaxInterchange
import VaxNames
import VaxStorage

/// Compares one recorded shot with candidate register rows and weighs the evidence.
struct Comparator {
    let store: PopulationStore
    let model: MatchModel
    /// log2 prior odds: where every pair starts.
    let prior: Double
    /// weights[field][level] = log2(m/u), precomputed.
    let weights: [[Double]]
    let citizens: Double
    /// Folded token bytes per part, for edit distances.
    let foldedText: [TokenText]

    init(store: PopulationStore, model: MatchModel) {
        self.store = store
        self.model = model
        citizens = Double(max(store.rowCount, 2))
        prior = MatchModel.priorLog2Odds(citizens: store.rowCount)
        var weights = Field.allCases.map { f in (0..<model.m[f.rawValue].count).map { model.weight(f, $0) } }
        // A recorded ID (or CMND) names exactly one citizen whatever the register's size, so
        // the chance that it is a random other citizen's falls as 1 / citizens, like the prior:
        // its u is stated for `MatchModel.uniqueIDReferenceCitizens` and scaled here. Without
        // this the pair the recorded ID finds lost log2(10) bits at every tenfold of the
        // register (the prior falls, the ID's weight stayed), and at 10 M citizens sent shots
        // with their own correct ID into the name search (recall 0.997099 → 0.997436 with it).
        let uniqueIDShift = Comparator.idWeightShift(citizens: citizens)
        weights[Field.citizenID.rawValue][IDLevel.exact.rawValue] += uniqueIDShift
        weights[Field.citizenID.rawValue][IDLevel.legacy.rawValue] += uniqueIDShift
        // A number one slip away names a handful of citizens at most, also whatever the
        // register's size: the chance that a stranger's number lies one slip from the recorded
        // one depends on the ID space, not on how many citizens there are, while the prior
        // falls as 1 / citizens. Unshifted, a shot whose ID has one wrong digit lost recall as
        // the register grew (id_digit 0.99667 at 1 M, 0.99242 at 10 M, 0.98150 at 100 M).
        weights[Field.citizenID.rawValue][IDLevel.variant.rawValue] += uniqueIDShift
        self.weights = weights
        foldedText = NamePart.allCases.map { TokenText(store.dictionaries[$0].folded) }
    }

    /// The level and weight of one name part against the registered normalized and folded token.
    func compareName(_ part: NamePart, shot: ShotName, normalized registered: UInt32, folded registeredFolded: UInt32)
        -> (NameLevel, Double)
    {
        let p = part.rawValue
        let field = Field(rawValue: p)!
        let registeredEmpty = store.isEmpty(part, normalized: registered)
        if shot.normalized(part).isEmpty {
            // Nothing recorded: agreement if the register has nothing either (no middle name).
            if registeredEmpty { return (.exact, tfWeight(field, frequency: store.frequency(part, normalized: registered))) }
            return (.missing, weights[p][NameLevel.missing.rawValue])
        }
        if let id = shot.normalizedID(part), id == registered {
            return (.exact, tfWeight(field, frequency: store.frequency(part, normalized: registered)))
        }
        if let id = shot.foldedID(part), id == registeredFolded {
            // A part recorded without any diacritics (typed on a keyboard without them) can at
            // best agree without diacritics: that is full agreement for it, weighed by how
            // common the diacritics-free token is. Otherwise the marks really differ.
            let level: NameLevel = shot.isDiacriticFree(part) ? .exact : .folded
            return (.folded, tfWeight(field, level: level, frequency: store.frequency(part, folded: registeredFolded)))
        }
        if !registeredEmpty {
            let token = shot.folded(part)
            let limit = token.count >= 6 ? 2 : 1
            let distance = token.withUnsafeBytes { editDistance($0, foldedText[p].text(registeredFolded), limit: limit) }
            if token.count >= 3 && distance <= limit {
                return (.similar, weights[p][NameLevel.similar.rawValue])
            }
        }
        return (.different, weights[p][NameLevel.different.rawValue])
    }

    /// Term-frequency adjusted weight: u is the share of citizens with this very token,
    /// floored so that a token seen once does not weigh more than the model allows.
    func tfWeight(_ field: Field, level: NameLevel = .exact, frequency: UInt32) -> Double {
        let share = max(Double(frequency) / citizens, 1 / citizens)
        let u = min(max(share, model.u[field.rawValue][level.rawValue] * 0.05), 1)
        return log2(model.m[field.rawValue][level.rawValue] / u)
    }

    func compareDate(_ recorded: PartialDate?, _ registered: PartialDate) -> DateLevel {
        guard let recorded else { return .missing }
        // Unpacked once: 0 marks an unknown month or day.
        let sy = recorded.year, sm = recorded.month ?? 0, sd = recorded.day ?? 0
        let ry = registered.year, rm = registered.month ?? 0, rd = registered.day ?? 0
        if sd != 0 && rd != 0 {
            // 01/01 is what sites (and some register offices) typed when only the year was
            // known: agreeing on it proves no more than agreeing on the year.
            if recorded == registered { return sm == 1 && sd == 1 ? .partialAgree : .exact }
            if sy == ry && sd == rm && sm == rd { return .swapped }
            if sy == ry && sm == 1 && sd == 1 { return .placeholder }
            if sm == rm && sd == rd && abs(sy - ry) == 1 { return .yearOff }
            if sy == ry { return .yearOnly }
            return .different
        }
        // At least one side partial: compare at the coarser precision.
        if sy == ry {
            if sm == 0 || rm == 0 || sm == rm { return .partialAgree }
            if sm == 1 && sd == 1 { return .placeholder }
            return .yearOnly
        }
        if abs(sy - ry) == 1 { return .yearOff }
        return .different
    }

    func compareID(_ recorded: RecordedID, candidate c: CitizenID, legacy: LegacyMatch, selfConsistent: Bool) -> IDLevel {
        switch recorded {
        case .missing: return .missing
        case .citizen(let id):
            if c == id { return .exact }
            if isNearVariant(id.rawValue, c.rawValue) { return .variant }
            return selfConsistent ? .differentSelfConsistent : .different
        case .legacy:
            switch legacy {
            case .exact: return .legacy
            case .slip: return .variant
            case .unrelated: return .different
            }
        case .malformed(let digits):
            return isLengthVariant(digits, c) ? .variant : .missing
        }
    }

    /// Compares every field and returns the levels and the posterior log2-odds.
    func compare(_ shot: RecordedShot, name: ShotName, row: StoreRow, legacy: LegacyMatch) -> (ComparisonVector, Double) {
        compare(shot, name: name, fields: store.fields(row), legacy: legacy)
    }

    func compare(_ shot: RecordedShot, name: ShotName, fields r: RowFields, legacy: LegacyMatch) -> (ComparisonVector, Double) {
        var w = prior
        let (fl, fw) = compareName(.family, shot: name, normalized: r.normalized.family, folded: r.folded.family)
        let (ml, mw) = compareName(.middle, shot: name, normalized: r.normalized.middle, folded: r.folded.middle)
        let (gl, gw) = compareName(.given, shot: name, normalized: r.normalized.given, folded: r.folded.given)
        w += fw + mw + gw
        let dl = compareDate(shot.birthDate, r.birthDate)
        w += weights[Field.birthDate.rawValue][dl.rawValue]
        let sl: SexLevel = shot.sex == nil ? .missing : shot.sex == r.sex ? .agree : .different
        w += weights[Field.sex.rawValue][sl.rawValue]
        let il = compareID(shot.recordedID, candidate: r.citizenID, legacy: legacy,
                           selfConsistent: shot.hasSelfConsistentID)
        w += weights[Field.citizenID.rawValue][il.rawValue]
        let pl: ProvinceLevel = shot.provinceCode == r.provinceCode ? .same : .different
        w += weights[Field.province.rawValue][pl.rawValue]
        return (ComparisonVector(family: fl, middle: ml, given: gl, birthDate: dl, sex: sl, citizenID: il, province: pl), w)
    }
}

extension Comparator {
    /// The bits an exact, legacy or one-slip ID weighs beyond the model's statement in a
    /// register of `citizens`: log2(citizens / `MatchModel.uniqueIDReferenceCitizens`), and
    /// only ever raised: the stated u is a floor far above an ID's true chance of naming a
    /// stranger (1 / citizens, or about 119 / the ID space for a slip), so a smaller register
    /// has no reason to trust an ID less than the reference one does (at 100 k citizens the
    /// hard profile's recall was 0.992855 lowered, 0.994747 not).
    static func idWeightShift(citizens: Double) -> Double {
        max(0, log2(citizens / Double(MatchModel.uniqueIDReferenceCitizens)))
    }

    /// What the fields of a comparison with weight `w` and `levels` say for the pair against
    /// a random citizen, without the prior and as if the shot recorded no ID: for a dose that
    /// another dose of the same person already ties to the citizen (so the prior, the chance
    /// of picking them out of the whole register, does not apply) and whose recorded ID that
    /// dose explains (a relative's number). Positive when the fields agree more than chance.
    func fieldEvidenceWithoutRecordedID(_ levels: ComparisonVector, _ w: Double) -> Double {
        let id = weights[Field.citizenID.rawValue]
        return w - prior - id[levels.citizenID.rawValue] + id[IDLevel.missing.rawValue]
    }
}

/// How a candidate row relates to the shot's recorded legacy (CMND) number: the rows the
/// store's legacy index finds for the number itself, or for the number with one slip (a
/// wrong digit or two adjacent digits swapped, looked up only when the number itself finds
/// nobody), or neither. The store's rows do not carry the legacy number, so the search says.
enum LegacyMatch { case unrelated, exact, slip }

/// Whether two 12-digit numbers differ in exactly one digit or by one adjacent swap.
func isNearVariant(_ a: UInt64, _ b: UInt64) -> Bool {
    // Walk the 12 digits from the right, remembering the first two positions that differ.
    var x = a, y = b
    var first = -1, second = -1, differences = 0
    var firstA: UInt64 = 0, firstB: UInt64 = 0, secondA: UInt64 = 0, secondB: UInt64 = 0
    for position in 0..<12 {
        let da = x % 10, db = y % 10
        if da != db {
            differences += 1
            if differences > 2 { return false }
            if first < 0 { first = position; firstA = da; firstB = db } else { second = position; secondA = da; secondB = db }
        }
        x /= 10
        y /= 10
    }
    if differences == 1 { return true }
    return differences == 2 && second == first + 1 && firstA == secondB && secondA == firstB
}

/// Whether `digits` (11 or 13 digits) is `id` with one digit dropped or one added, or (10
/// digits) `id` without its two leading zeros.
func isLengthVariant(_ digits: [UInt8], _ id: CitizenID) -> Bool {
    let target = Array(id.description.utf8)
    if digits.count == 10 { return digits.first != UInt8(ascii: "0") && target == [48, 48] + digits }
    if digits.count == 11 {
        return (0..<12).contains { i in var t = target; t.remove(at: i); return t == digits }
    }
    if digits.count == 13 {
        return (0..<13).contains { i in var d = digits; d.remove(at: i); return d == target }
    }
    return false
}
