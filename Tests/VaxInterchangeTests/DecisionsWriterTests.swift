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

// The row is spelled whole in one buffer; a shot_id the reader would never accept (a comma,
// a quote, a line feed, a letter outside ASCII) still comes out quoted where needed, and the numbers are
// spelled exactly as `formatFixed` spells them.
@Test func decisionsWriterSpellsNumbersExactlyAndQuotesWhatNeedsIt() throws {
    try withTemporaryDirectory { dir in
        let writer = try DecisionsWriter(path: dir + "/decisions.csv")
        let scores = [0, 1, 0.5, 0.0000004, 0.0000005, 0.9999995, 0.123456789, 1e-300]
        for (i, score) in scores.enumerated() {
            try writer.write(shotID: "S\(i)", outcome: .relinked, citizenID: CitizenID(rawValue: 1_000 + UInt64(i)),
                             score: score, corrections: [.citizenID, .sex])
        }
        for odd in ["a,b", "q\"uote", "line\nfeed", "Sô"] {
            try writer.write(shotID: odd, outcome: .review, citizenID: nil, score: 0.25, corrections: [])
        }
        try writer.commit()
        let lines = try String(contentsOfFile: dir + "/decisions.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, score) in scores.enumerated() {
            #expect(lines[1 + i] == "S\(i),relinked,0000000010\(String(format: "%02d", i)),\(formatFixed(score, 6)),citizen_id;sex")
        }
        #expect(lines[1...3].map(\.description) == ["S0,relinked,000000001000,0.000000,citizen_id;sex",
                                                    "S1,relinked,000000001001,1.000000,citizen_id;sex",
                                                    "S2,relinked,000000001002,0.500000,citizen_id;sex"])
        // (The reader refuses such IDs, so the text itself is checked: RFC 4180 quoting.)
        let text = try String(contentsOfFile: dir + "/decisions.csv", encoding: .utf8)
        #expect(text.hasSuffix("\"a,b\",review,,0.250000,\n\"q\"\"uote\",review,,0.250000,\n"
                               + "\"line\nfeed\",review,,0.250000,\nSô,review,,0.250000,\n"))
    }
}
