import Foundation
import VaxCore
import VaxCrypto
import VaxLedger
import VaxMatching
import VaxStorage
import VaxWorkflows

/// The `ledger-overlap` suite: what the ledger adds to a match run's wall time. The same run
/// (800 k shots against 1 M citizens, all cores) goes without a ledger and with one (open,
/// every batch appended, finish), in alternating pairs so both see the same load, at the
/// default batch size (one batch: nothing to overlap with deciding) and at 65 536 (twelve).
/// Prints each pair's wall and CPU seconds and the medians' differences.
func ledgerOverlapBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let (data, matcher) = try matchDataSet(context)
    let key = Ed25519PrivateKey.generate()
    let out = context.dataDirectory + "/overlap-out"
    let ledgerPath = out + "/ledger.sqlite"
    var results: [BenchResult] = []
    for batchSize in [1 << 20, 65_536] {
        let header = RunHeader(
            toolVersion: "bench", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("shots"))],
            storeContentHash: matcher.store.contentHash, modelHash: matcher.model.hash(),
            thresholds: ["link": "\(matcher.model.linkThreshold)", "batch_size": "\(batchSize)"],
            signerPublicKey: key.publicKey)
        var wall: [Bool: [Double]] = [:]
        var cpu: [Bool: [Double]] = [:]
        var shots = 0
        for _ in 0..<3 {
            for withLedger in [false, true] {
                for suffix in ["", "-wal", "-shm", ".lock"] { removeTree(ledgerPath + suffix) }
                let cpu0 = processCPUSeconds()
                let t0 = monotonicSeconds()
                let ledger = try withLedger ? LedgerWriter.open(path: ledgerPath, header: header, signingKey: key) : nil
                let run = MatchRun(matcher: matcher, outputDirectory: out, threads: context.cores, batchSize: batchSize)
                run.quiet = true
                var source = try ShotsFileSource(path: data + "/shots.csv")
                shots = try run.run(source: &source, sink: ledger).shotsRead
                try ledger?.finish(checkpointOut: nil)
                wall[withLedger, default: []].append(monotonicSeconds() - t0)
                cpu[withLedger, default: []].append(processCPUSeconds() - cpu0)
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let (w0, w1, c0, c1) = (median(wall[false]!), median(wall[true]!), median(cpu[false]!), median(cpu[true]!))
        print(
            "ledger-overlap: batch \(batchSize), \(context.cores) cores: without ledger wall "
                + wall[false]!.map { formatFixed($0, 2) }.joined(separator: "/") + " s, with "
                + wall[true]!.map { formatFixed($0, 2) }.joined(separator: "/") + " s; median wall +"
                + "\(formatFixed(w1 - w0, 2)) s (\(formatFixed((w1 / w0 - 1) * 100, 1)) %), median CPU \(formatFixed(c0, 2)) -> "
                + "\(formatFixed(c1, 2)) s (+\(formatFixed(c1 - c0, 2)) s)")
        results.append(
            BenchResult(
                name: "match + ledger, batch \(batchSize)", records: shots, bytes: nil, medianSeconds: w1,
                p90Seconds: wall[true]!.max()!, threads: context.cores))
        results.append(
            BenchResult(
                name: "match alone, batch \(batchSize)", records: shots, bytes: nil, medianSeconds: w0,
                p90Seconds: wall[false]!.max()!, threads: context.cores))
    }
    return results
}
