import Foundation
import VaxCore
import VaxMatching
import VaxStorage
import VaxWorkflows

/// The `scale` suite (issue 15, goal 1): does the register's size set the price of a shot?
/// The same number of shots (800 k; quick: 80 k) is decided against registers of 1 M and
/// 10 M citizens (quick: 100 k and 1 M; VAXBENCH_SCALE_100M=1 adds 100 M, which needs
/// about 25 GB of scratch disk), reading shots.csv and writing the outputs, no ledger.
/// The measure is CPU time (user + system of this process, getrusage), not wall time: the
/// machine is shared. It prints each register's CPU time per shot and its ratio to the
/// smallest register's; the goal is at most 1.25 at 10x and 1.5 at 100x.
func scaleBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let shots = context.quick ? 80_000 : 800_000
    var registers = context.quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000]
    if ProcessInfo.processInfo.environment["VAXBENCH_SCALE_100M"] == "1" { registers.append(100_000_000) }
    var results: [BenchResult] = []
    var perShot: [(citizens: Int, microseconds: Double)] = []
    for citizens in registers {
        let data = try benchDataSet(context, citizens: citizens, shots: shots, name: "scale-\(citizens)")
        let matcher = Matcher(store: try benchStore(context, data: data), model: .standard)
        var cpu: [Double] = []
        let m = try measure(runs: 3, warmup: 1) { () -> Int in
            let before = processCPUSeconds()
            let run = MatchRun(matcher: matcher, outputDirectory: context.dataDirectory + "/scale-out", threads: context.cores)
            run.quiet = true
            var source = try ShotsFileSource(path: data + "/shots.csv")
            let summary = try run.run(source: &source, sink: nil)
            cpu.append(processCPUSeconds() - before)
            return summary.shotsRead
        }
        // The fastest run: other work on a shared machine only ever adds CPU time (caches, SMT).
        let best = cpu.dropFirst().min() ?? cpu.min() ?? 0
        perShot.append((citizens, best / Double(m.records) * 1e6))
        results.append(BenchResult(name: "match CPU, \(shots / 1000) k shots vs \(citizens / 1_000_000 > 0 ? "\(citizens / 1_000_000) M" : "\(citizens / 1000) k") citizens",
                                   records: m.records, bytes: nil, medianSeconds: m.median, p90Seconds: m.p90,
                                   threads: context.cores, peakMemoryBytes: peakMemoryBytes()))
    }
    if let base = perShot.first {
        for p in perShot {
            print("scale: \(p.citizens) citizens: \(formatFixed(p.microseconds, 2)) µs CPU per shot, "
                  + "\(formatFixed(p.microseconds / base.microseconds, 2))x the \(base.citizens)-citizen register"
                  + " (goal: ≤ 1.25x at 10x the register, ≤ 1.5x at 100x)")
        }
    }
    return results
}

/// User + system CPU seconds of this process so far, all threads (getrusage).
func processCPUSeconds() -> Double {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
