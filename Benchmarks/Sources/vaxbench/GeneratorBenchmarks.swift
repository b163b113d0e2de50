import Foundation
import VaxCore
import VaxDataGen
import VaxInterchange
import VaxNames

/// The `generate` suite: a data set of 1 M citizens and 800 k shots (quick: 100 k / 80 k)
/// on one thread and on all cores, then the name normalization rate on the generated names
/// (register names and shot names as typed, each normalized and folded).
func generatorBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let citizens = context.quick ? 100_000 : 1_000_000
    let shots = context.quick ? 80_000 : 800_000
    let directory = context.dataDirectory + "/generate"
    let generator = DataGenerator(parameters: GeneratorParameters(citizens: citizens, shots: shots, seed: 2021))
    var results: [BenchResult] = []
    for threads in Set([1, context.cores]).sorted() {
        var bytes = 0
        let m = try measure(runs: context.quick ? 3 : 3, warmup: 1) { () -> Int in
            let summary = try generator.generate(into: directory, threads: threads)
            bytes = ["population.csv", "shots.csv", "truth.csv"].reduce(0) { total, file in
                total
                    + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.size] as? Int) ?? 0)
            }
            return summary.citizens + 2 * summary.shots
        }
        results.append(
            BenchResult(
                name: "generate rows (pop+shots+truth)", records: m.records, bytes: bytes,
                medianSeconds: m.median, p90Seconds: m.p90, threads: threads,
               peakMemoryBytes: peakMemoryBytes()))
    }

    // Names as they arrive: the register's NFC names and the shots' typed names.
    var names: [[UInt8]] = []
    for file in ["population.csv", "shots.csv"] {
        let text = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
        let column = file == "population.csv" ? 2 : 2
        var line: [UInt8] = []
        for byte in text {
            if byte == 0x0A {
                let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false)
                if fields.count > column { names.append(Array(fields[column])) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
    }
    names.removeFirst()  // the header of population.csv
    let totalBytes = names.reduce(0) { $0 + $1.count }
    var out: [UInt8] = []
    out.reserveCapacity(256)
    let normalize = measure(runs: 5) { () -> Int in
        var sum = 0
        for name in names {
            out.removeAll(keepingCapacity: true)
            name.withUnsafeBytes { normalizeName($0, into: &out) }
            sum &+= out.count
        }
        blackHole(sum)
        return names.count
    }
    results.append(
        BenchResult(
            name: "normalizeName", records: normalize.records, bytes: totalBytes,
            medianSeconds: normalize.median, p90Seconds: normalize.p90, threads: 1))
    let fold = measure(runs: 5) { () -> Int in
        var sum = 0
        for name in names {
            out.removeAll(keepingCapacity: true)
            name.withUnsafeBytes { foldName($0, into: &out) }
            sum &+= out.count
        }
        blackHole(sum)
        return names.count
    }
    results.append(
        BenchResult(
            name: "foldName", records: fold.records, bytes: totalBytes,
            medianSeconds: fold.median, p90Seconds: fold.p90, threads: 1))
    return results
}
