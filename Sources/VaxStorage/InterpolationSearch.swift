/// Lower-bound search over ascending keys spread about evenly over `0..<keyRange` (hashed
/// keys, ID serials): a guess by interpolation, then galloping outwards from the guess, then
/// a binary search of the bracket. About 3 to 6 key reads where a binary search of a
/// national-size column makes 20 to 27, each a likely cache miss.
enum InterpolationSearch {
    /// The first index in `from..<count` whose key is >= `target` (`count` if none).
    /// `key(i)` must be ascending in i.
    @inline(__always)
    static func firstNotBelow(_ target: UInt64, count: Int, from: Int, keyRange: UInt64,
                              key: (Int) -> UInt64) -> Int {
        guard from < count else { return count }
        let at = guess(target, count: count, from: from, keyRange: keyRange)
        return firstNotBelow(target, count: count, from: from, guess: at, keyAtGuess: key(at), key: key)
    }

    /// Where `target` would fall in `from..<count` (non-empty) if keys were exactly uniform.
    /// Split from the search so that a caller with many searches can read every guess's key
    /// first, their cache misses overlapping (`PopulationStore.rows(of:)`).
    @inline(__always)
    static func guess(_ target: UInt64, count: Int, from: Int, keyRange: UInt64) -> Int {
        let span = UInt64(count)
        let t = min(target, keyRange - 1)
        let scaled = t.multipliedFullWidth(by: span)
        let guess = Int(truncatingIfNeeded: keyRange.dividingFullWidth((scaled.high, scaled.low)).quotient)
        return max(from, min(count - 1, guess))
    }

    /// The search from `guess` (in `from..<count`), whose key the caller read already.
    @inline(__always)
    static func firstNotBelow(_ target: UInt64, count: Int, from: Int, guess: Int, keyAtGuess: UInt64,
                              key: (Int) -> UInt64) -> Int {
        // Bracket: lo has key < target (or is `from`), hi has key >= target (or is count).
        var lo: Int, hi: Int
        if keyAtGuess < target {
            lo = guess + 1
            var step = 1
            hi = lo
            while hi < count && key(hi) < target {
                lo = hi + 1
                hi += step
                step <<= 1
            }
            hi = min(hi, count)
        } else {
            hi = guess
            var step = 1
            lo = hi
            while lo > from && key(lo - 1) >= target {
                hi = lo - 1
                lo = max(from, lo - 1 - step)
                step <<= 1
            }
        }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if key(mid) < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
