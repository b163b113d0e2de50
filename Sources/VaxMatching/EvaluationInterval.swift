import VaxCore

#if canImport(Glibc)
    import Glibc
#endif

/// A proportion with its 95 % confidence interval.
public struct EstimatedRate: Sendable, Equatable {
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }

    /// z for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    /// The Wilson score interval of `successes` out of `trials` (Wilson 1927): unlike the
    /// normal interval it stays inside [0, 1] and is not empty at 0 or `trials` successes.
    /// - Returns: value 1 and the interval [0, 1] when there are no trials.
    public static func wilson(successes: Double, trials: Double, z: Double = z95) -> EstimatedRate {
        guard trials > 0 else { return EstimatedRate(value: 1, lower: 0, upper: 1) }
        let p = min(max(successes / trials, 0), 1)
        let z2 = z * z
        let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
        let half = z / (1 + z2 / trials) * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()
        return EstimatedRate(value: p, lower: max(0, centre - half), upper: min(1, centre + half))
    }

    /// A Wilson interval around an estimate from a complex sample: the design's variance is
    /// turned into an effective sample size n = p(1 − p) / variance (Korn and Graubard 1998),
    /// capped by the units sampled. A variance of 0 (every sampled unit agrees) uses the
    /// units sampled, so the interval still allows for errors the sample did not meet.
    public static func wilson(estimate p: Double, variance: Double, sampled: Int, z: Double = z95) -> EstimatedRate {
        guard sampled > 0 else { return EstimatedRate(value: 1, lower: 0, upper: 1) }
        let clamped = min(max(p, 0), 1)
        var n = Double(sampled)
        if variance > 0 && clamped > 0 && clamped < 1 { n = min(n, clamped * (1 - clamped) / variance) }
        n = max(n, 1)
        var rate = wilson(successes: clamped * n, trials: n, z: z)
        rate.value = clamped
        return rate
    }

    /// "0.999512 [0.998900, 0.999800]".
    public func formatted(_ digits: Int = 6) -> String {
        "\(formatFixed(value, digits)) [\(formatFixed(lower, digits)), \(formatFixed(upper, digits))]"
    }
}
