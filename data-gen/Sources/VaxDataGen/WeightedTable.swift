import VaxCore

/// A discrete distribution over 0..<count, sampled by binary search over cumulative shares.
///
/// Built once from weights; the cumulative sums are IEEE doubles added in a fixed order, so a
/// sample is the same on every machine.
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    /// A table whose item i has probability weights[i] / sum(weights).
    init(_ weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 }, "weights must be non-negative")
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must not all be zero")
        var running = 0.0
        var sums = weights.map { w -> Double in
            running += w
            return running / total
        }
        sums[sums.count - 1] = 1.0
        cumulative = sums
    }

    /// The number of items.
    var count: Int { cumulative.count }

    /// Draws an item. - Complexity: O(log count).
    @inline(__always)
    func sample(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        return cumulative.withUnsafeBufferPointer { sums in
            var low = 0
            var high = sums.count - 1
            while low < high {
                let mid = (low + high) >> 1
                // safe: low <= mid < high <= sums.count - 1
                if sums[mid] > u { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }
}
