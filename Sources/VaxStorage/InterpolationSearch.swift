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
        // The guess: where `target` would fall if keys were exactly uniform.
        let span = UInt64(count)
        let t = min(target, keyRange - 1)
        let scaled = t.multipliedFullWidth(by: span)
        var guess = Int(truncatingIfNeeded: keyRange.dividingFullWidth((scaled.high, scaled.low)).quotient)
        guess = max(from, min(count - 1, guess))
        // Bracket: lo has key < target (or is `from`), hi has key >= target (or is count).
        var lo: Int, hi: Int
        if key(guess) < target {
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
