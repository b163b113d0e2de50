/// Lower-bound search over ascending keys spread about evenly over `0..<keyRange` (hashed
/// keys, ID serials): interpolation, repeated between the nearest keys read so far, then a
/// binary search of what is left. On evenly spread keys each step leaves about the square
/// root of the last one's error, so a national-size column is searched in 3 to 5 key reads
/// where a binary search makes 20 to 27, each a likely cache miss. (One interpolation and
/// then galloping from it, as before, read 10 to 20 keys: a single guess among n keys is
/// off by about √n/2 entries.) Keys spread unevenly cost at most `interpolationSteps` reads
/// more than a binary search.
enum InterpolationSearch {
    /// Interpolation steps before the rest is left to a binary search: enough for evenly
    /// spread keys to converge, few enough that badly spread ones stay O(log n).
    static let interpolationSteps = 6

    /// The first index in `from..<count` whose key is >= `target` (`count` if none).
    /// `key(i)` must be ascending in i.
    @inline(__always)
    static func firstNotBelow(_ target: UInt64, count: Int, from: Int, keyRange: UInt64,
                              key: (Int) -> UInt64) -> Int {
        guard from < count else { return count }
        let at = guess(target, count: count, from: from, keyRange: keyRange)
        return firstNotBelow(target, count: count, from: from, keyRange: keyRange, guess: at, keyAtGuess: key(at), key: key)
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
    static func firstNotBelow(_ target: UInt64, count: Int, from: Int, keyRange: UInt64, guess: Int, keyAtGuess: UInt64,
                              key: (Int) -> UInt64) -> Int {
        guard from < count else { return count }
        guard target > 0 else { return from }
        // The answer lies in lo...hi: keys before lo are < target, keys from hi on are >= it.
        // `below` and `above` are the nearest keys read on either side (at first stand-ins
        // just outside the range: 0 before it, keyRange after it), between which the next
        // guess is interpolated; below.key < target <= above.key always holds.
        var lo = from, hi = count
        var belowIndex = from - 1, belowKey: UInt64 = 0
        var aboveIndex = count, aboveKey = max(keyRange, target)
        var at = guess, keyAt = keyAtGuess
        for step in 1...interpolationSteps {
            if keyAt < target {
                lo = at + 1
                (belowIndex, belowKey) = (at, keyAt)
            } else {
                hi = at
                (aboveIndex, aboveKey) = (at, keyAt)
            }
            if hi - lo <= 8 || step == interpolationSteps { break }
            // Where target falls on the line between the two keys read nearest to it.
            let scaled = (target - belowKey).multipliedFullWidth(by: UInt64(aboveIndex - belowIndex))
            let offset = (aboveKey - belowKey).dividingFullWidth((scaled.high, scaled.low)).quotient
            at = max(lo, min(hi - 1, belowIndex + Int(truncatingIfNeeded: offset)))
            keyAt = key(at)
        }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if key(mid) < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
