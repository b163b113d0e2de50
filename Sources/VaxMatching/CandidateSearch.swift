import VaxCore
import VaxStorage

/// One shot's candidate search, kept while it widens: each blocking key is looked up once
/// and each row is scored once, however many reaches the search goes through.
struct CandidateSearch {
    /// How many of the best candidates are kept, best first.
    let keep: Int
    /// Rows scored at most; blocks beyond it are cut deterministically (in key order, and in
    /// the order a lookup returns, which does not depend on the shard count).
    let limit: Int
    /// The best candidates so far, best first (ties by citizen ID).
    private(set) var best: [ScoredCandidate] = []
    /// Rows found and not yet scored.
    var pending: [StoreRow] = []
    /// Rows that the legacy (CMND) number found: their ID level is "legacy".
    var legacyRows: [StoreRow] = []
    /// Rows that the legacy number with one slip found, when the number itself found nobody:
    /// their ID level is "variant".
    var legacySlipRows: [StoreRow] = []
    /// Keys whose near dates were read and whose other dates were not (PostingOrder).
    var farKeys: [(BlockingKey, UInt64)] = []
    /// The places in `pending` that a given name + birth date lookup filled: their rows may
    /// be held back when their family name is another one (`Matcher.score`).
    var pendingByGivenName: [Range<Int>] = []
    /// Rows taken whose family name disagrees with the shot's, not scored yet: scored only
    /// if the other rows do not settle the shot (`Matcher.scoreNearDatesFirst`).
    var otherFamilies: [StoreRow] = []
    /// Rows scored so far (for tests and profiling).
    var rowsScored = 0
    private var seen = RowSet()
    private var lookedUp: [(BlockingKey, UInt64)] = []

    init(keep: Int, limit: Int) {
        self.keep = keep
        self.limit = limit
        best.reserveCapacity(keep + 1)
    }

    /// How many rows `pending` may hold: the rows still to be scored within the limit.
    var room: Int { max(0, limit - seen.count) }

    /// How `row` was found through the recorded legacy number.
    func legacyMatch(_ row: StoreRow) -> LegacyMatch {
        legacyRows.contains(row) ? .exact : legacySlipRows.contains(row) ? .slip : .unrelated
    }

    /// Whether `key` with `hash` is new to this search (and marks it looked up).
    mutating func firstLookup(_ key: BlockingKey, _ hash: UInt64) -> Bool {
        if lookedUp.contains(where: { $0.0 == key && $0.1 == hash }) { return false }
        lookedUp.append((key, hash))
        return true
    }

    /// The pending rows not seen before, within the limit, in the order they were found;
    /// those that a given name + birth date lookup found go to `byGivenName` instead.
    mutating func takePending(byGivenName: inout [StoreRow]) -> [StoreRow] {
        var fresh: [StoreRow] = []
        var ranges = pendingByGivenName[...]
        for (i, row) in pending.enumerated() where seen.count < limit && seen.insert(row) {
            while let r = ranges.first, r.upperBound <= i { ranges = ranges.dropFirst() }
            if let r = ranges.first, r.contains(i) { byGivenName.append(row) } else { fresh.append(row) }
        }
        pending.removeAll(keepingCapacity: true)
        pendingByGivenName.removeAll(keepingCapacity: true)
        return fresh
    }

    /// Takes the pending rows as `takePending` does (they count toward the limit) without
    /// returning them: rows the caller knows cannot be kept.
    mutating func takePendingUnread() {
        for row in pending where seen.count < limit { _ = seen.insert(row) }
        pending.removeAll(keepingCapacity: true)
        pendingByGivenName.removeAll(keepingCapacity: true)
    }

    /// Keeps `candidate` if it ranks among the best `keep`.
    mutating func offer(_ candidate: ScoredCandidate) {
        if best.count == keep, let last = best.last, !Self.ranksBefore(candidate, last) { return }
        var at = best.count
        while at > 0 && Self.ranksBefore(candidate, best[at - 1]) { at -= 1 }
        best.insert(candidate, at: at)
        if best.count > keep { best.removeLast() }
    }

    /// Higher weight first; equal weights by citizen ID, so order never depends on search order.
    @inline(__always)
    static func ranksBefore(_ a: ScoredCandidate, _ b: ScoredCandidate) -> Bool {
        a.log2Odds != b.log2Odds ? a.log2Odds > b.log2Odds : a.citizenID < b.citizenID
    }
}

/// The rows a search has taken, for telling new ones: an open-addressing table of row
/// numbers with a multiplicative hash. A `Set` hashes each row with seeded SipHash, which
/// cost 4 % of deciding a shot against a national register; rows need no protection from
/// chosen collisions (they are store positions, not input), and a search holds at most
/// its candidate limit of them.
struct RowSet {
    private var slots: [Int] = []
    private var mask = 0
    private(set) var count = 0

    /// Adds `row` (>= 0); whether it was new.
    mutating func insert(_ row: StoreRow) -> Bool {
        if count * 2 >= slots.count { grow() }
        var i = Self.slot(row, mask)
        while true {
            let held = slots[i]
            if held == row { return false }
            if held < 0 {
                slots[i] = row
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private static func slot(_ row: StoreRow, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: row) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: -1, count: max(64, old.count * 2))
        mask = slots.count - 1
        count = 0
        for row in old where row >= 0 { _ = insert(row) }
    }
}
