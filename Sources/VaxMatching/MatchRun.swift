public import VaxCore
import VaxInterchange

/// Counts of one province's shots by outcome.
public struct OutcomeCounts: Sendable {
    public var byOutcome: [Int] = Array(repeating: 0, count: Outcome.allCases.count + 1)
    public var rejected = 0

    public subscript(outcome: Outcome) -> Int {
        get { byOutcome[Int(outcome.rawValue)] }
        set { byOutcome[Int(outcome.rawValue)] = newValue }
    }

    public var decided: Int { byOutcome.reduce(0, +) }
}

/// What a match run did.
public struct MatchSummary: Sendable {
    public var shotsRead = 0
    public var rejected = 0
    public var national = OutcomeCounts()
    /// Keyed by the 2-digit province code; rejects with an unreadable province count under 0.
    public var provinces: [Int: OutcomeCounts] = [:]
    public var corrections: [String: Int] = [:]
    /// Histogram of link/review scores in 20 bins of 0.05.
    public var scoreHistogram = [Int](repeating: 0, count: 20)
    public var batches = 0
    public var seconds = 0.0
    public var linkedViaSiblingDose = 0
}

/// Runs the matcher over a shot source in batches: decides each batch on all cores, hands
/// it to the ledger, and writes decisions.csv, review.csv and rejects.csv in input order.
///
/// Batches are cut by record count alone, so they are the same on every run of the same
/// input: a resumed run skips appending the batches the ledger already holds, re-decides
/// them (decisions are deterministic) and writes complete output files.
public final class MatchRun {
    public let matcher: Matcher
    public let outputDirectory: String
    public let threads: Int
    public let batchSize: Int
    public var quiet = false

    public init(matcher: Matcher, outputDirectory: String, threads: Int, batchSize: Int = 1 << 20) {
        self.matcher = matcher
        self.outputDirectory = outputDirectory
        self.threads = threads
        self.batchSize = batchSize
    }

    /// Runs to the end of `source`.
    /// - Parameters:
    ///   - sink: the ledger; nil runs without one (tests, estimates).
    ///   - committedRecords: records the ledger already holds (resume); those batches are not appended again.
    public func run<S: ShotSource>(source: inout S, sink: DecisionSink?, committedRecords: Int = 0) throws -> MatchSummary {
        try makeDirectory(outputDirectory)
        let decisions = try DecisionsWriter(path: outputDirectory + "/decisions.csv")
        let review = try CSVWriter(path: outputDirectory + "/review.csv",
                                   header: ["shot_id", "line", "province_code", "facility_code", "rank", "citizen_id",
                                            "score", "match_weight", "evidence"])
        let rejects = try RejectsWriter(path: outputDirectory + "/rejects.csv")
        var reviewRows: [(province: Int, facility: String, line: Int, fields: [[String]])] = []
        var summary = MatchSummary()
        let start = monotonicSeconds()
        let progress = ProgressReporter(stage: "match", unit: "bytes", total: source.progress.total, quiet: quiet)
        var recordsSoFar = 0
        var lastBytes = 0
        while let batch = try source.nextBatch(maxRecords: batchSize) {
            let results = matcher.decide(batch: batch.shots, threads: threads)
            var ledgerDecisions: [Decision] = []
            ledgerDecisions.reserveCapacity(results.count)
            for (i, result) in results.enumerated() {
                let meta = batch.meta[i]
                try decisions.write(shotID: meta.shotID, outcome: result.outcome,
                                    citizenID: result.outcome == .unmatched ? nil : result.citizenID,
                                    score: result.score, corrections: result.corrections)
                ledgerDecisions.append(Decision(
                    shotID: meta.shotID, line: meta.line, provinceCode: meta.provinceCode, outcome: result.outcome,
                    citizenID: result.outcome == .unmatched ? nil : result.citizenID, score: result.score,
                    matchWeight: result.log2Odds.isFinite ? result.log2Odds : -1000, corrections: result.corrections,
                    evidence: result.evidence, rawSHA256: meta.rawSHA256))
                summary.national[result.outcome] += 1
                summary.provinces[meta.provinceCode, default: OutcomeCounts()][result.outcome] += 1
                for field in result.corrections.text.split(separator: ";") { summary.corrections[String(field), default: 0] += 1 }
                if result.outcome != .unmatched { summary.scoreHistogram[min(19, max(0, Int(result.score * 20)))] += 1 }
                if result.viaSiblingDose { summary.linkedViaSiblingDose += 1 }
                if result.outcome == .review {
                    let rows = result.candidates.enumerated().map { rank, c in
                        [meta.shotID, "\(meta.line)", Province.withCode(meta.provinceCode)?.codeText ?? "\(meta.provinceCode)",
                         meta.facilityCode, "\(rank + 1)", c.citizenID.description, formatFixed(c.score, 6),
                         formatFixed(c.log2Odds, 2), c.levels.evidence]
                    }
                    reviewRows.append((meta.provinceCode, meta.facilityCode, meta.line, rows))
                }
            }
            for issue in batch.rejects {
                try rejects.write(issue)
                summary.provinces[issue.provinceCode ?? 0, default: OutcomeCounts()].rejected += 1
            }
            summary.shotsRead += batch.shots.count
            summary.rejected += batch.rejects.count
            summary.national.rejected += batch.rejects.count
            // Append to the ledger unless a previous, interrupted run already did.
            if let sink, recordsSoFar + batch.recordCount > committedRecords {
                // A resume cut into other batches (the header records the batch size, so only a
                // ledger from another version gets here): refused, never a trap (issue 12 finding 6).
                guard recordsSoFar >= committedRecords else {
                    throw VaxError(.badInput, "the ledger ends inside a batch of this run: resume with the batch size the run started with")
                }
                try sink.appendBatch(decisions: ledgerDecisions, rejects: batch.rejects)
            }
            recordsSoFar += batch.recordCount
            summary.batches += 1
            let bytes = source.progress.done
            progress.advance(by: bytes - lastBytes)
            lastBytes = bytes
        }
        progress.finish()
        // review.csv grouped by province and vaccination site: who must act on it.
        reviewRows.sort { ($0.province, $0.facility, $0.line) < ($1.province, $1.facility, $1.line) }
        for entry in reviewRows { for row in entry.fields { try review.writeRow(row) } }
        try decisions.commit()
        try review.commit()
        try rejects.commit()
        summary.seconds = monotonicSeconds() - start
        return summary
    }
}
