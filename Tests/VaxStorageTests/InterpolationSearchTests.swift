import Testing
import VaxCore
@testable import VaxStorage

/// The store's lookups (ID serials, key-run starts over the index samples) find the first
/// key not below a target by interpolation: it must give exactly what a plain lower bound
/// gives on any ascending keys, evenly spread or not, and read few keys on evenly spread ones.
@Suite struct InterpolationSearchTests {
    /// The first index in from..<keys.count whose key is >= target, by a linear scan.
    func plainLowerBound(_ keys: [UInt64], _ target: UInt64, from: Int) -> Int {
        var i = from
        while i < keys.count && keys[i] < target { i += 1 }
        return max(i, from)
    }

    /// Ascending keys of one shape, in 0..<range.
    func keys(_ shape: String, count: Int, range: UInt64, seed: UInt64) -> [UInt64] {
        var rng = SplitMix64(seed: seed)
        switch shape {
        case "even": return (0..<count).map { _ in rng.next() % range }.sorted()
        case "clustered": return (0..<count).map { _ in range / 2 + rng.next() % 1000 }.sorted()
        case "duplicates": return (0..<count).map { _ in (rng.next() % 7) * (range / 8) }.sorted()
        case "exponential": return (0..<count).map { UInt64(1) << UInt64(min(62, $0)) % range }.sorted()
        default: return (0..<count).map { _ in rng.next() % 3 == 0 ? rng.next() % 16 : range - 1 - rng.next() % 16 }.sorted()
        }
    }

    @Test(arguments: ["even", "clustered", "duplicates", "exponential", "ends"])
    func findsWhatAPlainLowerBoundFinds(shape: String) {
        for (count, range) in [(1, UInt64(10)), (9, 1000), (100, 1_000_000), (5000, UInt64(1) << 62)] {
            let keys = keys(shape, count: count, range: range, seed: UInt64(count))
            var rng = SplitMix64(seed: 99)
            var targets: [UInt64] = [0, 1, range - 1, range, UInt64.max]
            targets += keys.prefix(50)
            targets += keys.prefix(50).map { $0 &+ 1 }
            targets += (0..<100).map { _ in rng.next() % range }
            for target in targets {
                for from in Set([0, count / 3, count - 1, count]) {
                    let found = InterpolationSearch.firstNotBelow(target, count: count, from: from, keyRange: range) { keys[$0] }
                    #expect(found == plainLowerBound(keys, target, from: from),
                            "\(shape): \(count) keys, target \(target), from \(from)")
                }
            }
        }
    }

    /// Evenly spread keys, as hashed keys and ID serials are: a few reads, not a binary
    /// search's log2(n) (and not the 10 to 20 of one guess and galloping from it).
    @Test func readsFewKeysWhenKeysAreEvenlySpread() {
        let count = 1 << 20, range = UInt64(1) << 62
        let keys = keys("even", count: count, range: range, seed: 5)
        var rng = SplitMix64(seed: 6)
        var reads = 0
        let searches = 2000
        for _ in 0..<searches {
            let target = keys[Int(rng.next() % UInt64(count))]
            let found = InterpolationSearch.firstNotBelow(target, count: count, from: 0, keyRange: range) { i in
                reads += 1
                return keys[i]
            }
            #expect(keys[found] == target && (found == 0 || keys[found - 1] < target))
        }
        // A binary search of 2^20 keys reads 20 each.
        #expect(Double(reads) / Double(searches) < 8, "\(Double(reads) / Double(searches)) reads a search")
    }
}
