import Foundation
import Testing
import VaxCore
import VaxLedger
import VaxPassport
import VaxTestSupport
import VaxWorkflows

/// `passport issue` holds back a citizen whose passport would rest on a weak link, or whose
/// series cannot be true given the register's birth date.
@Suite struct PassportEvidenceTests {
    // spec: issue 14 "Evidence a passport may rest on"; VaccinationSeries (dose before birth).
    @Test func weakLinksAndImplausibleSeriesAreHeldBackWithAReason() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let decisions = try Workflow.rows(dir + "/m/decisions.csv")
            let xuyen = try #require(decisions.first { $0[0] == "SX5" })
            #expect(["verified", "corrected", "relinked"].contains(xuyen[1]), "SX5 decided \(xuyen)")
            let key = try run.makeKey(.es256, name: "es")
            let result = try run.session(key: key, out: dir + "/p").run()
            let rows = try Workflow.rows(dir + "/p/passports.csv")
            let skipped = try Workflow.rows(dir + "/p/skipped.csv")
            #expect(!rows.contains { $0[0] == "004070000004" })
            #expect(skipped.contains { $0[0] == "004070000004" && $0[1].hasPrefix("weak_evidence: ") }, "\(skipped.filter { $0[0] == "004070000004" })")
            #expect(!rows.contains { $0[0] == "006321000005" })
            #expect(skipped.contains { $0[0] == "006321000005" && $0[1].hasPrefix("dose_before_birth: ") })
            #expect(result.skipped[.weakEvidence, default: 0] >= 1)

            // Every passport rests only on links LinkEvidence calls strong.
            let reader = try LedgerReader(path: run.ledger)
            let texts = try reader.evidenceTexts()
            var strongSeqs = Set<Int>()
            let cursor = try reader.decisionsWithEvidence()
            while let d = try cursor.next() {
                if LinkEvidence(outcome: d.summary.outcome, evidence: texts[d.evidenceCode]).isStrong {
                    strongSeqs.insert(d.summary.seq)
                }
            }
            let passports = try reader.passports()
            #expect(passports.count == rows.count)
            for passport in passports {
                #expect(passport.decisionSeqs.allSatisfy(strongSeqs.contains), "\(passport.citizenID)")
            }
        }
    }
}
