/// Assigns dense IDs 0, 1, 2, ... to distinct byte strings without allocating per lookup.
///
/// Strings live back to back in one arena; an open-addressing table of (hash, id) finds
/// them. Used at build time for name tokens, whose vocabulary is small next to the rows.
package struct ByteInterner {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int] = [0]
    private var slots: [UInt64]  // (hash high 32 bits << 32) | (id + 1); 0 = empty
    private var mask: Int

    package init() {
        slots = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// The number of distinct strings.
    package var count: Int { starts.count - 1 }

    /// The bytes of string `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// The ID of `key`, adding it if new.
    package mutating func intern(_ key: UnsafeRawBufferPointer) -> Int {
        let h = ByteInterner.hash(key)
        let tag = h >> 32
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot >> 32 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if equals(id, key) { return id }
            }
            i = (i + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        starts.append(arena.count)
        slots[i] = (tag << 32) | UInt64(id + 1)
        if count * 2 > mask { grow() }
        return id
    }

    /// The ID of `key` if present.
    package func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let h = ByteInterner.hash(key)
        let tag = h >> 32
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot >> 32 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if equals(id, key) { return id }
            }
            i = (i + 1) & mask
        }
    }

    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == key.count else { return false }
        return arena.withUnsafeBytes { a in
            key.count == 0 || memcmpBytes(a.baseAddress! + start, key.baseAddress!, key.count)
        }
    }

    private mutating func grow() {
        let newCount = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: newCount)
        let newMask = newCount - 1
        for id in 0..<count {
            let h = arena.withUnsafeBytes { ByteInterner.hash(UnsafeRawBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]])) }
            var i = Int(truncatingIfNeeded: h) & newMask
            while newSlots[i] != 0 { i = (i + 1) & newMask }
            newSlots[i] = ((h >> 32) << 32) | UInt64(id + 1)
        }
        slots = newSlots
        mask = newMask
    }

    /// A fast 64-bit hash of bytes (FNV-1a over 8-byte words, then a SplitMix finalizer).
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(key.count)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count { tail |= UInt64(key[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x100_0000_01B3
        var z = h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether `count` bytes at `a` and `b` are equal.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
