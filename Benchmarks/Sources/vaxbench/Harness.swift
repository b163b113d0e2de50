import Foundation
import VaxCore

/// Where benchmarks keep their generated inputs and write their results.
struct BenchContext {
    /// A scratch folder for generated inputs (VAXBENCH_DIR, default Benchmarks/.data).
    let dataDirectory: String
    /// Smaller inputs when VAXBENCH_QUICK=1, for a smoke run.
    let quick: Bool
    /// The machine's core count, reported beside every rate.
    let cores = processorCount
}

/// One measured benchmark: medians over several runs.
struct BenchResult {
    var name: String
    /// Records processed per run.
    var records: Int
    /// Bytes processed per run, if meaningful.
    var bytes: Int?
    var medianSeconds: Double
    var p90Seconds: Double
    /// Threads used.
    var threads: Int
    var peakMemoryBytes: Int?
    /// The machine ceiling this result is compared with; results with bytes default to the byte scan.
    var limit: LimitKind?

    var recordsPerSecond: Double { Double(records) / medianSeconds }
    var bytesPerSecond: Double? { bytes.map { Double($0) / medianSeconds } }
}

/// Keeps the optimizer from deleting work whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Runs `body` `warmup` times untimed, then `runs` times timed; returns the median, p90 and
/// fastest time. `body` returns the number of records it processed.
func measure(runs: Int = 5, warmup: Int = 1, _ body: () throws -> Int) rethrows
    -> (records: Int, median: Double, p90: Double, fastest: Double)
{
    var records = 0
    for _ in 0..<warmup { records = try body() }
    var times: [Double] = []
    for _ in 0..<runs {
        let start = monotonicSeconds()
        records = try body()
        times.append(monotonicSeconds() - start)
    }
    times.sort()
    let p90 = times[min(times.count - 1, Int((Double(times.count) * 0.9).rounded(.up)) - 1)]
    return (records, times[times.count / 2], p90, times[0])
}

/// The peak resident set size of this process so far (VmHWM), in bytes.
func peakMemoryBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first
        return kb.map { $0 * 1024 }
    }
    return nil
}

/// Prints results as a table and appends them to Benchmarks/results.csv. The "of limit"
/// column is the rate as a fraction of the machine ceiling it is bound by (the `limits` rows):
/// "0.60 scan" is 60 % of the plain byte scan of the same bytes on one thread.
func report(_ results: [BenchResult], limits: MachineLimits, context: BenchContext) {
    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    print(pad("benchmark", 40) + pad("records/s", 14) + pad("MB/s", 10) + pad("of limit", 13)
        + pad("median s", 10) + pad("p90 s", 10) + pad("threads", 9) + "peak MB")
    for r in results {
        let ratio = limits.ratio(of: r).map { formatFixed($0.0, 2) + " " + $0.1 } ?? "-"
        print(pad(r.name, 40) + pad(formatRate(r.recordsPerSecond), 14)
            + pad(r.bytesPerSecond.map { formatFixed($0 / 1e6, 0) } ?? "-", 10)
            + pad(ratio, 13)
            + pad(formatFixed(r.medianSeconds, 3), 10) + pad(formatFixed(r.p90Seconds, 3), 10)
            + pad("\(r.threads)/\(context.cores)", 9)
            + (r.peakMemoryBytes.map { formatFixed(Double($0) / 1e6, 0) } ?? "-"))
    }
    let path = "results.csv"
    let exists = FileManager.default.fileExists(atPath: path)
    var text = exists ? "" : "date,benchmark,records,bytes,median_s,p90_s,records_per_s,threads,cores,peak_bytes\n"
    let date = ISO8601DateFormatter().string(from: Date())
    for r in results {
        text += "\(date),\(r.name),\(r.records),\(r.bytes ?? 0),\(r.medianSeconds),\(r.p90Seconds),"
            + "\(Int(r.recordsPerSecond)),\(r.threads),\(context.cores),\(r.peakMemoryBytes ?? 0)\n"
    }
    if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    } else {
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
