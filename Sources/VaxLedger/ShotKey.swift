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
    /// traffic; the comparison sort was an eighth of the verifier's time). With `highBitsOnly`,
    /// two passes order the keys by their upper 32 bits alone (keys equal there stay in input order).
    /// - Complexity: O(n) time, n extra words.
    static func radixSort(_ keys: inout [UInt64], highBitsOnly: Bool = false) {
        let n = keys.count
        guard n > 1 else { return }
        var other = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        keys.withUnsafeMutableBufferPointer { a in
            other.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { count in
                    // safe: every index below is a 16-bit digit (< count.count) or a prefix sum
                    // of the digit counts (< n); the buffers live for the whole closure.
                    var source = a.baseAddress!
                    var target = b.baseAddress!
                    let slots = count.baseAddress!
                    // An even number of passes: the result ends in `keys`.
                    for pass in (highBitsOnly ? 2 : 0)..<4 {
                        let shift = UInt64(pass * 16)
                        slots.update(repeating: 0, count: 1 << 16)
                        for i in 0..<n { slots[Int(truncatingIfNeeded: (source[i] >> shift) & 0xFFFF)] += 1 }
                        var sum = 0
                        for d in 0..<(1 << 16) {
                            let c = slots[d]
                            slots[d] = sum
                            sum += c
                        }
                        for i in 0..<n {
                            let k = source[i]
                            let digit = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
                            target[slots[digit]] = k
                            slots[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    // Four or two passes: the result is back in `keys`.
                }
            }
        }
    }
}
