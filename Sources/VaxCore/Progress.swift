#if canImport(Glibc)
import Glibc
#endif

/// Seconds on a monotonic clock, for rates and timings. C: `clock_gettime(CLOCK_MONOTONIC)`.
package func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Progress of one long stage on stderr (docs/cli.md): on a terminal a line redrawn in
/// place with done / total, rate and ETA; otherwise one plain line when the stage ends.
///
/// One owner: call `advance` from the thread that drives the stage.
package final class ProgressReporter {
    private let stage: String
    private let unit: String
    private let total: Int?
    private let quiet: Bool
    private let isTerminal: Bool
    private let start = monotonicSeconds()
    private var lastDraw = 0.0
    private var done = 0

    /// Starts reporting `stage`, counting `unit`s out of `total` if known.
    package init(stage: String, unit: String = "rows", total: Int? = nil, quiet: Bool = false) {
        self.stage = stage
        self.unit = unit
        self.total = total
        self.quiet = quiet
        self.isTerminal = isatty(2) == 1
    }

    /// Records that `count` more units are done and redraws at most 5 times a second.
    package func advance(by count: Int) {
        done += count
        guard !quiet && isTerminal else { return }
        let now = monotonicSeconds()
        if now - lastDraw >= 0.2 {
            lastDraw = now
            writeStderr("\r\u{1B}[K" + line(now: now))
        }
    }

    /// Ends the stage with one final line. Returns the elapsed seconds.
    @discardableResult
    package func finish() -> Double {
        let now = monotonicSeconds()
        if !quiet {
            writeStderr((isTerminal ? "\r\u{1B}[K" : "") + line(now: now, final: true) + "\n")
        }
        return now - start
    }

    private func line(now: Double, final: Bool = false) -> String {
        let elapsed = max(now - start, 1e-9)
        let rate = Double(done) / elapsed
        var text = "\(stage): \(done)"
        if let total { text += " / \(total)" }
        text += " \(unit), \(formatRate(rate)) \(unit)/s"
        if final {
            text += ", \(formatSeconds(elapsed))"
        } else if let total, rate > 0, done < total {
            text += ", ETA \(formatSeconds(Double(total - done) / rate))"
        }
        return text
    }
}

/// Writes text to standard error unbuffered.
package func writeStderr(_ text: String) {
    var text = text
    text.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
}

/// A rate with a k/M suffix and three significant digits.
package func formatRate(_ rate: Double) -> String {
    if rate >= 1e6 { return formatFixed(rate / 1e6, 2) + " M" }
    if rate >= 1e3 { return formatFixed(rate / 1e3, 1) + " k" }
    return formatFixed(rate, 0)
}

/// Seconds as `12.3 s` or `4 min 05 s`.
package func formatSeconds(_ seconds: Double) -> String {
    if seconds < 60 { return formatFixed(seconds, 1) + " s" }
    let whole = Int(seconds.rounded())
    let s = whole % 60
    return "\(whole / 60) min \(s < 10 ? "0" : "")\(s) s"
}

/// `value` with `digits` decimals, without Foundation.
package func formatFixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var text: [UInt8] = []
    appendFixed(value, digits, to: &text)
    return String(decoding: text, as: UTF8.self)
}
