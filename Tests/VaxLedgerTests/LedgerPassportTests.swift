import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// Passport entries (kind 6): appended after a finished run, checked by the verifier.
@Suite struct LedgerPassportTests {
    /// A passport for fixture record `i`, resting on its decision.
    static func passport(_ path: String, record i: Int, citizen: UInt64? = nil, seqs: [Int]? = nil) throws
        -> PassportRecord
    {
        let seq = try LedgerReader(path: path).seq(ofShot: "S\(i)")!
        return PassportRecord(
            uvci: "URN:UVCI:01:VN:TEST\(i)#A", citizenID: CitizenID(rawValue: citizen ?? 10_000_000_000 + UInt64(i)),
            payloadSHA256: SHA256.hash("payload \(i)"), decisionSeqs: seqs ?? [seq])
    }

    @Test func passportsAppendAfterTheRunAndVerify() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            let before = try writeFixtureLedger(path: path, records: 300, batchSize: 100)
            // Records 0, 1, 2 are verified, corrected, relinked: links.
            let records = try (0..<3).map { try Self.passport(path, record: $0) }
            let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
            try writer.appendPassports(Array(records.prefix(2)))
            try writer.appendPassports([records[2]])
            try writer.finish(checkpointOut: nil)
            #expect(writer.head.treeSize == before.treeSize + 3 + 2)  // 3 entries, 2 seals
            for threads in [1, 2] {
                let report = try LedgerVerifier.verify(path: path, threads: threads)
                #expect(report.failure == nil, "\(report.failure!)")
                #expect(report.treeSize == writer.head.treeSize)
            }
            #expect(try LedgerReader(path: path).passports() == records)
            #expect(try LedgerReader(path: path).issuedCitizenIDs() == records.map(\.citizenID.rawValue).sorted())
            #expect(try LedgerReader(path: path).entry(seq: before.treeSize) == .passport(records[0]))
            // Passports are not input records: a resumed match still sees 300 committed.
            let resumed = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            #expect(resumed.committedRecords == 300)
        }
    }

    /// Passports that name what they must not: each is written (the writer trusts its caller)
    /// and must be refused by the verifier with the reason.
    static let badReferences: [(String, String)] = [
        ("review", "which is not a link"),  // record 8: 8 % 5 == 3, a review
        ("other citizen", "a link of another citizen"),
        ("seal", "which is not a decision"),
        ("later", "which is not earlier"),
    ]

    @Test(arguments: 0..<4)
    func aPassportNamingTheWrongEntryFails(index: Int) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 50, batchSize: 50)
            let record: PassportRecord
            switch index {
            case 0: record = try Self.passport(path, record: 8)
            case 1: record = try Self.passport(path, record: 0, citizen: 10_000_000_001)
            case 2: record = try Self.passport(path, record: 0, seqs: [1])
            default: record = try Self.passport(path, record: 0, seqs: [1_000_000])
            }
            let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
            try writer.appendPassports([record])
            let report = try LedgerVerifier.verify(path: path, threads: 1)
            let failure = try #require(report.failure)
            #expect(failure.message.contains(Self.badReferences[index].1), "\(failure)")
            #expect(failure.seq == writer.head.treeSize - 2)  // the passport entry, before its seal
        }
    }

    @Test func aChangedPassportEntryFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 50, batchSize: 50)
            let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
            try writer.appendPassports([try Self.passport(path, record: 0)])
            let target = writer.head.treeSize - 2
            #expect(try LedgerVerifier.verify(path: path).isValid)
            // Change one byte of the payload digest (after kind, the 27-byte UVCI's str and the citizen).
            try tamper(
                path,
                "UPDATE entry SET body = CAST(substr(body, 1, 40) || X'00' || substr(body, 42) AS BLOB) WHERE seq = \(target)"
            )
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.seq == target)
        }
    }

    @Test func aDecisionAfterAPassportFails() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 50, batchSize: 50)
            let writer = try LedgerWriter.open(path: path, header: fixtureHeader(), signingKey: fixtureKey)
            try writer.appendPassports([try Self.passport(path, record: 0)])
            let more = fixtureRecords(50..<60)
            try writer.appendBatch(decisions: more.decisions, rejects: more.rejects)
            try writer.flush()  // appendBatch only queues the batch
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.message.contains("follows the first passport"), "\(failure)")
        }
    }

    @Test func reopeningWithAnotherKeyIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 10, batchSize: 10)
            #expect(throws: VaxError.self) {
                _ = try LedgerWriter.reopen(path: path, signingKey: Ed25519PrivateKey.generate())
            }
        }
    }

    @Test func recordsThatBreakTheFormatAreRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 10, batchSize: 10)
            let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
            var record = try Self.passport(path, record: 0)
            record.decisionSeqs = [5, 5]
            #expect(throws: VaxError.self) { try writer.appendPassports([record]) }
            record.decisionSeqs = [5]
            record.uvci = String(repeating: "A", count: 81)
            #expect(throws: VaxError.self) { try writer.appendPassports([record]) }
            #expect(try LedgerVerifier.verify(path: path).isValid)
        }
    }
}
