import Foundation
import VaxCore
import VaxMatching
import VaxStorage

/// The `match` suite: deciding 800 k shots against 1 M citizens (quick: 80 k / 100 k),
/// reading shots.csv included, ledger excluded (the `ledger` suite measures it), on one
/// thread and on all cores; the verified path alone (clean shots with their right ID).
func matchBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let citizens = context.quick ? 100_000 : 1_000_000
    let data = try benchDataSet(context, citizens: citizens, shots: citizens * 4 / 5, name: "store-\(citizens)")
    let storePath = data + "/store"
    if !FileManager.default.fileExists(atPath: storePath + "/manifest.vxs") {
        _ = try RegisterImport.build(population: data + "/population.csv", store: storePath, shards: context.cores,
                                     threads: context.cores, quiet: true)
    }
    let matcher = Matcher(store: try PopulationStore.open(storePath), model: .standard)
    var results: [BenchResult] = []
    for threads in Set([1, context.cores]).sorted() {
        let m = try measure(runs: 3, warmup: 1) { () -> Int in
            let run = MatchRun(matcher: matcher, outputDirectory: context.dataDirectory + "/match-out", threads: threads)
            run.quiet = true
            var source = try ShotsFileSource(path: data + "/shots.csv")
            let summary = try run.run(source: &source, sink: nil)
            return summary.shotsRead
        }
        results.append(BenchResult(name: "match (read+decide+write)", records: m.records, bytes: nil, medianSeconds: m.median,
                                   p90Seconds: m.p90, threads: threads, baselineBytesPerSecond: nil,
                                   peakMemoryBytes: peakMemoryBytes()))
    }
    // The verified path: shots whose recorded ID and fields agree with the register.
    var source = try ShotsFileSource(path: data + "/shots.csv")
    var shots: [RecordedShot] = []
    while let batch = try source.nextBatch(maxRecords: 1 << 18) { shots += batch.shots }
    let clean = shots.filter { shot in
        guard case .citizen = shot.recordedID else { return false }
        return matcher.decide(shot).outcome == .verified
    }
    let verified = measure(runs: 5, warmup: 1) { () -> Int in
        var links = 0
        for shot in clean where matcher.decide(shot).outcome == .verified { links += 1 }
        blackHole(links)
        return clean.count
    }
    results.append(BenchResult(name: "verified path (decide)", records: verified.records, bytes: nil,
                               medianSeconds: verified.median, p90Seconds: verified.p90, threads: 1,
                               baselineBytesPerSecond: nil, peakMemoryBytes: nil))
    return results
}
