import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

// The verify rate on one large batch (issue 13 finding 9: a batch of 800 k entries used to be
// verified as one unit, so a second thread gained nothing; the goal is 2 M entries/s on two
// threads). One batch of 800 k synthetic decisions (200 k with VAXBENCH_QUICK=1), then verify
// on 1 thread, 2 threads and all cores. The verifier reads the entries once and checks each
// chunk on every thread (VaxLedger/EntryPipeline.swift).
func ledgerVerifyBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let count = context.quick ? 200_000 : 800_000
    let key = Ed25519PrivateKey.generate()
    let header = RunHeader(
        toolVersion: "bench", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("s"))],
        storeContentHash: SHA256.hash("store"), modelHash: SHA256.hash("model"),
        thresholds: ["link": "0.95"], signerPublicKey: key.publicKey)
    let hasher = SHA256Hasher()
    let evidence = "fn=exact;mn=exact;gn=exact;bd=exact;sx=agree;id=exact;pv=same"
    let decisions = (0..<count).map { i in
        var seed = UInt64(i)
        let raw = withUnsafeBytes(of: &seed) { hasher.hash($0) }
        let outcome = Outcome.allCases[i % 5]
        return Decision(
            shotID: "SH" + String(1_000_000_000 + i), line: i + 2, provinceCode: 1 + i % 63, outcome: outcome,
            citizenID: outcome == .unmatched ? nil : CitizenID(rawValue: UInt64(10_000_000_000 + i * 7)),
            score: Double(i % 1000) / 1000, matchWeight: Double(i % 50) - 12.25,
            corrections: outcome == .corrected ? [.fullName] : [], evidence: evidence, rawSHA256: raw)
    }
    let path = context.dataDirectory + "/one-batch.ledger"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let writer = try LedgerWriter.open(path: path, header: header, signingKey: key)
    try writer.appendBatch(decisions: decisions, rejects: [])
    try writer.finish(checkpointOut: nil)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    var results: [BenchResult] = []
    // The machine is shared: CPU seconds (all threads) per run say what a quiet core would do.
    func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
    for threads in Array(Set([1, 2, context.cores])).sorted() {
        var cpu: [Double] = []
        let verify = try measure(runs: 5) { () -> Int in
            let c0 = cpuSeconds()
            let report = try LedgerVerifier.verify(path: path, threads: threads)
            cpu.append(cpuSeconds() - c0)
            precondition(report.isValid, "the benchmark ledger must verify")
            return report.treeSize
        }
        cpu.sort()
        print(
            "ledger verify, one batch of \(count): \(threads) thread(s) on \(context.cores) cores, median \(formatFixed(Double(verify.records) / verify.median / 1e6, 2)) M entries/s, best \(formatFixed(Double(verify.records) / verify.fastest / 1e6, 2)) M/s, \(formatFixed(cpu[cpu.count / 2] / Double(verify.records) * 1e9, 0)) ns CPU per entry"
        )
        results.append(
            BenchResult(
                name: "ledger verify, one batch", records: verify.records, bytes: size,
                medianSeconds: verify.median, p90Seconds: verify.p90, threads: threads,
                limit: .sha256(messagesPerRecord: 3)))
    }
    return results
}
