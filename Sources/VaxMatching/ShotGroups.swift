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
/// Memory: 8 bytes per row kept (component and last row, `UInt32`); while building, 20
/// more per row (owners, parents, sizes) and 24 per row for the one kind of key being
/// sorted; no object per row and no hash table of keys.
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
        // For each kind of key, the row that first holds it (its owner) per row, or none for
        // a row without the key or a key of more than `hubLimit` rows. Found by sorting each
        // kind's (key, row) pairs, one kind at a time: hash tables of every key took 6 GB
        // at the national size (80 M rows, about 100 M distinct keys).
        var hubs = Set<UInt64>()
        let none = UInt32.max
        func owners(_ key: (Int) -> UInt64, hubsAreKept: Bool) -> [UInt32] {
            var keys: [UInt64] = [], rows: [UInt32] = []
            keys.reserveCapacity(n)
            rows.reserveCapacity(n)
            for r in 0..<n {
                let k = key(r)
                guard k != 0 else { continue }
                keys.append(k)
                rows.append(UInt32(r))
            }
            radixSort(keys: &keys, values: &rows, keyBits: 64)  // stable: rows ascend within a key
            var owner = [UInt32](repeating: none, count: n)
            var start = 0
            while start < keys.count {
                var end = start + 1
                while end < keys.count && keys[end] == keys[start] { end += 1 }
                if end - start > hubLimit {
                    if hubsAreKept { hubs.insert(keys[start]) }
                } else {
                    for k in start..<end { owner[Int(rows[k])] = rows[start] }
                }
                start = end
            }
            return owner
        }
        let phoneOwner = owners({ phones[$0] }, hubsAreKept: true)
        let idOwner = owners({ ids[$0] }, hubsAreKept: false)
        let nameDateOwner = owners({ nameDates?[$0] ?? 0 }, hubsAreKept: false)
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
        // Rows in order, each joined with the owners of its phone, ID and name-and-date in
        // that order: with the component limit, the order of the unions decides the groups.
        func join(_ row: UInt32, _ other: UInt32) {
            guard other != none && other != row else { return }
            let a = find(row), b = find(other)
            guard a != b, Int(size[Int(a)]) + Int(size[Int(b)]) <= componentLimit else { return }
            // The larger tree keeps its root; ties keep the earlier row's.
            let (big, small) = size[Int(a)] > size[Int(b)] || (size[Int(a)] == size[Int(b)] && a < b) ? (a, b) : (b, a)
            parent[Int(small)] = big
            size[Int(big)] += size[Int(small)]
        }
        for r in 0..<n {
            join(UInt32(r), phoneOwner[r])
            join(UInt32(r), idOwner[r])
            join(UInt32(r), nameDateOwner[r])
        }
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
