import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// Complaint entries (kind 8) and the review entries that settle them: the byte vector of
/// docs/ledger-format.md "Complaint entries", and the verifier's rules.
// spec: cli.md "Review at the vaccination site"; ledger-format.md "Complaint entries"
@Suite struct ComplaintEntryTests {
    /// Reproduced with Python's struct and hashlib (docs/ledger-format.md).
    static let vector = """
        080003432d310000000040abc9a501000253310000000000000005000730312d303030310000000062e733a0\
        0019323032322d30382d30315430393a30303a30302b30373a303000076d7920646f736587dcf0c7e423b247\
        76203451ecce5c284465f4ab9d4bb863221848fce1e4f33200000002
        """

    static func complaint(
        _ shot: String, concerns: Int, id: String = "C-1", citizen: UInt64 = 1_085_000_101,
        kind: ComplaintKind = .missing, line: Int = 2
    ) -> ComplaintRecord {
        ComplaintRecord(
            complaintID: id, citizenID: CitizenID(rawValue: citizen), kind: kind, shotID: shot, concernsSeq: concerns,
            facilityCode: "01-0001", receivedAtEpoch: 1_659_319_200, receivedAt: "2022-08-01T09:00:00+07:00",
            text: "my dose", fileSHA256: SHA256.hash("complaints"), line: line)
    }

    @Test func theDocumentedVector() throws {
        let c = Self.complaint("S1", concerns: 5)
        var w = ByteWriter()
        EntryCodec.encode(c, into: &w)
        #expect(hexString(w.bytes) == Self.vector)
        #expect(w.bytes.withUnsafeBytes { EntryCodec.decode(body: $0, shotID: nil) } == .complaint(c))
        // A trailing byte, a shot_id in the column, or a 13-digit complainant is not canonical.
        #expect((w.bytes + [0]).withUnsafeBytes { EntryCodec.decode(body: $0, shotID: nil) } == nil)
        #expect(w.bytes.withUnsafeBytes { EntryCodec.decode(body: $0, shotID: "S1") } == nil)
        var big = w.bytes
        big.replaceSubrange(6..<14, with: [0, 0, 0, 0xE8, 0xD4, 0xA5, 0x10, 0x00])  // 10^12
        #expect(big.withUnsafeBytes { EntryCodec.decode(body: $0, shotID: nil) } == nil)
    }

    /// A finished fixture ledger of 20 records; S0 is verified, S8 and S13 in review.
    private func withLedger(_ body: (String, [String: (seq: Int, decision: Decision)]) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/l.sqlite"
            try writeFixtureLedger(path: path, records: 20, batchSize: 8)
            let decisions = try LedgerReader(path: path).decisions(ofShots: ["S0", "S8", "S13"])
            try #require(decisions.count == 3 && decisions["S0"]!.decision.outcome.isLink)
            try body(path, decisions)
        }
    }

    private func append(_ path: String, complaints: [ComplaintRecord] = [], reviews: [ReviewRecord] = []) throws {
        let writer = try LedgerWriter.reopen(path: path, signingKey: fixtureKey)
        try writer.appendComplaints(complaints)
        try writer.appendReviews(reviews)
        try writer.finish(checkpointOut: nil)
    }

    private func lastSeq(_ path: String) throws -> Int { try LedgerVerifier.verify(path: path).treeSize - 1 }

    @Test func aComplaintOnALinkedShotThenAWithdrawalVerifiesAndChangesTheEffectiveDecision() throws {
        try withLedger { path, d in
            let linked = d["S0"]!
            try append(path, complaints: [Self.complaint("S0", concerns: linked.seq, kind: .missing)])
            let complaintSeq = try lastSeq(path) - 1
            #expect(try LedgerReader(path: path).complaintRecords().map(\.seq) == [complaintSeq])
            // The complainant is the right person: a person links the shot to them.
            try append(
                path,
                reviews: [ReviewEntryTests.record("S0", settles: complaintSeq, .link, citizen: 1_085_000_101)])
            let report = try LedgerVerifier.verify(path: path, threads: 2)
            #expect(report.failure == nil, "\(String(describing: report.failure))")
            let people = try LedgerReader(path: path).personDecisions()
            #expect(people.final[linked.seq]?.record.citizenID == CitizenID(rawValue: 1_085_000_101))
            #expect(!people.isOpen(complaintSeq: complaintSeq, decision: linked.seq))
            var effective: Decision?
            try LedgerReader(path: path).forEachEffectiveDecision { seq, _, e in if seq == linked.seq { effective = e } }
            #expect(effective?.citizenID == CitizenID(rawValue: 1_085_000_101))
            #expect(effective?.citizenID != linked.decision.citizenID)
        }
    }

    static let bad: [(String, String)] = [
        ("reviewOnLinkedShotWithoutComplaint", "not a review decision or a complaint"),
        ("complaintAboutAnotherShot", "a decision of another shot"),
        ("complaintLater", "which is not earlier"),
        ("reviewOfComplaintAboutAnotherShot", "a complaint about another shot"),
        ("settledTwice", "already settled"),
        ("sameComplaintTwice", "already recorded"),
    ]

    @Test(arguments: 0..<bad.count) func brokenRulesFailNamingTheEntry(_ index: Int) throws {
        try withLedger { path, d in
            let s0 = d["S0"]!.seq, s8 = d["S8"]!.seq
            let first = try lastSeq(path) + 1  // the first complaint's seq in a new batch
            switch Self.bad[index].0 {
            case "reviewOnLinkedShotWithoutComplaint":
                try append(path, reviews: [ReviewEntryTests.record("S0", settles: s0, .notRegistered)])
            case "complaintAboutAnotherShot":
                try append(path, complaints: [Self.complaint("S0", concerns: s8)])
            case "complaintLater":
                try append(path, complaints: [Self.complaint("S0", concerns: 1 << 40)])
            case "reviewOfComplaintAboutAnotherShot":
                try append(path, complaints: [Self.complaint("S0", concerns: s0)])
                try append(path, reviews: [ReviewEntryTests.record("S8", settles: first, .notRegistered)])
            case "settledTwice":
                try append(path, complaints: [Self.complaint("S0", concerns: s0)])
                try append(
                    path,
                    reviews: [
                        ReviewEntryTests.record("S0", settles: first, .notRegistered),
                        ReviewEntryTests.record("S0", settles: first, .link, citizen: 1_085_000_101, line: 3),
                    ])
            default:
                try append(path, complaints: [Self.complaint("S0", concerns: s0), Self.complaint("S0", concerns: s0, line: 3)])
            }
            let failure = try #require(try LedgerVerifier.verify(path: path, threads: 1).failure)
            #expect(failure.message.contains(Self.bad[index].1), "\(failure)")
            #expect(failure.seq != nil && failure.seq! >= first)
        }
    }

    @Test func aTamperedComplaintEntryFailsVerification() throws {
        try withLedger { path, d in
            try append(path, complaints: [Self.complaint("S0", concerns: d["S0"]!.seq)])
            let target = try lastSeq(path) - 1
            #expect(try LedgerVerifier.verify(path: path).failure == nil)
            // Another complainant, same length: the chain and the tree no longer hold.
            try tamper(
                path, "UPDATE entry SET body = CAST(substr(body, 1, 12) || X'FF' || substr(body, 14) AS BLOB) WHERE seq = \(target)")
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.seq == target, "\(failure)")
        }
    }

    @Test func aForgedComplaintWithAnUnknownKindFails() throws {
        try withLedger { path, d in
            try append(path, complaints: [Self.complaint("S0", concerns: d["S0"]!.seq)])
            var entries = try readRawEntries(path)
            let target = entries.count - 2
            entries[target].body[1 + 2 + 3 + 8] = 9  // kind byte after complaint_id and citizen_id
            try forgeLedger(path: path, entries: entries)
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.seq == target && failure.message.contains("malformed"), "\(failure)")
        }
    }
}
