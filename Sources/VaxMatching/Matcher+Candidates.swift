import VaxCore
import VaxInterchange
import VaxNames
import VaxStorage

extension Matcher {
    /// The rows the recorded ID points to: its own row is added by the caller; here the IDs
    /// a typo away, the legacy number's rows, or an 11/13-digit number's neighbours.
    func addIDCandidates(_ shot: RecordedShot, into search: inout CandidateSearch) {
        switch shot.recordedID {
        case .legacy(let value):
            search.legacyRows = store.rows(ofLegacy: value)
            search.pending += search.legacyRows
            if search.legacyRows.isEmpty {
                search.legacySlipRows = legacySlips(of: value)
                search.pending += search.legacySlipRows
            }
        case .citizen(let id):
            search.pending += idVariants(of: id)
        case .malformed(let digits):
            search.pending += lengthVariants(of: digits)
        case .missing:
            break
        }
    }

    /// Rows whose 9-digit legacy number is one digit off or one adjacent swap away from
    /// `legacy` (89 lookups).
    func legacySlips(of legacy: UInt32) -> [StoreRow] {
        var out: [StoreRow] = []
        forEachSlip(of: UInt64(legacy), digits: 9) { out += store.rows(ofLegacy: UInt32($0)) }
        return out
    }

    /// Rows whose ID is one digit off or one adjacent swap away from `id`. Computed on the
    /// number itself: 119 variants per shot are too many to spell out as strings.
    func idVariants(of id: CitizenID) -> [StoreRow] {
        var variants: [CitizenID] = []
        variants.reserveCapacity(128)
        forEachSlip(of: id.rawValue, digits: 12) { value in
            let variant = CitizenID(rawValue: value)
            if variant.hasValidStructure { variants.append(variant) }
        }
        return store.rows(of: variants)
    }

    /// Rows whose ID is `digits` with one digit added (11 recorded) or dropped (13 recorded),
    /// or with the two leading zeros a spreadsheet drops (10 recorded, not from 0).
    func lengthVariants(of digits: [UInt8]) -> [StoreRow] {
        guard digits.allSatisfy({ $0 &- 48 < 10 }) else { return [] }
        var out: [StoreRow] = []
        if digits.count == 10 && digits.first != UInt8(ascii: "0") {
            if let id = CitizenID(String(decoding: [48, 48] + digits, as: UTF8.self)), let row = store.row(of: id) { out.append(row) }
            return out
        }
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

    /// Adds the rows of the blocking keys that `reach` uses and the search has not looked up
    /// yet. The most selective keys come first, so that if a huge block (a common name and
    /// year in a national register) reaches the candidate limit, what is cut is the least likely.
    /// With a recorded birth date, only the rows born near it are read now (the index holds
    /// each key's rows in date order); `addFarCandidates` reads the rest if they are needed.
    func addBlockingCandidates(_ shot: RecordedShot, name: ShotName, reach: SearchReach, into search: inout CandidateSearch) {
        let wide = reach == .wide
        let window = shot.birthDate.map { PostingOrder.Window.near($0) } ?? .all
        let ranges = PostingOrder.Ranges(window)
        func lookUp(_ key: BlockingKey, _ hash: UInt64) {
            guard search.firstLookup(key, hash) else { return }
            let start = search.pending.count
            store.candidates(key, hash: hash, dates: ranges, into: &search.pending, maxCount: search.room)
            if key == .givenDate && search.pending.count > start { search.pendingByGivenName.append(start..<search.pending.count) }
            if window != .all { search.farKeys.append((key, hash)) }
        }
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
                for d in dates { lookUp(.givenDate, BlockingKey.givenDate(given: given, date: d)) }
            }
        }
        // 2. The full name where the dose was given: survives any birth-date error.
        for family in families.prefix(wide ? 3 : 1) {
            for given in givens.prefix(wide ? 3 : 1) {
                for middle in middles.isEmpty ? [emptyMiddle] : middles {
                    lookUp(.namePlace, BlockingKey.namePlace(family: family, middle: middle, given: given,
                                                            province: shot.provinceCode))
                }
            }
        }
        // 3. Family and given name + birth year: the widest, and large in a national register.
        if reach != .selective, let date = shot.birthDate {
            let years = wide ? [date.year, date.year - 1, date.year + 1] : [date.year]
            for family in families.prefix(3) {
                for given in givens.prefix(3) {
                    for year in years { lookUp(.nameYear, BlockingKey.nameYear(family: family, given: given, year: year)) }
                }
            }
        }
    }

    /// Adds the rows of the keys looked up so far whose birth dates are not near the recorded
    /// one: the search's second step, for shots the near rows did not settle.
    func addFarCandidates(_ shot: RecordedShot, into search: inout CandidateSearch) {
        let keys = search.farKeys
        search.farKeys.removeAll(keepingCapacity: true)
        guard let date = shot.birthDate else { return }
        let far = PostingOrder.Ranges(.far(date))
        for (key, hash) in keys where search.room > search.pending.count {
            store.candidates(key, hash: hash, dates: far, into: &search.pending, maxCount: search.room)
        }
    }
}

/// Calls `visit` with every number that is `value` (written with `count` digits, leading
/// zeros included) with one slip: one digit replaced (left to right, smaller digits first),
/// then two adjacent different digits swapped. 9·count + (count - 1) numbers at most.
@inline(__always)
func forEachSlip(of value: UInt64, digits count: Int, _ visit: (UInt64) -> Void) {
    var digits = [UInt64](repeating: 0, count: count)
    var rest = value
    for i in stride(from: count - 1, through: 0, by: -1) {
        digits[i] = rest % 10
        rest /= 10
    }
    var places = [UInt64](repeating: 1, count: count)  // places[i] = 10^(count - 1 - i)
    for i in stride(from: count - 2, through: 0, by: -1) { places[i] = places[i + 1] * 10 }
    for i in 0..<count {
        let base = value - digits[i] * places[i]
        for d in 0..<UInt64(10) where d != digits[i] { visit(base + d * places[i]) }
    }
    for i in 0..<(count - 1) where digits[i] != digits[i + 1] {
        let a = digits[i], b = digits[i + 1]
        visit(value - a * places[i] - b * places[i + 1] + b * places[i] + a * places[i + 1])
    }
}
