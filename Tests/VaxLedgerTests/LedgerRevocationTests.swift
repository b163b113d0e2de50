import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// Renewal (a later passport entry of a citizen supersedes the earlier) and the passports a
/// withdrawn decision affects.
@Suite struct LedgerRevocationTests {
    static func record(_ path: String, _ i: Int, uvci: String) throws -> PassportRecord {
        let seq = try #require(try LedgerReader(path: path).seq(ofShot: "S\(i)"))
        return PassportRecord(
            uvci: uvci, citizenID: CitizenID(rawValue: 10_000_000_000 + UInt64(i)),
            payloadSHA256: SHA256.hash(uvci), decisionSeqs: [seq])
    }

    @Test func withdrawnDecisionsListCurrentAndSupersededPassports() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 60, batchSize: 20)
            // Records 0, 1, 2 are verified, corrected, relinked: one link each, of their own citizen.
            let first = try (0..<3).map { try Self.record(path, $0, uvci: "URN:UVCI:01:VN:A\($0)#A") }
            let renewed = try (0..<2).map { try Self.record(path, $0, uvci: "URN:UVCI:01:VN:B\($0)#B") }
            let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
            try writer.appendPassports(first)
            let renewalStart = writer.head.treeSize
            try writer.appendPassports(renewed)
            try writer.finish(checkpointOut: nil)
            // A renewal is an ordinary passport entry: the ledger verifies.
            let report = try LedgerVerifier.verify(path: path, threads: 1)
            #expect(report.failure == nil, "\(report.failure!)")

            let reader = try LedgerReader(path: path)
            let standings = try reader.passportStandings()
            #expect(standings.map(\.record) == first + renewed)
            #expect(standings[0].supersededBy == standings[3].seq && standings[1].supersededBy == standings[4].seq)
            #expect(standings[2].supersededBy == nil && standings[3].supersededBy == nil)
            #expect(try reader.issuedCitizenIDs(fromSeq: renewalStart) == [10_000_000_000, 10_000_000_001])
            #expect(try reader.issuedCitizenIDs() == [10_000_000_000, 10_000_000_000, 10_000_000_001,
                                                     10_000_000_001, 10_000_000_002])

            // Record 0's link is withdrawn: its first passport and its renewal both certify it.
            let s0 = try #require(try reader.seq(ofShot: "S0"))
            let s4 = try #require(try reader.seq(ofShot: "S4"))  // a link nobody's passport rests on
            let affected = try reader.passports(restingOnAnyOf: [s0, s4])
            #expect(affected.map(\.record.uvci) == ["URN:UVCI:01:VN:A0#A", "URN:UVCI:01:VN:B0#B"])
            #expect(affected.allSatisfy { $0.withdrawnDecisions == [s0] })
            #expect(try reader.passports(restingOnAnyOf: []).isEmpty)
        }
    }
}
