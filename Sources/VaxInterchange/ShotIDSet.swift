import VaxCore

// Duplicate shot_id detection in bounded memory (spec/interchange.md "Bad input": the later
// line is rejected, naming the earlier one).
//
// Approach: an open-addressing table of 128-bit fingerprints (two independent 64-bit hashes
// of the ID's bytes) with the line of the first occurrence; the IDs themselves are not kept.
// Two IDs are taken as equal when both hashes agree. For n = 80 M distinct IDs the chance
// that any two distinct IDs share a fingerprint is about n^2 / 2^129, i.e. 1e-23, far
// below the rate of undetected hardware memory errors, so the check is exact in practice
// at 20 bytes per slot: 2^27 slots (80 M at load 0.6) take 2.7 GB. The hashes are not
// keyed, so IDs crafted to collide could make one shot look like another's duplicate;
// shot IDs come from the vaccination platform, not from the public.

/// The set of shot IDs seen so far, each with the line where it was first seen.
struct ShotIDSet {
    private var first: [UInt64]
    private var second: [UInt64]
    private var lines: [UInt32]
    private var mask: Int
    private(set) var count = 0

    init(initialCapacity: Int = 1 << 16) {
        var capacity = 16
        while capacity < initialCapacity { capacity <<= 1 }
        first = [UInt64](repeating: 0, count: capacity)
        second = [UInt64](repeating: 0, count: capacity)
        lines = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Records `id` as seen on `line`.
    /// - Returns: the line where `id` was seen before, or nil if it is new (then it is added).
    mutating func insert(_ id: UnsafeRawBufferPointer, line: Int) -> Int? {
        let (h1, h2) = ShotIDSet.fingerprint(id)
        var slot = Int(truncatingIfNeeded: h2) & mask
        while first[slot] != 0 {
            if first[slot] == h1 && second[slot] == h2 { return Int(lines[slot]) }
            slot = (slot + 1) & mask
        }
        first[slot] = h1
        second[slot] = h2
        // Lines beyond 2^32 - 1 (a 400 GB file) are stored saturated.
        lines[slot] = UInt32(clamping: line)
        count += 1
        if count * 4 > first.count * 3 { grow() }
        return nil
    }

    private mutating func grow() {
        var bigger = ShotIDSet(initialCapacity: first.count * 2)
        for slot in 0..<first.count where first[slot] != 0 {
            var s = Int(truncatingIfNeeded: second[slot]) & bigger.mask
            while bigger.first[s] != 0 { s = (s + 1) & bigger.mask }
            bigger.first[s] = first[slot]
            bigger.second[s] = second[slot]
            bigger.lines[s] = lines[slot]
        }
        bigger.count = count
        self = bigger
    }

    // Two 64-bit hashes from different seeds: each folds 8-byte words with a multiply and
    // finishes with the SplitMix64 mixer. `first` is never 0 (0 marks an empty slot).
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var a: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var b: UInt64 = 0x1319_8A2E_0370_7344 ^ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i < bytes.count {
            var word: UInt64 = 0
            let take = min(8, bytes.count - i)
            for k in 0..<take { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            a = SplitMix64.mix(a ^ word) &* 0xFF51_AFD7_ED55_8CCD
            b = SplitMix64.mix(b &+ word &* 0xC4CE_B9FE_1A85_EC53)
            i += 8
        }
        let h1 = SplitMix64.mix(a)
        return (h1 == 0 ? 1 : h1, SplitMix64.mix(b ^ 0xA076_1D64_78BD_642F))
    }
}
