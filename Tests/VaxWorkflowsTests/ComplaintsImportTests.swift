import Foundation
import Testing
import VaxCore
import VaxInterchange
import VaxLedger
import VaxTestSupport
import VaxWorkflows

/// `complaints import` and what follows: complaint cases on the export pages, decisions on
/// them through `review import`, a withdrawn link in `ledger export` and the revocations.
// spec: cli.md "Review at the vaccination site"; interchange.md "complaints.csv";
// ledger-format.md "Complaint entries"
@Suite struct ComplaintsImportTests {
    static let header =
        "complaint_id,citizen_id,kind,shot_id,vaccinated_on,facility_code,vaccine,dose_number,received_at,text"
    static let received = "2022-08-01T09:00:00+07:00"
    static let receivedEpoch: Int64 = 1_659_319_200

    /// A small generated run with the default model (most shots linked): DIR/d, DIR/store,
    /// DIR/run with its ledger DIR/run/l.sqlite.
    struct Run {
        let dir: String
        var store: String { dir + "/store" }
        var ledger: String { dir + "/run/l.sqlite" }
        var shots: String { dir + "/d/shots.csv" }
        /// shots.csv rows and decisions.csv rows by shot_id.
        let typed: [String: [String]]
        let decided: [String: [String]]
        /// Shots linked by the machine, in file order.
        let linked: [String]

        init(dir: String) throws {
            self.dir = dir
            try Workflow.generate(dir + "/d", citizens: 600, shots: 300, seed: 11)
            _ = try Workflow.buildStore(dir + "/d/population.csv", dir + "/store")
            _ = try ModelFiles.writeDefault(out: dir + "/model")
            _ = try MatchSession(
                storePath: dir + "/store", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/run/l.sqlite",
                out: dir + "/run", threads: 2, modelPath: dir + "/model", quiet: true
            ).run()
            let shotRows = try Workflow.rows(dir + "/d/shots.csv")
            typed = Dictionary(shotRows.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
            let decisions = try ReviewRun.decisionsByShot(dir + "/run/decisions.csv")
            decided = decisions
            linked = shotRows.map { $0[0] }.filter { ["verified", "corrected", "relinked"].contains(decisions[$0]?[1]) }
        }

        /// A registered citizen other than `citizen`.
        func otherCitizen(than citizen: String) throws -> String {
            try #require(try Workflow.rows(dir + "/d/population.csv").map { $0[0] }.first { $0 != citizen })
        }

        func writeComplaints(_ path: String, _ rows: [String]) throws {
            try ([ComplaintsImportTests.header] + rows + [""]).joined(separator: "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }

        func importComplaints(_ path: String) throws -> ComplaintsImport.Result {
            var job = ComplaintsImport(ledgerPath: ledger, storePath: store, complaintsPath: path)
            job.shotsPath = shots
            return try job.run()
        }
    }

    @Test func complaintsAreMatchedByShotIDAndByDescriptionRecordedOnceAndTheRestReported() throws {
        try withTemporaryDirectory { dir in
            let r = try Run(dir: dir)
            try #require(r.linked.count >= 3)
            let x = r.linked[0], y = r.linked[1]
            let xOwner = r.decided[x]![2], yOwner = r.decided[y]![2]
            let stranger = try r.otherCitizen(than: xOwner)
            // y described: the day after, the site as typed, the vaccine in lower case, the dose.
            let t = try #require(r.typed[y])
            let day = try #require(PartialDate.parse(t[10]))
            let next = CivilDate(dayNumber: CivilDate(year: day.year, month: day.month!, day: day.day!).dayNumber + 1)
            let nextText = String(format: "%04d-%02d-%02d", next.year, next.month, next.day)
            let file = dir + "/c.csv"
            try r.writeComplaints(file, [
                "C-1,\(stranger),missing,\(x),,,,,\(Self.received),it is mine",  // a link to someone else
                "C-2,\(yOwner),wrong,,\(nextText),\(t[7]),\(t[8].lowercased()),\(t[9]),\(Self.received),not mine",
                "C-3,\(stranger),missing,,2020-01-01,NO-SUCH-SITE,Sputnik,,\(Self.received),",  // nothing fits
                "C-4,\(xOwner),missing,\(x),,,,,\(Self.received),",  // already theirs
                "C-5,009999999999,missing,\(x),,,,,\(Self.received),",  // not in the store
                "C-6,\(stranger),perhaps,\(x),,,,,\(Self.received),",  // does not read
                "C-7,\(stranger),missing,NOSUCHSHOT,,,,,\(Self.received),",
            ])
            let first = try r.importComplaints(file)
            #expect(first.recorded == 2 && first.entries == 2)
            #expect(first.shotsByComplaint["C-1"] == [x])
            #expect(first.shotsByComplaint["C-2"] == [y])
            #expect(first.reportedBack.map(\.code) == ["no_shot_found", "already_on_record", "no_shot_found"])
            #expect(first.reportedBack.map(\.line) == [4, 5, 8])
            #expect(first.rejected.map(\.code) == ["unknown_citizen", "bad_kind"])
            #expect(first.rejected.map(\.line) == [6, 7])
            #expect(first.report.foundProblem)
            #expect(first.report.diagnostics.contains("c.csv:4: no_shot_found"))
            #expect(try LedgerVerifier.verify(path: r.ledger).failure == nil)
            let records = try LedgerReader(path: r.ledger).complaintRecords().map(\.record)
            #expect(records.map(\.complaintID) == ["C-1", "C-2"])
            #expect(records[1].kind == .wrong && records[1].citizenID.description == yOwner)
            #expect(records[1].facilityCode == t[7] && records[1].receivedAtEpoch == Self.receivedEpoch)

            // The same file again changes nothing.
            let size = try FileManager.default.attributesOfItem(atPath: r.ledger)[.size] as? Int
            let again = try r.importComplaints(file)
            #expect(again.recorded == 0 && again.alreadyRecorded == 2)
            #expect(try LedgerReader(path: r.ledger).complaintRecords().count == 2)
            #expect(try FileManager.default.attributesOfItem(atPath: r.ledger)[.size] as? Int == size)

            // A complaint number the ledger holds for another citizen is refused; a wrong shot
            // that is not the complainant's is reported back.
            try r.writeComplaints(dir + "/c3.csv", [
                "C-1,\(xOwner),missing,\(y),,,,,\(Self.received),",
                "C-8,\(stranger),wrong,\(y),,,,,\(Self.received),",
            ])
            let third = try r.importComplaints(dir + "/c3.csv")
            #expect(third.recorded == 0 && third.rejected.map(\.code) == ["complaint_id_reused"])
            #expect(third.reportedBack.map(\.code) == ["not_on_record"] && third.reportedBack[0].line == 3)

            // Another shots file than the run's is refused before anything is recorded.
            var other = try String(contentsOfFile: r.shots, encoding: .utf8)
            other += "\n"
            try other.write(toFile: dir + "/other.csv", atomically: true, encoding: .utf8)
            try r.writeComplaints(dir + "/c2.csv", ["C-9,\(stranger),missing,\(y),,,,,\(Self.received),"])
            var job = ComplaintsImport(ledgerPath: r.ledger, storePath: r.store, complaintsPath: dir + "/c2.csv")
            job.shotsPath = dir + "/other.csv"
            #expect(Workflow.errorKind { try job.run() } == .badInput)
            #expect(try LedgerReader(path: r.ledger).complaintRecords().count == 2)
        }
    }

    @Test func aDecisionOnAComplaintWithdrawsTheLinkEverywhereAndRevokesThePassport() throws {
        try withTemporaryDirectory { dir in
            let r = try Run(dir: dir)
            // Passports from the machine's links.
            let keyPath = dir + "/dsc.key", certificatePath = dir + "/dsc.crt"
            _ = try PassportKeys.writeSigner(
                .es256, commonName: "test DSC", country: "VN", validDays: 30, keyPath: keyPath,
                certificatePath: certificatePath)
            _ = try PassportIssueSession(
                storePath: r.store, ledgerPath: r.ledger, shotsPath: r.shots, keyPath: keyPath,
                certificatePath: certificatePath, out: dir + "/p", threads: 2, quiet: true
            ).run()
            let holders = Set(try Workflow.rows(dir + "/p/passports.csv").map { $0[0] })
            let y = try #require(r.linked.first { holders.contains(r.decided[$0]![2]) })
            let owner = r.decided[y]![2]
            #expect(try PassportRevocations.make(
                ledgerPath: r.ledger, withdrawnPath: nil, includeSuperseded: false, expires: 0).revoked.isEmpty)

            // The owner says the shot is not theirs.
            try r.writeComplaints(dir + "/c.csv", ["C-1,\(owner),wrong,\(y),,,,,\(Self.received),not mine"])
            #expect(try r.importComplaints(dir + "/c.csv").entries == 1)

            // The next export puts it on its site's page as a complaint case, the owner offered.
            var export = ReviewExport(runDirectory: dir + "/run", storePath: r.store, out: dir + "/rev")
            export.ledgerPath = r.ledger
            export.shotsPath = r.shots
            let exported = try export.run()
            #expect(exported.complaintCases == 1 && exported.shots == 1)
            let page = try String(contentsOfFile: try #require(exported.pages.first), encoding: .utf8)
            #expect(page.contains("\"complaint_id\":\"C-1\"") && page.contains("\"current_link\":\"\(owner)\""))
            #expect(page.contains("\"citizen_id\":\"\(owner)\",\"score\":\"\",\"weight\":\"\",\"registered\":true,\"complainant\":true"))
            #expect(page.contains("\"opened_at\":\(Self.receivedEpoch)"))
            let index = try Workflow.rows(dir + "/rev/index.csv")
            #expect(index.count == 1 && index[0][5] == "1")

            // The site finds the person is not the owner: a withdrawal.
            _ = try LedgerAudit.export(path: r.ledger, out: dir + "/before.csv")
            let decisions = dir + "/r.csv"
            try ReviewRun(dirOnly: dir).writeDecisions(
                decisions, ["\(y),not_registered,,not_in_register: not the owner's,nurse-07,2022-08-02T09:00:00+07:00"])
            var job = ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [decisions])
            job.out = dir + "/run"
            job.now = Self.receivedEpoch + 50 * 3600
            let imported = try job.run()
            #expect(imported.imported == 1 && imported.withdrawn == 1)
            #expect(try LedgerVerifier.verify(path: r.ledger).failure == nil)

            _ = try LedgerAudit.export(path: r.ledger, out: dir + "/after.csv")
            let before = try ReviewRun.decisionsByShot(dir + "/before.csv")
            let after = try ReviewRun.decisionsByShot(dir + "/after.csv")
            #expect(after[y]![1] == "unmatched" && after[y]![2] == "")
            for (shot, row) in before where shot != y { #expect(after[shot] == row, "\(shot)") }
            #expect(try Workflow.file(dir + "/after.csv") == Workflow.file(dir + "/run/decisions.csv"))

            // The passport resting on the withdrawn link is listed, without a --withdrawn file.
            let revoked = try PassportRevocations.make(
                ledgerPath: r.ledger, withdrawnPath: nil, includeSuperseded: false, expires: 0
            ).revoked
            #expect(!revoked.isEmpty && revoked.allSatisfy { $0.record.citizenID.description == owner })

            // Progress: the complaint case is decided; the same file again changes nothing.
            let sites = try Workflow.rows(dir + "/run/review-progress.csv")
            #expect(sites.map { Int($0[8])! }.reduce(0, +) == 1 && sites.map { Int($0[9])! }.reduce(0, +) == 1)
            #expect(sites.map { Int($0[11])! }.reduce(0, +) == 0)
            let again = try ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [decisions]).run()
            #expect(again.imported == 0 && again.alreadyImported == 1)
            // And the case is off the next export.
            var next = export
            next.out = dir + "/rev2"
            #expect(try next.run().complaintCases == 0)
        }
    }

    @Test func aComplaintCaseStaysOpenAndCountsAgainst48Hours() throws {
        try withTemporaryDirectory { dir in
            let r = try Run(dir: dir)
            let y = try #require(r.linked.first)
            let stranger = try r.otherCitizen(than: r.decided[y]![2])
            try r.writeComplaints(dir + "/c.csv", ["C-1,\(stranger),missing,\(y),,,,,\(Self.received),"])
            _ = try r.importComplaints(dir + "/c.csv")
            // A decision on another shot triggers the rewrite; the complaint is still open.
            let other = try #require(r.linked.last)
            try ReviewRun(dirOnly: dir).writeDecisions(
                dir + "/r.csv", ["\(other),defer,,ask_citizen: call,nurse-07,2022-08-02T09:00:00+07:00"])
            var job = ReviewImport(ledgerPath: r.ledger, storePath: r.store, decisionFiles: [dir + "/r.csv"])
            job.out = dir + "/run"
            job.now = Self.receivedEpoch + 50 * 3600
            let result = try job.run()
            #expect(result.rejected.map(\.issue.code) == ["not_in_review"], "a linked shot without a complaint")
            let sites = try Workflow.rows(dir + "/run/review-progress.csv")
            let open = try #require(sites.first { $0[11] == "1" })
            #expect(open[12] == "50.0" && open[13] == "1")
            let summary = try EffectiveDecisionsTests.json(dir + "/run/summary.json")
            let complaints = (summary["review_progress"] as? [String: Any])?["complaints"] as? [String: Any]
            #expect((complaints?["open"] as? NSNumber)?.intValue == 1)

            // While the complaint is open, neither the linked citizen nor the complainant gets
            // a passport: the shot is disputed.
            let keyPath = dir + "/dsc.key", certificatePath = dir + "/dsc.crt"
            _ = try PassportKeys.writeSigner(
                .es256, commonName: "test DSC", country: "VN", validDays: 30, keyPath: keyPath,
                certificatePath: certificatePath)
            _ = try PassportIssueSession(
                storePath: r.store, ledgerPath: r.ledger, shotsPath: r.shots, keyPath: keyPath,
                certificatePath: certificatePath, out: dir + "/p", threads: 2, quiet: true
            ).run()
            let skipped = Dictionary(
                try Workflow.rows(dir + "/p/skipped.csv").map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
            #expect(skipped[r.decided[y]![2]]?.hasPrefix("review_pending") == true)
            #expect(skipped[stranger]?.hasPrefix("review_pending") == true)
            #expect(!(try Workflow.rows(dir + "/p/passports.csv").contains { $0[0] == r.decided[y]![2] || $0[0] == stranger }))
        }
    }
}

extension ReviewRun {
    /// A ReviewRun value for its file helpers only, over an existing folder.
    init(dirOnly dir: String) {
        self.dir = dir
        self.cases = []
    }
}
