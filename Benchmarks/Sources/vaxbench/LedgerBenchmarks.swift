import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

// The ledger suite: append rate (hashing, SQLite, seals, signatures), bytes per decision,
// verify rate, proof time. Decisions are synthetic but shaped like the matcher's: 12-byte
// shot IDs, a 12-digit citizen, 60-byte evidence, batches of 100 k.
func ledgerBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let count = context.quick ? 200_000 : 2_000_000
    let batchSize = 100_000
    let key = Ed25519PrivateKey.generate()
    let header = RunHeader(
        toolVersion: "bench", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("s"))],
        storeContentHash: SHA256.hash("store"), modelHash: SHA256.hash("model"),
        thresholds: ["link": "0.95"], signerPublicKey: key.publicKey)
    let hasher = SHA256Hasher()
    var batches: [[Decision]] = []
    let evidence = "fn=exact;mn=exact;gn=exact;bd=exact;sx=agree;id=exact;pv=same"
    for start in stride(from: 0, to: count, by: batchSize) {
        batches.append(
            (start..<min(count, start + batchSize)).map { i in
                var seed = UInt64(i)
                let raw = withUnsafeBytes(of: &seed) { hasher.hash($0) }
                let outcome = Outcome.allCases[i % 5]
                return Decision(
                    shotID: "SH" + String(1_000_000_000 + i), line: i + 2, provinceCode: 1 + i % 63,
                    outcome: outcome,
                    citizenID: outcome == .unmatched ? nil : CitizenID(rawValue: UInt64(10_000_000_000 + i * 7)),
                    score: Double(i % 1000) / 1000, matchWeight: Double(i % 50) - 12.25,
                    corrections: outcome == .corrected ? [.fullName] : [], evidence: evidence, rawSHA256: raw)
            })
    }
    let path = context.dataDirectory + "/bench.ledger"
    func remove() {
        for suffix in ["", "-wal", "-shm", ".checkpoint"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    var results: [BenchResult] = []

    // Each run appends, then inserts the same number of bare rows (InsertBaseline, the
    // `limits` ceiling) right after, so that both rates see the same load on a shared machine.
    // Appends are timed until `flush` returns: the batches are committed on the writer's
    // own thread, and `appendBatch` only queues them.
    var appendRates: [Double] = []
    var insertRates: [Double] = []
    var appendFinishSeconds: [Double] = []
    _ = try measure(runs: 3, warmup: 0) { () -> Int in
        remove()
        let writer = try LedgerWriter.open(path: path, header: header, signingKey: key)
        let cpu0 = processCPUSeconds()
        let t0 = monotonicSeconds()
        for batch in batches { try writer.appendBatch(decisions: batch, rejects: []) }
        try writer.flush()
        let t1 = monotonicSeconds()
        let cpu1 = processCPUSeconds()
        try writer.finish(checkpointOut: path + ".checkpoint")
        let finishSeconds = monotonicSeconds() - t1
        appendFinishSeconds.append(t1 - t0 + finishSeconds)
        let insertRate = try InsertBaseline.rowsPerSecond(path: context.dataDirectory + "/ledger-baseline.sqlite", rows: count)
        appendRates.append(Double(count) / (t1 - t0))
        insertRates.append(insertRate)
        print(
            "ledger: appends \(formatFixed(t1 - t0, 2)) s (\(formatFixed((cpu1 - cpu0) / Double(count) * 1e9, 0)) ns CPU/entry), "
                + "finish (index + WAL fold) \(formatFixed(finishSeconds, 2)) s; append \(formatFixed(Double(count) / (t1 - t0) / 1000, 0)) k/s "
                + "vs bare insert \(formatFixed(insertRate / 1000, 0)) k/s = \(formatFixed(Double(count) / (t1 - t0) / insertRate * 100, 1)) %"
        )
        return count
    }
    appendRates.sort()
    insertRates.sort()
    appendFinishSeconds.sort()
    print(
        "ledger: on \(context.cores) cores, median append \(formatFixed(appendRates[1] / 1000, 0)) k entries/s, "
            + "median bare insert \(formatFixed(insertRates[1] / 1000, 0)) k rows/s: "
            + "\(formatFixed(appendRates[1] / insertRates[1] * 100, 1)) % (best: \(formatFixed(appendRates[2] / insertRates[2] * 100, 1)) %)"
    )
    results.append(
        BenchResult(
            name: "ledger append+finish (2 SHA/entry, FULL)", records: count, bytes: nil,
            // The appends and finish only, not the bare inserts timed in the same runs.
            medianSeconds: appendFinishSeconds[1], p90Seconds: appendFinishSeconds[2], threads: 1,
            limit: .sqliteInsert(rowsPerRecord: 1)))
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    print(
        "ledger: \(size) bytes for \(count) decisions = \(formatFixed(Double(size) / Double(count), 1)) bytes/decision (shot_id index included)"
    )

    for threads in [1, context.cores] {
        let verify = try measure(runs: 3) { () -> Int in
            let report = try LedgerVerifier.verify(path: path, threads: threads)
            precondition(report.isValid, "the benchmark ledger must verify")
            return report.treeSize
        }
        results.append(
            BenchResult(
                name: "ledger verify", records: verify.records, bytes: size,
                medianSeconds: verify.median, p90Seconds: verify.p90, threads: threads,
                // A chain hash, a leaf hash and (amortized) one inner node per entry.
                limit: .sha256(messagesPerRecord: 3)))
    }

    let reader = try LedgerReader(path: path)
    let proofs = 200
    let prove = try measure(runs: 3) { () -> Int in
        for i in 0..<proofs {
            let proof = try InclusionProof.make(
                reader: reader, shotID: "SH" + String(1_000_000_000 + (i * 7919) % count))
            blackHole(proof)
        }
        return proofs
    }
    results.append(
        BenchResult(
            name: "ledger prove (one shot)", records: proofs, bytes: nil,
            medianSeconds: prove.median, p90Seconds: prove.p90, threads: 1))
    print("ledger: one proof takes \(formatFixed(prove.median / Double(proofs) * 1000, 3)) ms")
    return results
}
