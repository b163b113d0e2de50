import Foundation
import Testing
import VaxTestSupport
import VaxWorkflows

/// issue 16: with an answer key, report.html shows link quality and the weakest strata;
/// without one, no quality section.
@Suite struct QualityReportTests {
    @Test func reportShowsTheWeakestStrataWhenAnEvaluationIsAvailable() throws {
        try withTemporaryDirectory { dir in
            try Workflow.generate(dir + "/d", citizens: 3000, shots: 2400, seed: 5)
            var run = WholeRun(population: dir + "/d/population.csv", shots: dir + "/d/shots.csv", out: dir + "/r",
                               threads: 2, quiet: true, language: .en)
            _ = try run.run()
            var html = try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8)
            #expect(!html.contains("Strata where quality is weakest"))
            run.truthPath = dir + "/d/truth.csv"
            _ = try run.run()
            html = try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8)
            #expect(html.contains("Link quality"))
            #expect(html.contains("Strata where quality is weakest"))
            #expect(html.contains("95 % confidence intervals"))
        }
    }
}
