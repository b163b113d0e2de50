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
/// machine is shared. The registers take turns, round by round (a warm-up round, then
/// three), so that a slow spell of a shared host falls on every register alike rather
/// than on whichever was being measured then; each register's figure is its fastest
/// measured round (other work only ever adds CPU time: caches, SMT). It prints each
/// register's CPU time per shot and its ratio to the smallest register's, per round and
/// overall; the goal is at most 1.25 at 10x and 1.5 at 100x.
func scaleBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let shots = context.quick ? 80_000 : 800_000
    var registers = context.quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000]
    if ProcessInfo.processInfo.environment["VAXBENCH_SCALE_100M"] == "1" { registers.append(100_000_000) }
    let rounds = 3
    struct Register {
        var citizens: Int
        var data: String
        var matcher: Matcher
        var cpu: [Double] = []
        var wall: [Double] = []
        var records = 0
    }
    var entries: [Register] = []
    for citizens in registers {
        let data = try benchDataSet(context, citizens: citizens, shots: shots, name: "scale-\(citizens)")
        entries.append(Register(citizens: citizens, data: data, matcher: Matcher(store: try benchStore(context, data: data), model: .standard)))
    }
    for round in 0...rounds {
        for i in entries.indices {
            let cpuBefore = processCPUSeconds(), wallBefore = monotonicSeconds()
            let run = MatchRun(matcher: entries[i].matcher, outputDirectory: context.dataDirectory + "/scale-out", threads: context.cores)
            run.quiet = true
            var source = try ShotsFileSource(path: entries[i].data + "/shots.csv")
            entries[i].records = try run.run(source: &source, sink: nil).shotsRead
            guard round > 0 else { continue }  // the warm-up round: page cache, allocator
            entries[i].cpu.append(processCPUSeconds() - cpuBefore)
            entries[i].wall.append(monotonicSeconds() - wallBefore)
        }
        if round > 0 {
            let perShot = entries.map { $0.cpu.last! / Double($0.records) * 1e6 }
            print("scale: round \(round): " + zip(entries, perShot).map { "\(label($0.citizens)) \(formatFixed($1, 2)) µs" }.joined(separator: ", ")
                  + ", ratios " + perShot.map { formatFixed($0 / perShot[0], 2) + "x" }.joined(separator: " "))
        }
    }
    var results: [BenchResult] = []
    let fastest = entries.map { $0.cpu.min()! / Double($0.records) * 1e6 }
    for (entry, microseconds) in zip(entries, fastest) {
        print("scale: \(entry.citizens) citizens: \(formatFixed(microseconds, 2)) µs CPU per shot, "
              + "\(formatFixed(microseconds / fastest[0], 2))x the \(entries[0].citizens)-citizen register"
              + " (goal: ≤ 1.25x at 10x the register, ≤ 1.5x at 100x)")
        let wall = entry.wall.sorted()
        results.append(BenchResult(name: "match CPU, \(shots / 1000) k shots vs \(label(entry.citizens)) citizens",
                                   records: entry.records, bytes: nil, medianSeconds: wall[wall.count / 2], p90Seconds: wall.last!,
                                   threads: context.cores, peakMemoryBytes: peakMemoryBytes()))
    }
    return results
}

/// "1 M", "100 k".
private func label(_ citizens: Int) -> String {
    citizens >= 1_000_000 ? "\(citizens / 1_000_000) M" : "\(citizens / 1000) k"
}

/// User + system CPU seconds of this process so far, all threads (getrusage).
func processCPUSeconds() -> Double {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
