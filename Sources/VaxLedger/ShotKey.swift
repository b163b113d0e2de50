/// A decision's shot_id as a 64-bit hash and its sequence number: the duplicate check sorts
/// these instead of holding every shot_id (8 + 8 bytes per decision).
struct ShotKey: Comparable {
    var hash: UInt64
    var seq: Int

    static func < (a: ShotKey, b: ShotKey) -> Bool { (a.hash, a.seq) < (b.hash, b.seq) }

    /// FNV-1a, 64 bits: equal shot_ids give equal hashes; equal hashes are confirmed byte for byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
