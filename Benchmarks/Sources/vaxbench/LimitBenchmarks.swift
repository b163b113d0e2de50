// The `limits` suite: the machine's plain ceilings that every other figure is compared with:
// scanning bytes for newlines, SHA-256 of ledger-sized messages, and SQLite inserts of
// ledger-shaped rows. They run first, so that the table can say how close each stage
// comes to the work it cannot avoid.
import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// The measured ceilings, in units per second on one thread.
struct MachineLimits {
    /// Bytes/s of reading a cached file in 8 MiB chunks and counting newlines.
    var byteScan: Double
    /// SHA-256 of 150-byte messages per second with one reused context.
    var sha256Messages: Double
    /// Rows/s of a prepared-statement SQLite insert, 100 k per transaction, WAL, FULL.
    var sqliteInserts: Double
}

/// Which ceiling a result is compared with, and how many units of it one record needs.
enum LimitKind {
    /// The result's bytes/s against the byte scan.
    case byteScan
    /// SHA-256 messages per record (a ledger entry needs a chain, a leaf and about one node hash).
    case sha256(messagesPerRecord: Double)
    /// SQLite rows per record.
    case sqliteInsert(rowsPerRecord: Double)
}

extension MachineLimits {
    /// The result's rate as a fraction of its ceiling, with the ceiling's short name.
    func ratio(of result: BenchResult) -> (Double, String)? {
        switch result.limit ?? (result.bytes != nil ? .byteScan : nil) {
        case .byteScan?:
            return result.bytesPerSecond.map { ($0 / byteScan, "scan") }
        case .sha256(let perRecord)?:
            return (result.recordsPerSecond * perRecord / sha256Messages, "sha")
        case .sqliteInsert(let perRecord)?:
            return (result.recordsPerSecond * perRecord / sqliteInserts, "sqlite")
        case nil:
            return nil
        }
    }
}

/// Reads `path` in 8 MiB chunks and counts line feeds byte by byte: the least work any
/// reader of a text file must do.
func countNewlines(path: String) throws -> Int {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8 << 20, alignment: 64)
    defer { buffer.deallocate() }
    let file = try InputFile(path: path)
    var lines = 0
    while true {
        let n = try file.read(into: buffer)
        if n == 0 { break }
        for b in UnsafeRawBufferPointer(rebasing: buffer[..<n]) where b == 0x0A { lines += 1 }
    }
    return lines
}

func measureLimits(_ context: BenchContext) throws -> (MachineLimits, [BenchResult]) {
    // 1. Byte scan of a 256 MB file (written once), as the CSV readers see their input.
    let scanBytes = context.quick ? 64 << 20 : 256 << 20
    let path = context.dataDirectory + "/limits-scan-\(scanBytes >> 20)MB.txt"
    if !fileExists(path) {
        var chunk = [UInt8](repeating: 0x41, count: 1 << 20)
        for i in stride(from: 99, to: chunk.count, by: 100) { chunk[i] = 0x0A }
        let output = try OutputFile(path: path)
        for _ in 0..<(scanBytes >> 20) { try output.write(chunk) }
        try output.commit()
    }
    let scan = try measure(runs: 5) { try countNewlines(path: path) }

    // 2. SHA-256 of 150-byte messages, the size of a ledger entry's canonical bytes.
    let messages = context.quick ? 500_000 : 2_000_000
    let hasher = SHA256Hasher()
    var message = [UInt8](repeating: 7, count: 150)
    let sha = measure(runs: 5) { () -> Int in
        var fold: UInt8 = 0
        for i in 0..<messages {
            message[i % 150] &+= 1
            let digest = message.withUnsafeBytes { hasher.hash($0) }
            fold ^= UInt8(truncatingIfNeeded: digest.words.0)
        }
        blackHole(fold)
        return messages
    }

    // 3. SQLite inserts of ledger-shaped rows.
    let rows = context.quick ? 200_000 : 1_000_000
    var insertRates: [Double] = []
    for _ in 0..<3 {
        insertRates.append(try InsertBaseline.rowsPerSecond(path: context.dataDirectory + "/limits.sqlite", rows: rows))
    }
    insertRates.sort()
    let insertRate = insertRates[1]

    // A ceiling is the best the machine did: on a shared machine a median would drift with
    // the load of other work and make every ratio look better than it is.
    let limits = MachineLimits(
        byteScan: Double(scanBytes) / scan.fastest, sha256Messages: Double(messages) / sha.fastest,
        sqliteInserts: insertRates[2])
    let results = [
        BenchResult(name: "limit: byte scan", records: scan.records, bytes: scanBytes, medianSeconds: scan.median,
                    p90Seconds: scan.p90, threads: 1),
        BenchResult(name: "limit: SHA-256, 150-byte messages", records: messages, bytes: messages * 150,
                    medianSeconds: sha.median, p90Seconds: sha.p90, threads: 1, limit: .sha256(messagesPerRecord: 1)),
        BenchResult(name: "limit: SQLite insert (WAL, FULL)", records: rows, bytes: nil,
                    medianSeconds: Double(rows) / insertRate, p90Seconds: Double(rows) / insertRates[0], threads: 1,
                    limit: .sqliteInsert(rowsPerRecord: 1)),
    ]
    return (limits, results)
}
