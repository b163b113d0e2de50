import Foundation
import Testing
import VaxCore
import VaxLedger
import VaxPassport
import VaxTestSupport
import VaxWorkflows

/// `passport issue --renew` and `passport revocations`.
@Suite struct PassportRenewalTests {
    // spec: issue 14 "Renewal and revocation".
    @Test func renewalSupersedesAndAWithdrawnLinkRevokesBoth() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            _ = try run.session(key: try run.makeKey(.es256, name: "old"), out: dir + "/p1").run()
            let first = try Workflow.rows(dir + "/p1/passports.csv")
            // A new key (PS256 this time): without --renew everyone is already_issued ...
            let newKey = try run.makeKey(.ps256, name: "new")
            _ = try run.session(key: newKey, out: dir + "/p2").run()
            #expect(try Workflow.rows(dir + "/p2/passports.csv").isEmpty)
            // ... with it, each gets a new certificate with a new UVCI.
            var renewal = run.session(key: newKey, out: dir + "/p3")
            renewal.renew = true
            let renewed = try renewal.run()
            let second = try Workflow.rows(dir + "/p3/passports.csv")
            #expect(renewed.issued == first.count && second.map { $0[0] } == first.map { $0[0] })
            #expect(Set(second.map { $0[1] }).isDisjoint(with: first.map { $0[1] }))
            let audit = try LedgerAudit.verify(path: run.ledger, publicKeyPath: nil, checkpointPath: dir + "/p3/checkpoint",
                                               threads: 2, json: false)
            #expect(!audit.foundProblem, "\(audit.diagnostics)")
            let standings = try LedgerReader(path: run.ledger).passportStandings()
            #expect(standings.filter { $0.supersededBy != nil }.map(\.record.uvci) == first.map { $0[1] })

            // Hoa's second dose (SX3) is withdrawn: both her certificates go on the list.
            let hoa1 = try #require(first.first { $0[0] == PassportRun.hoa })[1]
            let hoa2 = try #require(second.first { $0[0] == PassportRun.hoa })[1]
            try "# complaint 17\nSX3\nNOSUCHSHOT\n".write(toFile: dir + "/withdrawn.txt", atomically: true, encoding: .utf8)
            let list = try PassportRevocations.make(ledgerPath: run.ledger, withdrawnPath: dir + "/withdrawn.txt",
                                                    includeSuperseded: false, expires: 1_900_000_000)
            #expect(list.revoked.map(\.record.uvci) == [hoa1, hoa2])
            #expect(list.unknownShots == 1)
            #expect(list.batch.hashes == [hoa1, hoa2].map(RevocationBatch.uciHash).sorted())
            let all = try PassportRevocations.make(ledgerPath: run.ledger, withdrawnPath: dir + "/withdrawn.txt",
                                                   includeSuperseded: true, expires: 1_900_000_000)
            #expect(all.revoked.count == first.count + 1)
            let report = try PassportRevocations.export(ledgerPath: run.ledger, withdrawnPath: dir + "/withdrawn.txt",
                                                        includeSuperseded: false, out: dir + "/revoked.json",
                                                        validDays: 30)
            #expect(report.output?.hasPrefix("revoked 2 passports") == true, "\(report.output ?? "")")
            let json = try String(contentsOfFile: dir + "/revoked.json", encoding: .utf8)
            #expect(json.contains(RevocationBatch.uciHash(hoa2)) && json.contains("\"hashType\": \"UCI\""))
        }
    }
}
