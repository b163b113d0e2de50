/// A decision's shot_id as a 64-bit hash: the duplicate check sorts these (8 bytes per
/// decision) instead of holding every shot_id; equal hashes are confirmed byte for byte.
enum ShotKey {
    /// FNV-1a, 64 bits.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Sorts `keys` in place: LSD radix sort, four passes of 16 bits (sequential memory
    /// traffic; the comparison sort was an eighth of the verifier's time).
    /// - Complexity: O(n) time, n extra words.
    static func radixSort(_ keys: inout [UInt64]) {
        guard keys.count > 1 else { return }
        var other = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            for i in counts.indices { counts[i] = 0 }
            for k in keys { counts[Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)] += 1 }
            var sum = 0
            for i in counts.indices {
                let c = counts[i]
                counts[i] = sum
                sum += c
            }
            for k in keys {
                let digit = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
                other[counts[digit]] = k
                counts[digit] += 1
            }
            swap(&keys, &other)
        }
    }
}
