import Foundation
import Testing
import VaxCore
import VaxInterchange
import VaxLedger
import VaxPassport
import VaxTestSupport
import VaxWorkflows

/// The effective decisions: a person's final review decision supersedes the machine's in
/// `ledger export`, in the run's rewritten outputs (`review import --out`) and in passports.
// spec: cli.md "Review at the vaccination site"; ledger-format.md "Review entries".
@Suite struct EffectiveDecisionsTests {
    static let t = "2022-04-20T09:15:00+07:00"

    @Test func ledgerExportGivesPeoplesDecisions() throws {
        try withTemporaryDirectory { dir in
            let r = try ReviewRun(dir: dir)
            try #require(r.cases.count >= 4)
            let c = r.cases
            // Without review entries, the export is the run's own decisions.csv.
            _ = try LedgerAudit.export(path: r.ledger, out: dir + "/before.csv")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/before.csv"))
                == Data(contentsOf: URL(fileURLWithPath: r.run + "/decisions.csv")))

            let other = try #require(c[1].candidates.first?.citizenID)
            try r.writeDecisions(dir + "/r.csv", [
                "\(c[0].shotID),link,\(c[0].candidates[0].citizenID),,nurse-07,\(Self.t)",
                "\(c[1].shotID),not_registered,,not_in_register: asked,nurse-07,\(Self.t)",
                "\(c[2].shotID),defer,,ask_citizen: call,nurse-07,\(Self.t)",
                "\(c[3].shotID),link,\(other),,nurse-07,\(Self.t)",
            ])
            #expect(try ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [dir + "/r.csv"]).run().imported == 4)
            _ = try LedgerAudit.export(path: r.ledger, out: dir + "/after.csv")
            let before = try ReviewRun.decisionsByShot(dir + "/before.csv")
            let after = try ReviewRun.decisionsByShot(dir + "/after.csv")
            #expect(after.count == before.count)
            #expect(["verified", "corrected", "relinked"].contains(after[c[0].shotID]![1]))
            #expect(after[c[0].shotID]![2] == c[0].candidates[0].citizenID)
            #expect(after[c[1].shotID]![1] == "unmatched" && after[c[1].shotID]![2] == "")
            #expect(after[c[2].shotID]! == before[c[2].shotID]!, "a defer changes nothing")
            #expect(after[c[3].shotID]![1] == "relinked" || c[3].candidates[0].citizenID == other)
            #expect(after[c[3].shotID]![2] == other)
            let decided = Set([c[0].shotID, c[1].shotID, c[3].shotID])
            for (shot, row) in before where !decided.contains(shot) { #expect(after[shot] == row, "\(shot)") }

            // The library view says the same, and says which review entry decided.
            let reader = try LedgerReader(path: r.ledger)
            let reviews = try reader.reviewRecords()
            var seen = 0
            try reader.forEachEffectiveDecision { seq, machine, effective in
                guard let review = reviews.first(where: { $0.record.settlesSeq == seq && $0.record.choice.isFinal }) else {
                    #expect(effective == machine)
                    return
                }
                seen += 1
                #expect(machine.outcome == .review)
                #expect(effective.outcome == review.record.outcome && effective.citizenID == review.record.citizenID)
                #expect(effective.evidence.hasSuffix("review=\(review.record.choice.name);review_entry=\(review.seq)"))
            }
            #expect(seen == 3)
        }
    }

    @Test func importWithOutRewritesTheRunsOutputsAndProgress() throws {
        try withTemporaryDirectory { dir in
            let r = try ReviewRun(dir: dir)
            let c = r.cases
            try #require(c.count >= 4)
            let reviewPath = r.run + "/review.csv"
            let opened = try #require(
                try FileManager.default.attributesOfItem(atPath: reviewPath)[.modificationDate] as? Date)
            let summaryBefore = try Self.json(r.run + "/summary.json")
            try r.writeDecisions(dir + "/r.csv", [
                "\(c[0].shotID),link,\(c[0].candidates[0].citizenID),,nurse-07,\(Self.t)",
                "\(c[1].shotID),not_registered,,not_in_register: asked,nurse-07,\(Self.t)",
                "\(c[2].shotID),defer,,ask_citizen: call,nurse-07,\(Self.t)",
            ])
            var job = ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [dir + "/r.csv"])
            job.out = r.run
            job.language = .en
            job.now = Int64(opened.timeIntervalSince1970) + 50 * 3600
            let result = try job.run()
            #expect(result.imported == 3)

            // decisions.csv is the ledger's effective export, byte for byte.
            _ = try LedgerAudit.export(path: r.ledger, out: dir + "/export.csv")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/export.csv"))
                == Data(contentsOf: URL(fileURLWithPath: r.run + "/decisions.csv")))
            // review.csv keeps only the open shots (the deferred one included) and its clock.
            let open = try ReviewCasesReader.read(path: reviewPath).map(\.shotID)
            #expect(open.count == c.count - 2)
            #expect(!open.contains(c[0].shotID) && !open.contains(c[1].shotID) && open.contains(c[2].shotID))
            let mtime = try FileManager.default.attributesOfItem(atPath: reviewPath)[.modificationDate] as? Date
            #expect(abs((mtime?.timeIntervalSince1970 ?? 0) - opened.timeIntervalSince1970) < 1)
            // summary.json: one review became a link, one unmatched; the progress totals.
            let summary = try Self.json(r.run + "/summary.json")
            func outcome(_ s: [String: Any], _ o: String) -> Int { ((s["outcomes"] as! [String: Any])[o] as! NSNumber).intValue }
            #expect(outcome(summary, "review") == outcome(summaryBefore, "review") - 2)
            #expect(outcome(summary, "unmatched") == outcome(summaryBefore, "unmatched") + 1)
            let links = ["verified", "corrected", "relinked"]
            let linksAfter: Int = links.map { outcome(summary, $0) }.reduce(0, +)
            let linksBefore: Int = links.map { outcome(summaryBefore, $0) }.reduce(0, +)
            #expect(linksAfter == linksBefore + 1)
            let progress = try #require(summary["review_progress"] as? [String: Any])
            #expect((progress["decided"] as? NSNumber)?.intValue == 2)
            #expect((progress["deferred"] as? NSNumber)?.intValue == 1)
            #expect((progress["open"] as? NSNumber)?.intValue == c.count - 2)
            let ledgerInfo = try #require(summary["ledger"] as? [String: Any])
            #expect((ledgerInfo["entries"] as? NSNumber)?.intValue == (try LedgerVerifier.verify(path: r.ledger).treeSize))
            #expect(summary["store_content_hash"] as? String == summaryBefore["store_content_hash"] as? String)
            // provinces.csv adds up to the new counts; review-progress.csv per site, 50 h > 48 h.
            let provinces = try Workflow.rows(r.run + "/provinces.csv")
            let provinceReview: Int = provinces.map { Int($0[9])! }.reduce(0, +)
            #expect(provinceReview == outcome(summary, "review"))
            let sites = try Workflow.rows(r.run + "/review-progress.csv")
            let siteDecided: Int = sites.map { Int($0[3])! }.reduce(0, +)
            let siteOpen: Int = sites.map { Int($0[5])! }.reduce(0, +)
            #expect(siteDecided == 2)
            #expect(siteOpen == c.count - 2)
            #expect(sites.filter { Int($0[5])! > 0 }.allSatisfy { $0[7] == "1" && $0[6] == "50.0" })
            let html = try String(contentsOfFile: r.run + "/report.html", encoding: .utf8)
            #expect(html.contains("Review progress per vaccination site") && html.contains("50.0 &gt; 48"))
            #expect(html.contains("Verified: every chain link"))
            #expect(try LedgerVerifier.verify(path: r.ledger, heldCheckpoint: String(contentsOfFile: r.run + "/checkpoint", encoding: .utf8)).failure == nil)
        }
    }

    /// A citizen linked by a person gets a passport: before the import every shot naming
    /// them waits for review; afterwards the passport rests on the review entries (a
    /// person's link is strong evidence) and the ledger, passports included, verifies.
    @Test func passportIssueHonoursPeoplesLinks() throws {
        try withTemporaryDirectory { dir in
            let r = try ReviewRun(dir: dir)
            try #require(r.cases.count >= 4)
            let keyPath = dir + "/dsc.key", certificatePath = dir + "/dsc.crt"
            _ = try PassportKeys.writeSigner(
                .es256, commonName: "test DSC", country: "VN", validDays: 30, keyPath: keyPath,
                certificatePath: certificatePath)
            func issue(_ out: String) throws -> [String] {
                _ = try PassportIssueSession(
                    storePath: r.store, ledgerPath: r.ledger, shotsPath: r.shots, keyPath: keyPath,
                    certificatePath: certificatePath, out: out, threads: 2, quiet: true
                ).run()
                return try Workflow.rows(out + "/passports.csv").map { $0[0] }
            }
            let machineLinked = Set(try issue(dir + "/p0"))
            // People link every case to its best candidate.
            try r.writeDecisions(
                dir + "/r.csv", r.cases.map { "\($0.shotID),link,\($0.candidates[0].citizenID),,nurse-07,\(Self.t)" })
            #expect(try ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [dir + "/r.csv"]).run().imported == r.cases.count)
            let issued = try issue(dir + "/p1")
            let reviewed = Set(r.cases.map { $0.candidates[0].citizenID })
            let newlyIssued = issued.filter { !machineLinked.contains($0) }
            #expect(!newlyIssued.isEmpty)
            #expect(newlyIssued.allSatisfy(reviewed.contains))

            let reader = try LedgerReader(path: r.ledger)
            let reviewSeqs = Set(try reader.reviewRecords().map(\.seq))
            let restingOnPeople = try reader.passports().filter { $0.decisionSeqs.contains(where: reviewSeqs.contains) }
            #expect(restingOnPeople.count >= newlyIssued.count)
            #expect(try LedgerVerifier.verify(path: r.ledger).failure == nil)
        }
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }
}
