import Foundation
import VaxCore
import VaxDataGen
import VaxStorage
import VaxWorkflows

/// Generates (once) a data set of `citizens` / `shots` under the bench directory.
func benchDataSet(_ context: BenchContext, citizens: Int, shots: Int, name: String) throws -> String {
    let directory = context.dataDirectory + "/" + name
    let parameters = GeneratorParameters(citizens: citizens, shots: shots, seed: 77)
    if (try? String(contentsOfFile: directory + "/generator.json", encoding: .utf8)) != parameters.json {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try DataGenerator(parameters: parameters).generate(into: directory, threads: context.cores)
    }
    return directory
}

/// The `store` suite: build rate and size ratio, cold open, and the verified-ID probe rate
/// (lookup by citizen ID, then every compared field fetched) on one core.
func storeBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let citizens = context.quick ? 100_000 : 1_000_000
    let data = try benchDataSet(context, citizens: citizens, shots: citizens * 4 / 5, name: "store-\(citizens)")
    let storePath = data + "/store"
    var results: [BenchResult] = []
    let csvBytes = (try FileManager.default.attributesOfItem(atPath: data + "/population.csv")[.size] as? Int) ?? 0
    for threads in Set([1, context.cores]).sorted() {
        let m = try measure(runs: 3, warmup: 1) { () -> Int in
            let r = try PopulationIngest.build(population: data + "/population.csv", store: storePath,
                                             shards: StoreBuilder.defaultShardCount,
                                             threads: threads, quiet: true)
            return r.summary?.rowCount ?? 0
        }
        results.append(BenchResult(name: "store build (citizens)", records: m.records, bytes: csvBytes, medianSeconds: m.median,
                                   p90Seconds: m.p90, threads: threads,
                                   peakMemoryBytes: peakMemoryBytes()))
    }
    let open = try measure(runs: 5, warmup: 1) { () -> Int in
        let store = try PopulationStore.open(storePath)
        return store.rowCount
    }
    results.append(BenchResult(name: "store cold open", records: 1, bytes: nil, medianSeconds: open.median,
                               p90Seconds: open.p90, threads: 1,peakMemoryBytes: nil))
    let store = try PopulationStore.open(storePath)
    try store.verifyAll(threads: context.cores)
    print("store size \(store.byteCount) bytes = \(formatFixed(100 * Double(store.byteCount) / Double(csvBytes), 1)) % of population.csv")
    // Probe IDs in a random order (the order shots arrive in), found and fields compared.
    var rng = SplitMix64(seed: 3)
    let ids = (0..<1_000_000).map { _ in store.citizenID(rng.below(store.rowCount)) }
    let probe = measure(runs: 5, warmup: 1) { () -> Int in
        var agree = 0
        for id in ids {
            guard let row = store.row(of: id) else { continue }
            let f = store.fields(row)
            if f.citizenID == id && f.birthDate.year > 1800 && f.normalized.given != UInt32.max { agree += 1 }
        }
        blackHole(agree)
        return ids.count
    }
    results.append(BenchResult(name: "store probe: ID found + fields", records: probe.records, bytes: nil,
                               medianSeconds: probe.median, p90Seconds: probe.p90, threads: 1,
                               peakMemoryBytes: nil))
    return results
}
