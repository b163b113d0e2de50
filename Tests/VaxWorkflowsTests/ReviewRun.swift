import Foundation
import Testing
import VaxCore
import VaxInterchange
import VaxTestSupport
import VaxWorkflows

/// A small generated run (600 citizens, 150 shots) whose model sends almost every shot to
/// review: DIR/d (inputs), DIR/store, DIR/run (outputs, ledger DIR/run/l.sqlite).
struct ReviewRun {
    let dir: String
    let cases: [ReviewCaseRow]
    var run: String { dir + "/run" }
    var store: String { dir + "/store" }
    var ledger: String { dir + "/run/l.sqlite" }
    var shots: String { dir + "/d/shots.csv" }

    init(dir: String, citizens: Int = 600, shots: Int = 150) throws {
        self.dir = dir
        try Workflow.generate(dir + "/d", citizens: citizens, shots: shots, seed: 5)
        try Workflow.buildStore(dir + "/d/population.csv", dir + "/store")
        _ = try ModelFiles.writeDefault(out: dir + "/model")
        var model = try String(contentsOfFile: dir + "/model", encoding: .utf8)
        let line = try #require(model.split(separator: "\n").first { $0.hasPrefix("thresholds ") })
        model = model.replacingOccurrences(
            of: line, with: "thresholds link=100.0 idless=100.0 margin=6.0 review=-6.0 fastpath=200.0")
        try model.write(toFile: dir + "/model", atomically: true, encoding: .utf8)
        _ = try MatchSession(
            storePath: dir + "/store", shotsPath: dir + "/d/shots.csv", ledgerPath: dir + "/run/l.sqlite",
            out: dir + "/run", threads: 2, modelPath: dir + "/model", quiet: true
        ).run()
        cases = try ReviewCasesReader.read(path: dir + "/run/review.csv")
    }

    /// Writes a review-decisions.csv with `rows` (shot_id,decision,citizen_id,reason,reviewer,decided_at).
    func writeDecisions(_ path: String, _ rows: [String]) throws {
        try (["shot_id,decision,citizen_id,reason,reviewer,decided_at"] + rows + [""]).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// decisions.csv rows by shot_id.
    static func decisionsByShot(_ path: String) throws -> [String: [String]] {
        Dictionary(try Workflow.rows(path).map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
    }
}
