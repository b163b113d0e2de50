import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// A fixed signing key (RFC 8032 test 1's seed) so runs are reproducible.
let fixtureKey = try! Ed25519PrivateKey(
    seed: hexBytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))

func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    func value(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

func fixtureHeader(
    model: String = "model-1", key: Ed25519PrivateKey = fixtureKey, version: UInt8 = LedgerFormat.version
)
    -> RunHeader
{
    RunHeader(
        toolVersion: "0.1.0", inputs: [.init(name: "shots.csv", sha256: SHA256.hash("shots"))],
        storeContentHash: SHA256.hash("store"), modelHash: SHA256.hash(model),
        thresholds: ["link": "0.9", "review": "0.5"], signerPublicKey: key.publicKey, formatVersion: version)
}

/// Synthetic input: record i (line i + 2) is a decision, except every 7th which is a reject.
func fixtureRecords(_ range: Range<Int>) -> (decisions: [Decision], rejects: [RowIssue]) {
    var decisions: [Decision] = []
    var rejects: [RowIssue] = []
    for i in range {
        let raw = SHA256.hash("row \(i)")
        if i % 7 == 3 {
            rejects.append(
                RowIssue(
                    line: i + 2, key: i % 2 == 0 ? "S\(i)" : "", code: "field_count",
                    message: "expected 9 fields, found 8", column: i % 2 == 0 ? nil : "full_name",
                    rawSHA256: raw))
        } else {
            let outcome = Outcome.allCases[i % 5]
            decisions.append(
                Decision(
                    shotID: "S\(i)", line: i + 2, provinceCode: 1 + i % 63, outcome: outcome,
                    citizenID: outcome == .unmatched ? nil : CitizenID(rawValue: 10_000_000_000 + UInt64(i)),
                    score: Double(i % 100) / 100, matchWeight: Double(i % 40) - 10.5,
                    corrections: outcome == .corrected ? [.fullName, .birthDate] : [],
                    evidence: "n=0.97;b=1;s=1;p=\(i % 3)", rawSHA256: raw))
        }
    }
    return (decisions, rejects)
}

/// Writes a ledger of `records` input records in batches of `batchSize`; returns the final head.
@discardableResult
func writeFixtureLedger(path: String, records: Int, batchSize: Int, finish: Bool = true) throws -> LedgerWriter.Head {
    let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
    var start = writer.committedRecords
    while start < records {
        let end = min(records, start + batchSize)
        let batch = fixtureRecords(start..<end)
        try writer.appendBatch(decisions: batch.decisions, rejects: batch.rejects)
        start = end
    }
    if finish { try writer.finish(checkpointOut: path + ".checkpoint") }
    return writer.head
}

/// Runs SQL against a ledger file with a fresh connection, as a tamperer would.
func tamper(_ path: String, _ sql: String) throws {
    let database = try SQLiteDatabase(path: path, readOnly: false)
    try database.execute(sql)
}
