public import VaxCore
import VaxInterchange

/// Counts of one province's shots by outcome.
public struct OutcomeCounts: Sendable {
    public var byOutcome: [Int] = Array(repeating: 0, count: Outcome.allCases.count + 1)
    public var rejected = 0

    /// No shots yet.
    public init() {}

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

    /// Nothing decided yet.
    public init() {}
}

/// Runs the matcher over a shot source in batches: decides each shot on all cores, decides
/// each group of doses (`ShotGroups`) together once its last dose is read, hands the
/// decisions to the ledger, and writes decisions.csv (input order), review.csv and rejects.csv.
///
/// A dose whose decision its group may still change (`Matcher.mayChangeInGroup`) is held
/// until the group's last dose is read; every other decision is final at once. Decisions
/// are released to decisions.csv and the ledger in input order, each once it and every row
/// before it is final; what is released after each batch (cut by record count) is the same
/// on every run of the same input, so a resumed run skips appending the batches the ledger
/// already holds, re-decides them and writes complete output files.
///
/// Memory: final decisions waiting behind a held dose whose group ends further on are kept
/// in a `ReleaseQueue`: at most `releaseMemoryLimit` in memory, the rest in sorted run files
/// in the output folder, merged back in input order (a national file in date order, where
/// a person's doses lie months apart, waits mostly on disk). The ledger receives them in
/// chunks of at most `batchSize`. The doses of open groups (a held one with its record and
/// candidates) are kept in `OpenGroups`: at most `openGroupsMemoryLimit` in memory, the
/// rest in a temporary file, read back when the group's last dose arrives. Still in memory
/// and proportional to the input: one entry per open group, the review rows (sorted by site
/// at the end) and one bit per row between the oldest held row and the newest row read.
public final class MatchRun {
    public let matcher: Matcher
    public let outputDirectory: String
    public let threads: Int
    public let batchSize: Int
    public var quiet = false
    /// Final decisions kept in memory while they wait for an earlier held one; beyond this
    /// they spill to run files (`ReleaseQueue`). About 200 bytes each. A million, so that a
    /// file of a million shots or fewer (whose decisions nearly all wait to its end) is
    /// released from memory, not written to a run file and read back just before.
    public var releaseMemoryLimit = 1 << 20
    /// Run files the last `run` spilled (0 when everything waited in memory).
    public private(set) var releaseRunsWritten = 0
    /// Doses of open groups kept in memory; beyond this they spill to a temporary file
    /// (`OpenGroups`).
    public var openGroupsMemoryLimit = 1 << 20
    /// Times the last `run` spilled the open groups' doses (0 when they stayed in memory).
    public private(set) var openGroupSpills = 0

    public init(matcher: Matcher, outputDirectory: String, threads: Int, batchSize: Int = 1 << 20) {
        self.matcher = matcher
        self.outputDirectory = outputDirectory
        self.threads = threads
        self.batchSize = batchSize
    }

    /// A decided shot, final.
    private struct Pending {
        var row: Int
        var meta: ShotMeta
        var result: MatchResult
    }

    /// Runs to the end of `source`.
    /// - Parameters:
    ///   - groups: the grouping of the whole file `source` reads (`ShotGroups.scan`); nil
    ///     groups the shots the source yields among themselves (a test's list, one batch).
    ///   - sink: the ledger; nil runs without one (tests, estimates).
    ///   - committedRecords: records the ledger already holds (resume); those batches are not appended again.
    ///   - rowKeysPath: where to write the accepted-row index of each decisions.csv line (a
    ///     partition's `decisions.rows`, for `seal`); nil writes none.
    public func run<S: ShotSource>(source: inout S, groups: ShotGroups? = nil, sink: DecisionSink?,
                                   committedRecords: Int = 0, rowKeysPath: String? = nil) throws -> MatchSummary {
        try makeDirectory(outputDirectory)
        let decisions = try DecisionsWriter(path: outputDirectory + "/decisions.csv")
        let rowKeys = try rowKeysPath.map { try OutputFile(path: $0) }
        // A row is released (written, ledgered) once it and every row before it is final, so
        // that decisions.csv and the ledger stay in input order.
        let queue = ReleaseQueue(directory: outputDirectory, memoryLimit: releaseMemoryLimit)
        defer { queue.close() }
        let review = try CSVWriter(path: outputDirectory + "/review.csv",
                                   header: ["shot_id", "line", "province_code", "facility_code", "rank", "citizen_id",
                                            "score", "match_weight", "evidence"])
        let rejects = try RejectsWriter(path: outputDirectory + "/rejects.csv")
        var reviewRows: [(province: Int, facility: String, line: Int, fields: [[String]])] = []
        var summary = MatchSummary()
        // Corrections are counted by combination of fields (a byte) and named once at the end:
        // spelling and splitting the names of each of a national run's 16 M was the loop's work.
        var correctionsByCombination = [Int](repeating: 0, count: 256)
        // Outcomes of the 2-digit province codes counted in one flat table, folded into
        // `summary.provinces` at the end: no dictionary lookup and copy-on-write check a decision.
        let outcomeSlots = Outcome.allCases.count + 1
        var outcomesByProvince = [Int](repeating: 0, count: 100 * outcomeSlots)
        let start = monotonicSeconds()
        let progress = ProgressReporter(stage: "match", unit: "bytes", total: source.progress.total, quiet: quiet)
        var recordsSoFar = 0
        var lastBytes = 0
        // Appends decisions (and a batch's rejects) to the ledger unless a previous,
        // interrupted run already did.
        func appendToLedger(_ ledgerDecisions: [Decision], rejects: [RowIssue]) throws {
            let records = ledgerDecisions.count + rejects.count
            if let sink, recordsSoFar + records > committedRecords {
                // A resume cut into other batches (the header records the batch size, so only a
                // ledger from another version gets here): refused, never a trap (issue 12 finding 6).
                guard recordsSoFar >= committedRecords else {
                    throw VaxError(.badInput, "the ledger ends inside a batch of this run: resume with the batch size the run started with")
                }
                try sink.appendBatch(decisions: ledgerDecisions, rejects: rejects)
            }
            recordsSoFar += records
        }
        // Open groups: their doses so far (compact), and the held ones among them.
        let open = OpenGroups(directory: outputDirectory, memoryLimit: openGroupsMemoryLimit)
        func decideInBackground(_ shots: [RecordedShot]) -> BackgroundTask<[MatchResult]> {
            BackgroundTask { [matcher, threads] in matcher.decideEach(shots, threads: threads) }
        }
        // Three batches in flight: while the worker threads decide batch k + 1, this thread
        // works through batch k's decisions (groups, outputs, ledger) and a background task
        // parses batch k + 2. Run on this thread, the parse (reading, checking and making the
        // records: about a sixth of the CPU of 800 k shots against 1 M citizens) kept the
        // workers waiting on this thread. Each step still sees the batches in file order, so
        // nothing decided depends on how the three overlap. The source belongs to the parse
        // task while it runs (`BatchParser`).
        var reading = source
        var parsing: BackgroundTask<ParsedBatch>? = nil
        defer {
            // A run stopped by an error lets its parse finish before taking the source back.
            _ = try? parsing?.value()
            source = reading
        }
        let parse = BatchParser { [batchSize] in
            let batch = try reading.nextBatch(maxRecords: batchSize)
            return ParsedBatch(batch: batch, bytesDone: reading.progress.done)
        }
        func parseInBackground() -> BackgroundTask<ParsedBatch> { BackgroundTask { try parse.next() } }
        var current = try parse.next().batch
        var deciding = current.map { decideInBackground($0.shots) }
        parsing = current == nil ? nil : parseInBackground()
        while let batch = current, let decided = deciding {
            let singles = try decided.value()
            let task = parsing
            parsing = nil  // a task's value is taken once, here or by the defer
            let parsed = try task?.value()
            current = parsed?.batch
            deciding = current.map { decideInBackground($0.shots) }
            parsing = current == nil ? nil : parseInBackground()
            var emitted: [Pending] = []
            emitted.reserveCapacity(batch.shots.count)
            for (i, result) in singles.enumerated() {
                let row = batch.rows[i]
                let component: Int, isLast: Bool, isAlone: Bool, hubs: Set<UInt64>
                if let groups {
                    component = Int(groups.component[row])
                    isLast = groups.isLastOfComponent(row)
                    isAlone = isLast && component == row
                    hubs = groups.hubPhones
                } else {
                    component = 0
                    isLast = i == singles.count - 1
                    isAlone = singles.count == 1
                    hubs = []
                }
                if isAlone {
                    queue.read(row: row, held: false)
                    emitted.append(Pending(row: row, meta: batch.meta[i], result: result))
                    continue
                }
                let dose = matcher.groupDose(batch.shots[i], result, hubPhones: hubs)
                let holds = Matcher.mayChangeInGroup(result, phone: dose.phone)
                queue.read(row: row, held: holds)
                let member = OpenGroups.Member(row: row, dose: dose,
                                               held: holds ? HeldDose(shot: batch.shots[i], result: result) : nil,
                                               meta: holds ? batch.meta[i] : nil)
                if !holds { emitted.append(Pending(row: row, meta: batch.meta[i], result: result)) }
                if isLast {
                    let members = try open.close(component) + [member]
                    var doses = members.map(\.dose), held = members.map(\.held)
                    matcher.decideTogether(&doses, &held)
                    for (k, m) in members.enumerated() { if let h = held[k] {
                        emitted.append(Pending(row: m.row, meta: m.meta!, result: h.result))
                    } }
                } else {
                    try open.add(member, to: component)
                }
            }
            // What does not depend on the order is counted as soon as a decision is final.
            for p in emitted {
                let (meta, result) = (p.meta, p.result)
                let decision = Decision(
                    shotID: meta.shotID, line: meta.line, provinceCode: meta.provinceCode, outcome: result.outcome,
                    citizenID: result.outcome == .unmatched ? nil : result.citizenID, score: result.score,
                    matchWeight: result.log2Odds.isFinite ? result.log2Odds : -1000, corrections: result.corrections,
                    evidence: result.evidence, rawSHA256: meta.rawSHA256)
                queue.add(row: p.row, decision)
                summary.national[result.outcome] += 1
                if (0..<100).contains(meta.provinceCode) {
                    outcomesByProvince[meta.provinceCode * outcomeSlots + Int(result.outcome.rawValue)] += 1
                } else {
                    summary.provinces[meta.provinceCode, default: OutcomeCounts()][result.outcome] += 1
                }
                correctionsByCombination[Int(result.corrections.rawValue)] += 1
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
            // Released in input order; the ledger takes them in chunks of at most batchSize,
            // cut by count, so that a resumed run cuts them the same way.
            var ledgerDecisions: [Decision] = []
            try queue.release { item in
                try decisions.write(item.decision)
                if let rowKeys { try withUnsafeBytes(of: UInt64(item.row).littleEndian) { try rowKeys.write($0) } }
                summary.shotsRead += 1
                ledgerDecisions.append(item.decision)
                if ledgerDecisions.count == batchSize {
                    try appendToLedger(ledgerDecisions, rejects: [])
                    ledgerDecisions.removeAll(keepingCapacity: true)
                }
            }
            for issue in batch.rejects {
                try rejects.write(issue)
                summary.provinces[issue.provinceCode ?? 0, default: OutcomeCounts()].rejected += 1
            }
            summary.rejected += batch.rejects.count
            summary.national.rejected += batch.rejects.count
            try appendToLedger(ledgerDecisions, rejects: batch.rejects)
            summary.batches += 1
            // Progress as of the last batch parsed (the source itself is the parse task's).
            if let bytes = parsed?.bytesDone {
                progress.advance(by: bytes - lastBytes)
                lastBytes = bytes
            }
        }
        precondition((open.isEmpty && queue.isEmpty) || groups == nil, "every group ends in the file")
        for code in 0..<100 {
            let counts = outcomesByProvince[(code * outcomeSlots)..<((code + 1) * outcomeSlots)]
            guard counts.contains(where: { $0 > 0 }) else { continue }
            for outcome in Outcome.allCases {
                summary.provinces[code, default: OutcomeCounts()][outcome] += counts[counts.startIndex + Int(outcome.rawValue)]
            }
        }
        for (combination, count) in correctionsByCombination.enumerated() where count > 0 && combination > 0 {
            for field in CorrectedFields(rawValue: UInt8(combination)).text.split(separator: ";") {
                summary.corrections[String(field), default: 0] += count
            }
        }
        releaseRunsWritten = queue.runsWritten
        openGroupSpills = open.spills
        progress.finish()
        // review.csv grouped by province and vaccination site: who must act on it.
        reviewRows.sort { ($0.province, $0.facility, $0.line) < ($1.province, $1.facility, $1.line) }
        for entry in reviewRows { for row in entry.fields { try review.writeRow(row) } }
        // The ledger may still be storing the last batch on its own thread: the outputs are
        // published only once it holds every decision they name.
        try sink?.flush()
        try decisions.commit()
        try rowKeys?.commit()
        try review.commit()
        try rejects.commit()
        summary.seconds = monotonicSeconds() - start
        return summary
    }
}

/// A batch parsed ahead and how far into its source the parse got (for progress).
private struct ParsedBatch: Sendable {
    var batch: ShotInputBatch?
    var bytesDone: Int
}

/// The source's next batch, handed to one parse task at a time: the loop starts a parse
/// only after taking the previous one's result, and takes the source back only once no
/// parse runs, so the source is never touched by two threads at once (`@unchecked`).
private final class BatchParser: @unchecked Sendable {
    let next: () throws -> ParsedBatch

    init(_ next: @escaping () throws -> ParsedBatch) { self.next = next }
}
