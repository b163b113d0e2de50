import Foundation
import Testing
import VaxTestSupport
import VaxWorkflows

/// The whole run called directly: store, match, ledger verification, provinces.csv, report.html.
@Suite struct WholeRunTests {
    @Test func writesProvinceReportsAndAVerifiedLedgerAndReusesTheStore() throws {
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 3000, shots: 2400, seed: 4)
            let run = WholeRun(population: dir + "/d/population.csv", shots: dir + "/d/shots.csv", out: dir + "/r",
                               threads: 2, quiet: true)
            let result = try run.run()
            #expect(result.verified)
            #expect(result.text.contains("ledger verified"))
            let provinces = try String(contentsOfFile: dir + "/r/provinces.csv", encoding: .utf8).split(separator: "\n")
            #expect(provinces.first?.hasPrefix("province_code,province_name,shots,verified,verified_share") == true)
            let total = provinces.dropFirst().compactMap { Int($0.split(separator: ",")[2]) }.reduce(0, +)
            #expect(total == 2400)
            let html = try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8)
            #expect(html.contains("<svg"))
            #expect(html.contains("Toàn quốc"))  // Vietnamese by default
            #expect(!html.contains("<script"))

            // A second run reuses the store (not rewritten) and the finished ledger.
            let manifest = dir + "/r/store/manifest.vxs"
            let built = try FileManager.default.attributesOfItem(atPath: manifest)[.modificationDate] as? Date
            var english = run
            english.language = .en
            let again = try english.run()
            #expect(again.verified)
            #expect(try FileManager.default.attributesOfItem(atPath: manifest)[.modificationDate] as? Date == built)
            #expect(again.match.head.chainHead == result.match.head.chainHead)
            #expect(try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8).contains("National totals"))
        }
    }
}
