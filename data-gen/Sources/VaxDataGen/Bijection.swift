import VaxCore

// A keyed permutation of 0..<count: a 4-round Feistel network on the smallest even number of
// bits that covers count, with cycle walking (apply again until the value falls below
// count). A Feistel network is a bijection on its 2^bits values whatever its round
// function, and cycle walking restricts a bijection to a prefix, so distinct inputs give
// distinct outputs: unique IDs without a table.

/// A seeded bijection on 0..<count.
struct Bijection: Sendable {
    let count: UInt64
    private let halfBits: UInt64
    private let halfMask: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    /// The permutation of 0..<count named by (seed, stream).
    init(count: UInt64, seed: UInt64, stream: UInt64) {
        precondition(count > 0, "a bijection needs a non-empty domain")
        var bits: UInt64 = 2
        while bits < 64 && (UInt64(1) << bits) < count { bits += 2 }
        self.count = count
        halfBits = bits / 2
        halfMask = (UInt64(1) << halfBits) - 1
        var rng = SplitMix64(seed: seed, stream: stream, index: 0)
        keys = (rng.next(), rng.next(), rng.next(), rng.next())
    }

    @inline(__always)
    private func round(_ left: inout UInt64, _ right: inout UInt64, _ key: UInt64) {
        let f = SplitMix64.mix(right ^ key) & halfMask
        let newRight = left ^ f
        left = right
        right = newRight
    }

    /// The image of `value` (< count).
    @inline(__always)
    func apply(_ value: UInt64) -> UInt64 {
        precondition(value < count, "value outside the bijection's domain")
        var v = value
        repeat {
            var left = v >> halfBits
            var right = v & halfMask
            round(&left, &right, keys.0)
            round(&left, &right, keys.1)
            round(&left, &right, keys.2)
            round(&left, &right, keys.3)
            v = left << halfBits | right
        } while v >= count
        return v
    }
}
