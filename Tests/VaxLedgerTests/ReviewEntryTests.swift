import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// Review entries (kind 7): the byte vector of docs/ledger-format.md, and the verifier's rules.
// spec: cli.md "Review at the vaccination site"
@Suite struct ReviewEntryTests {
    static let vector = """
        07000253310000000000000005010000000040abc9a5010000000000625f6ca40019323032322d30342d\
        32305430393a31353a30302b30373a303000086e757273652d30370000000c736974652d30312d303030\
        31001030313233343536373839616263646566c97ace4c8fef2cee8fa0f3c9f52aab18dbd4f42438afe3\
        62ffb8f75ce4c04b8400000002
        """

    static func record(_ shot: String, settles: Int, _ choice: ReviewChoice, citizen: UInt64? = nil, line: Int = 2)
        -> ReviewRecord
    {
        let outcome: Outcome = choice == .link ? .verified : choice == .notRegistered ? .unmatched : .review
        return ReviewRecord(
            shotID: shot, settlesSeq: settles, choice: choice, citizenID: citizen.map(CitizenID.init(rawValue:)),
            outcome: outcome, corrections: [], decidedAtEpoch: 1_650_420_900, decidedAt: "2022-04-20T09:15:00+07:00",
            reviewer: "nurse-07", reason: choice == .link ? "" : "ask_citizen: call", signerSite: "site-01-0001",
            signerKeyID: "0123456789abcdef", fileSHA256: SHA256.hash("review"), line: line)
    }

    @Test func theDocumentedVector() throws {
        var r = Self.record("S1", settles: 5, .link, citizen: 1_085_000_101)
        r.reason = ""
        var w = ByteWriter()
        EntryCodec.encode(r, into: &w)
        #expect(hexString(w.bytes) == Self.vector)
        let decoded = w.bytes.withUnsafeBytes { EntryCodec.decode(body: $0, shotID: nil) }
        #expect(decoded == .review(r))
        // A trailing byte, or a shot_id in the column, makes it non-canonical.
        let longer = (w.bytes + [0]).withUnsafeBytes { EntryCodec.decode(body: $0, shotID: nil) }
        #expect(longer == nil)
        #expect(w.bytes.withUnsafeBytes { EntryCodec.decode(body: $0, shotID: "S1") } == nil)
    }

    /// A finished fixture ledger of 20 records; S8 and S13 are in review, S0 is verified.
    private func withLedger(_ body: (String, [String: Int]) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/l.sqlite"
            try writeFixtureLedger(path: path, records: 20, batchSize: 8)
            let seqs = try LedgerReader(path: path).decisions(ofShots: ["S0", "S8", "S13"]).mapValues(\.seq)
            try #require(seqs.count == 3)
            try body(path, seqs)
        }
    }

    private func append(_ path: String, _ records: [ReviewRecord]) throws {
        let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
        try writer.appendReviews(records)
        try writer.finish(checkpointOut: nil)
    }

    @Test func deferThenLinkVerifiesAndReadsBack() throws {
        try withLedger { path, seqs in
            let records = [
                Self.record("S8", settles: seqs["S8"]!, .deferred),
                Self.record("S8", settles: seqs["S8"]!, .link, citizen: 1_085_000_101, line: 3),
                Self.record("S13", settles: seqs["S13"]!, .notRegistered),
            ]
            try append(path, records)
            let report = try LedgerVerifier.verify(path: path, threads: 2)
            #expect(report.failure == nil, "\(String(describing: report.failure))")
            #expect(try LedgerReader(path: path).reviewRecords().map(\.record) == records)
        }
    }

    static let bad: [(String, String)] = [
        ("twice", "already settled"),
        ("notReview", "not a review decision"),
        ("otherShot", "a decision of another shot"),
        ("later", "which is not earlier"),
    ]

    @Test(arguments: 0..<bad.count) func brokenSettlementsFailNamingTheEntry(_ index: Int) throws {
        try withLedger { path, seqs in
            let records: [ReviewRecord]
            switch Self.bad[index].0 {
            case "twice":
                records = [Self.record("S8", settles: seqs["S8"]!, .link, citizen: 1_085_000_101),
                           Self.record("S8", settles: seqs["S8"]!, .notRegistered, line: 3)]
            case "notReview": records = [Self.record("S0", settles: seqs["S0"]!, .notRegistered)]
            case "otherShot": records = [Self.record("S13", settles: seqs["S8"]!, .notRegistered)]
            default: records = [Self.record("S8", settles: 1 << 40, .notRegistered)]
            }
            try append(path, records)
            let failure = try #require(try LedgerVerifier.verify(path: path, threads: 1).failure)
            #expect(failure.message.contains(Self.bad[index].1), "\(failure)")
            #expect(failure.seq != nil && failure.seq! > seqs["S13"]!)
        }
    }

    @Test func aRecordAgainstTheRulesIsNotWritten() throws {
        try withLedger { path, seqs in
            var r = Self.record("S8", settles: seqs["S8"]!, .link, citizen: nil)
            #expect(throws: VaxError.self) { try append(path, [r]) }
            r = Self.record("S8", settles: seqs["S8"]!, .deferred)
            r.reviewer = ""
            #expect(throws: VaxError.self) { try append(path, [r]) }
        }
    }
}
