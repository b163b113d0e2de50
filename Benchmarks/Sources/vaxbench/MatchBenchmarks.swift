import Foundation
import VaxCore
import VaxCrypto
import VaxLedger
import VaxMatching
import VaxStorage
import VaxWorkflows

/// The `match` suite: deciding 800 k shots against 1 M citizens (quick: 80 k / 100 k),
/// reading shots.csv included, ledger excluded (the `ledger` suite measures it), on one
/// thread and on all cores; the ID path alone (clean shots with their right ID), the fuzzy
/// path alone (every shot the fast path does not settle), and the whole run with the ledger.
func matchBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let (data, matcher) = try matchDataSet(context)
    let shotsBytes = try InputFile(path: data + "/shots.csv").size()
    var results: [BenchResult] = []
    for threads in Set([1, context.cores]).sorted() {
        let m = try measure(runs: 3, warmup: 1) { () -> Int in
            let run = MatchRun(matcher: matcher, outputDirectory: context.dataDirectory + "/match-out", threads: threads)
            run.quiet = true
            var source = try ShotsFileSource(path: data + "/shots.csv")
            let summary = try run.run(source: &source, sink: nil)
            return summary.shotsRead
        }
        results.append(BenchResult(name: "match (read+decide+write)", records: m.records, bytes: shotsBytes, medianSeconds: m.median,
                                   p90Seconds: m.p90, threads: threads,
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
    results.append(BenchResult(name: "ID path: verified (decide)", records: verified.records, bytes: nil,
                               medianSeconds: verified.median, p90Seconds: verified.p90, threads: 1))

    // The fuzzy path: every shot that the ID fast path does not settle searches the blocking indexes.
    let fuzzy = shots.filter { matcher.decide($0).outcome != .verified }
    let searched = measure(runs: 3, warmup: 1) { () -> Int in
        var links = 0
        for shot in fuzzy where matcher.decide(shot).citizenID != nil { links += 1 }
        blackHole(links)
        return fuzzy.count
    }
    results.append(BenchResult(name: "fuzzy path: not verified (decide)", records: searched.records, bytes: nil,
                               medianSeconds: searched.median, p90Seconds: searched.p90, threads: 1))
    print("match: \(fuzzy.count) of \(shots.count) shots take the fuzzy path")

    // The whole run as `vaxlink match` does it: read, decide on all cores, write, append to the ledger.
    let key = Ed25519PrivateKey.generate()
    let header = RunHeader(
        toolVersion: "bench", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("shots"))],
        storeContentHash: matcher.store.contentHash, modelHash: matcher.model.hash(),
        thresholds: ["link": "\(matcher.model.linkThreshold)"], signerPublicKey: key.publicKey)
    let ledgerPath = context.dataDirectory + "/match-out/ledger.sqlite"
    let whole = try measure(runs: 2, warmup: 0) { () -> Int in
        for suffix in ["", "-wal", "-shm"] { removeTree(ledgerPath + suffix) }
        let ledger = try LedgerWriter.open(path: ledgerPath, header: header, signingKey: key)
        let run = MatchRun(matcher: matcher, outputDirectory: context.dataDirectory + "/match-out", threads: context.cores)
        run.quiet = true
        var source = try ShotsFileSource(path: data + "/shots.csv")
        let summary = try run.run(source: &source, sink: ledger)
        try ledger.finish(checkpointOut: context.dataDirectory + "/match-out/checkpoint")
        return summary.shotsRead
    }
    results.append(BenchResult(name: "whole run (match + ledger)", records: whole.records, bytes: shotsBytes,
                               medianSeconds: whole.median, p90Seconds: whole.p90, threads: context.cores,
                               peakMemoryBytes: peakMemoryBytes()))
    return results
}

/// The data set of the match and ledger-overlap suites, 1 M citizens and 800 k shots (quick:
/// 100 k / 80 k), with its store (built once and reused) and a matcher over it.
func matchDataSet(_ context: BenchContext) throws -> (folder: String, matcher: Matcher) {
    let citizens = context.quick ? 100_000 : 1_000_000
    let data = try benchDataSet(context, citizens: citizens, shots: citizens * 4 / 5, name: "store-\(citizens)")
    return (data, Matcher(store: try benchStore(context, data: data), model: .standard))
}

/// The store of a data set's population.csv, built on first use and again when the one
/// there does not open (a store of an older format version) or has another shard count
/// than `store build` makes.
func benchStore(_ context: BenchContext, data: String) throws -> PopulationStore {
    let storePath = data + "/store"
    if let store = try? PopulationStore.open(storePath), store.shardCount == StoreBuilder.defaultShardCount { return store }
    _ = try PopulationIngest.build(population: data + "/population.csv", store: storePath, shards: StoreBuilder.defaultShardCount,
                                 threads: context.cores, quiet: true)
    return try PopulationStore.open(storePath)
}
