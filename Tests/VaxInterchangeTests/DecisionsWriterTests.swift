import Foundation
import Testing
import VaxCore
@testable import VaxInterchange
import VaxTestSupport

// spec: interchange.md "decisions.csv": what DecisionsWriter writes, DecisionsReader reads back.
@Test func decisionsWriterRowsReadBackUnchanged() throws {
    try withTemporaryDirectory { dir in
        var random = makeTestRandom(seed: 0xDEC1)
        let outcomes = Outcome.allCases
        let written: [DecisionRow] = (0..<500).map { i in
            let outcome = outcomes[i % outcomes.count]
            let citizen = outcome == .unmatched ? nil : CitizenID(rawValue: random.next() % 1_000_000_000_000)
            // Scores on the 6-decimal grid that the file keeps.
            let score = Double(random.next() % 1_000_001) / 1_000_000
            let corrections = outcome == .corrected || outcome == .relinked
                ? CorrectedFields(rawValue: UInt8(1 + i % 15)) : CorrectedFields()
            return DecisionRow(line: i + 2, shotID: "S\(i)-x_\(i % 7)", outcome: outcome, citizenID: citizen,
                               score: score, corrections: corrections)
        }
        let writer = try DecisionsWriter(path: dir + "/decisions.csv")
        for row in written {
            try writer.write(shotID: row.shotID, outcome: row.outcome, citizenID: row.citizenID, score: row.score,
                             corrections: row.corrections)
        }
        #expect(writer.rowCount == written.count)
        try writer.commit()
        let text = try String(contentsOfFile: dir + "/decisions.csv", encoding: .utf8)
        #expect(text.hasPrefix(DecisionsWriter.header.joined(separator: ",") + "\n"))

        let reader = try DecisionsReader(path: dir + "/decisions.csv")
        var read: [DecisionRow] = []
        while let (rows, issues) = try reader.readBatch(maxRows: 64) {
            #expect(issues.isEmpty, "\(issues)")
            read += rows
        }
        #expect(read == written)
    }
}
