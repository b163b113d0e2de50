// A small, fast, seedable generator whose output is fixed by its algorithm, so that
// generated data and sampled estimates are the same on every machine and run.
// SplitMix64 (Steele, Lea, Flood 2014): state += golden gamma; output = mix(state).

/// A deterministic 64-bit random number generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for item `index` of stream `stream` under `seed`: independent
    /// streams without sequential state, so any item can be made on its own.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &* 0x9E37_79B9_7F4A_7C15 ^ SplitMix64.mix(index)))
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finalizer: a bijective 64-bit mix.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound without modulo bias worth caring about
    /// (Lemire's multiply-shift; bias below 2^-32 for bounds under 2^32).
    @inlinable
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int((UInt128(next()) &* UInt128(bound)) >> 64)
    }

    /// A uniform Double in [0, 1) from the top 53 bits.
    @inlinable
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inlinable
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
}
