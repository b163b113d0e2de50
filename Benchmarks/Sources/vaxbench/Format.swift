#if canImport(Glibc)
import Glibc
#endif

// The benchmarks' own clock and number formatting: VaxCore keeps its progress display and
// formatting package-internal (they are not part of its public vocabulary), and this nested
// package cannot see package-level declarations.

/// Seconds on a monotonic clock. C: `clock_gettime(CLOCK_MONOTONIC)`.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// A rate with a k/M suffix and three significant digits.
func formatRate(_ rate: Double) -> String {
    if rate >= 1e6 { return formatFixed(rate / 1e6, 2) + " M" }
    if rate >= 1e3 { return formatFixed(rate / 1e3, 1) + " k" }
    return formatFixed(rate, 0)
}

/// `value` with `digits` decimals.
func formatFixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    var text = (value < 0 && scaled > 0 ? "-" : "") + "\(whole)"
    if digits > 0 {
        var f = "\(fraction)"
        while f.count < digits { f = "0" + f }
        text += "." + f
    }
    return text
}
