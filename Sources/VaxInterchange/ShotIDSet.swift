import VaxCore

// Duplicate shot_id detection in bounded memory (docs/interchange.md "Bad input": the later
// line is rejected, naming the earlier one).
//
// Approach: an open-addressing table of 96-bit fingerprints (a 64-bit hash of the ID's
// bytes and 32 bits of a second, independent hash) with the line of the first occurrence;
// the IDs themselves are not kept. Two IDs are taken as equal when the fingerprints agree.
// For n = 80 M distinct IDs the chance that any two share a fingerprint is about
// n^2 / 2^97, i.e. 4e-14, far below the rate of undetected memory errors, so the check is
// exact in practice. A slot is two UInt64 side by side (hash; second hash << 32 | line),
// so a probe touches one cache line: 16 bytes per slot, 2^27 slots (80 M at load 0.6) in
// 2.1 GB. The hashes are not keyed, so IDs crafted to collide could make a shot look like
// another's duplicate; shot IDs come from the vaccination platform, not from the public.

/// The set of shot IDs seen so far, each with the line where it was first seen.
struct ShotIDSet {
    // slots[2k] = first hash (0: empty slot), slots[2k + 1] = second hash's top 32 bits << 32 | line.
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(initialCapacity: Int = 1 << 16) {
        var capacity = 16
        while capacity < initialCapacity { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * capacity)
        mask = capacity - 1
    }

    private var capacity: Int { mask + 1 }

    /// Records `id` as seen on `line`.
    /// - Returns: the line where `id` was seen before, or nil if it is new (then it is added).
    mutating func insert(_ id: UnsafeRawBufferPointer, line: Int) -> Int? {
        var repeats: [(index: Int, earlier: Int)] = []
        insertAll([ShotIDSet.fingerprint(id)], lines: [line], repeats: &repeats)
        return repeats.first?.earlier
    }

    /// Records each fingerprint in order as seen on the matching line; appends to `repeats`
    /// the index and earlier line of each one seen before (within the call or earlier).
    ///
    /// One tight loop over a batch, rather than one probe per parsed row, lets the processor
    /// overlap the cache misses of consecutive probes: the table is far larger than the caches.
    mutating func insertAll(
        _ fingerprints: [(UInt64, UInt64)], lines: [Int], repeats: inout [(index: Int, earlier: Int)]
    ) {
        precondition(fingerprints.count == lines.count, "one line per fingerprint")
        while (count + fingerprints.count) * 4 > capacity * 3 { grow() }
        let mask = self.mask
        var added = 0
        slots.withUnsafeMutableBufferPointer { table in
            for (index, (h1, h2)) in fingerprints.enumerated() {
                let tag = h2 & 0xFFFF_FFFF_0000_0000
                var slot = Int(truncatingIfNeeded: h1 >> 7) & mask
                var earlier: Int?
                while true {
                    // safe: slot <= mask, table.count == 2 * (mask + 1)
                    let stored = table[2 &* slot]
                    if stored == 0 { break }
                    let other = table[2 &* slot &+ 1]
                    if stored == h1 && other & 0xFFFF_FFFF_0000_0000 == tag {
                        earlier = Int(other & 0xFFFF_FFFF)
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
                if let earlier {
                    repeats.append((index, earlier))
                    continue
                }
                table[2 &* slot] = h1
                // Lines beyond 2^32 - 1 (a 400 GB file) are stored saturated.
                table[2 &* slot &+ 1] = tag | UInt64(UInt32(clamping: lines[index]))
                added += 1
            }
        }
        count += added
    }

    private mutating func grow() {
        var bigger = ShotIDSet(initialCapacity: capacity * 2)
        for slot in 0..<capacity where slots[2 * slot] != 0 {
            let h1 = slots[2 * slot]
            var s = Int(truncatingIfNeeded: h1 >> 7) & bigger.mask
            while bigger.slots[2 * s] != 0 { s = (s + 1) & bigger.mask }
            bigger.slots[2 * s] = h1
            bigger.slots[2 * s + 1] = slots[2 * slot + 1]
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
            if take == 8 {
                // safe: i + 8 <= bytes.count
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            } else {
                for k in 0..<take { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            }
            a = SplitMix64.mix(a ^ word) &* 0xFF51_AFD7_ED55_8CCD
            b = SplitMix64.mix(b &+ word &* 0xC4CE_B9FE_1A85_EC53)
            i += 8
        }
        let h1 = SplitMix64.mix(a)
        return (h1 == 0 ? 1 : h1, SplitMix64.mix(b ^ 0xA076_1D64_78BD_642F))
    }
}
