public import VaxCore

/// Which doses are decided together: the connected components of "shares a recorded phone,
/// a recorded 12-digit ID, or the same folded full name and full birth date" over the
/// accepted rows of shots.csv, built in file order.
///
/// The third key is what lets a name link meet the citizen's own ID-linked dose (the rule
/// that sends a lookalike to review, `reviewConflictingLinks`): a lookalike shares no phone
/// or ID with the person it resembles, only the name and birth date.
///
/// A component is named by its first row (the smallest accepted-row index in it), so the
/// grouping depends on the file alone: not on the batch size, the thread count or the
/// partition, and every partition computes the same grouping from one pass over the file.
///
/// Bounded so that cost stays linear:
/// - a key (phone or ID) recorded on more than `hubLimit` rows is a *hub* (a clinic's or a
///   care home's phone): it joins nothing and is no evidence between doses;
/// - a union that would make a component larger than `componentLimit` rows is refused
///   (union by size, in file order, so the refusal is deterministic too).
///
/// Memory: 8 bytes per row kept (component and last row, `UInt32`), 16 more per row and
/// the key tables while building; no object per row.
public struct ShotGroups: Sendable {
    /// Rows recorded on one key beyond which the key is a hub.
    public static let defaultHubLimit = 64
    /// Rows per component at most.
    public static let defaultComponentLimit = 1024

    /// Per accepted row: its component, named by the component's first row.
    public let component: [UInt32]
    /// Per component (indexed by its first row): the component's last row.
    public let lastRow: [UInt32]
    /// Phones recorded on more than `hubLimit` rows: no evidence between doses.
    public let hubPhones: Set<UInt64>

    /// Accepted rows grouped.
    public var rowCount: Int { component.count }

    /// Groups rows given each row's recorded phone (0 = none), recorded 12-digit ID (0 =
    /// none) and name-and-birth-date key (`nameDateKey`, 0 = none).
    /// - Complexity: O(rows · α(rows)) time; hash tables over the distinct keys.
    public init(phones: [UInt64], ids: [UInt64], nameDates: [UInt64]? = nil, hubLimit: Int = defaultHubLimit,
                componentLimit: Int = defaultComponentLimit) {
        precondition(phones.count == ids.count && (nameDates?.count ?? ids.count) == ids.count, "one key of each kind per row")
        precondition(phones.count < Int(UInt32.max), "rows are counted in 32 bits")
        let n = phones.count
        // Keys tagged in their low two bits (phone 1, ID 2, name and date 3), so that a phone
        // never meets an ID with the same digits.
        @inline(__always) func keys(_ r: Int) -> (UInt64, UInt64, UInt64) {
            let nd = nameDates?[r] ?? 0
            return (phones[r] == 0 ? 0 : phones[r] &* 4 | 1, ids[r] == 0 ? 0 : ids[r] &* 4 | 2, nd == 0 ? 0 : nd << 2 | 3)
        }
        var counts: [UInt64: UInt32] = [:]
        counts.reserveCapacity(n)
        for r in 0..<n {
            let (p, i, d) = keys(r)
            for key in [p, i, d] where key != 0 { counts[key, default: 0] += 1 }
        }
        var parent = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
            for r in 0..<n { buffer[r] = UInt32(r) }
            count = n
        }
        var size = [UInt32](repeating: 1, count: n)
        func find(_ x: UInt32) -> UInt32 {
            var root = x
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var y = x
            while parent[Int(y)] != root { let next = parent[Int(y)]; parent[Int(y)] = root; y = next }
            return root
        }
        var owner: [UInt64: UInt32] = [:]
        owner.reserveCapacity(counts.count)
        var hubs = Set<UInt64>()
        for r in 0..<n {
            let (p, i, d) = keys(r)
            for key in [p, i, d] where key != 0 {
                guard counts[key]! <= UInt32(hubLimit) else {
                    if key & 3 == 1 { hubs.insert(key >> 2) }
                    continue
                }
                guard let other = owner[key] else { owner[key] = UInt32(r); continue }
                let a = find(UInt32(r)), b = find(other)
                guard a != b, Int(size[Int(a)]) + Int(size[Int(b)]) <= componentLimit else { continue }
                // The larger tree keeps its root; ties keep the earlier row's.
                let (big, small) = size[Int(a)] > size[Int(b)] || (size[Int(a)] == size[Int(b)] && a < b) ? (a, b) : (b, a)
                parent[Int(small)] = big
                size[Int(big)] += size[Int(small)]
            }
        }
        counts = [:]
        owner = [:]
        // Name each component by its first row: rows ascend, so the first row seen per root is it.
        var first = [UInt32](repeating: UInt32.max, count: n)
        var component = [UInt32](repeating: 0, count: n)
        var last = [UInt32](repeating: 0, count: n)
        for r in 0..<n {
            let root = Int(find(UInt32(r)))
            if first[root] == UInt32.max { first[root] = UInt32(r) }
            component[r] = first[root]
            last[Int(first[root])] = UInt32(r)
        }
        self.component = component
        self.lastRow = last
        self.hubPhones = hubs
    }

    /// The name-and-birth-date key of a record: a hash of the folded full name and the
    /// birth date, or 0 when the date lacks its day (a year alone would join strangers).
    public static func nameDateKey(foldedName: [UInt8], birthDate: PartialDate?) -> UInt64 {
        guard let birthDate, birthDate.day != nil, !foldedName.isEmpty else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in foldedName { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        hash = SplitMix64.mix(hash ^ UInt64(birthDate.packed))
        return hash >> 2 == 0 ? 1 : hash >> 2
    }

    /// Whether row `row` is the last of its component: then the component can be decided.
    public func isLastOfComponent(_ row: Int) -> Bool { Int(lastRow[Int(component[row])]) == row }

    /// The partition (0..<count) that decides `row`'s component.
    public func partition(ofRow row: Int, count: Int) -> Int {
        ShotGroups.partition(ofComponent: Int(component[row]), count: count)
    }

    /// The partition of a component named by its first row: a hash of the name, so that
    /// components spread evenly whatever their order in the file.
    public static func partition(ofComponent first: Int, count: Int) -> Int {
        Int(SplitMix64.mix(UInt64(first) ^ 0x9E37_79B9_7F4A_7C15) % UInt64(count))
    }

    /// The partition of a rejected row (a row with no component), by its line.
    public static func partition(ofRejectAtLine line: Int, count: Int) -> Int {
        Int(SplitMix64.mix(UInt64(line) ^ 0xD1B5_4A32_D192_ED03) % UInt64(count))
    }
}
