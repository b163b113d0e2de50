public import VaxCore
import VaxInterchange

/// Quality of a run's decisions against the generator's answer key.
///
/// A link is correct when its citizen is the one the shot really belongs to. Precision is
/// correct links / links; recall is correct links / shots whose person is in the register.
public struct Evaluation: Sendable {
    public struct TagStats: Sendable {
        public var shots = 0
        public var correctLinks = 0
        public var wrongLinks = 0
        public var review = 0
        public var unmatched = 0
        /// Correct links / shots carrying the tag whose person is registered.
        public var recall: Double { registered == 0 ? 1 : Double(correctLinks) / Double(registered) }
        public var registered = 0
    }

    public var shots = 0
    public var links = 0
    public var correctLinks = 0
    public var wrongLinks = 0
    public var review = 0
    public var unmatched = 0
    /// Shots whose person is in the register (could be linked).
    public var linkable = 0
    /// Shots of people not in the register that were linked anyway (counted in wrongLinks).
    public var linkedOutsiders = 0
    public var byTag: [String: TagStats] = [:]
    /// Per stratum, keyed "dimension=value" (ShotStrata); filled when shots.csv is given.
    public var byStratum: [String: StratumStats] = [:]
    /// Citizens with at least one linked shot, and those among them with a linked shot of
    /// someone else: a passport built from their links would be wrong. 8 bytes a citizen.
    public var linkedCitizens: Set<CitizenID> = []
    public var citizensWithForeignShot: Set<CitizenID> = []

    /// Counts of one stratum.
    public struct StratumStats: Sendable, Equatable {
        public var shots = 0
        public var links = 0
        public var correctLinks = 0
        /// Shots whose person is registered.
        public var linkable = 0
        public var review = 0
        public init() {}
        public var precision: EstimatedRate { .wilson(successes: Double(correctLinks), trials: Double(links)) }
        public var recall: EstimatedRate { .wilson(successes: Double(correctLinks), trials: Double(linkable)) }
        public var reviewRate: Double { shots == 0 ? 0 : Double(review) / Double(shots) }
    }

    /// Precision with its 95 % Wilson interval.
    public var precisionInterval: EstimatedRate { .wilson(successes: Double(correctLinks), trials: Double(links)) }
    /// Recall with its 95 % Wilson interval.
    public var recallInterval: EstimatedRate { .wilson(successes: Double(correctLinks), trials: Double(linkable)) }
    /// Review rate with its 95 % Wilson interval.
    public var reviewInterval: EstimatedRate { .wilson(successes: Double(review), trials: Double(shots)) }
    /// The share of citizens with links whose linked shots include someone else's, with its
    /// 95 % Wilson interval.
    public var passportErrorRate: EstimatedRate {
        .wilson(successes: Double(citizensWithForeignShot.count), trials: Double(linkedCitizens.count))
    }

    public var precision: Double { links == 0 ? 1 : Double(correctLinks) / Double(links) }
    public var recall: Double { linkable == 0 ? 1 : Double(correctLinks) / Double(linkable) }
    public var reviewRate: Double { shots == 0 ? 0 : Double(review) / Double(shots) }

    public init() {}

    /// Adds one shot: what was decided, and what is true.
    public mutating func add(outcome: Outcome, citizenID: CitizenID?, truth: CitizenID?, tags: [Substring],
                             strata: ShotStrata? = nil) {
        if let strata {
            let isLink = outcome.isLink
            let correct = isLink && citizenID != nil && citizenID == truth
            for key in strata.keys(reference: truth, knowsOwner: true, tags: tags) {
                var s = byStratum[key, default: StratumStats()]
                s.shots += 1
                if isLink { s.links += 1 }
                if correct { s.correctLinks += 1 }
                if truth != nil { s.linkable += 1 }
                if outcome == .review { s.review += 1 }
                byStratum[key] = s
            }
        }
        if outcome.isLink, let citizenID {
            linkedCitizens.insert(citizenID)
            if citizenID != truth { citizensWithForeignShot.insert(citizenID) }
        }
        shots += 1
        if truth != nil { linkable += 1 }
        let isLink = outcome.isLink
        let correct = isLink && citizenID != nil && citizenID == truth
        if isLink { links += 1 }
        if correct { correctLinks += 1 }
        if isLink && !correct { wrongLinks += 1; if truth == nil { linkedOutsiders += 1 } }
        if outcome == .review { review += 1 }
        if outcome == .unmatched { unmatched += 1 }
        for tag in tags.isEmpty ? ["clean"] : tags {
            var s = byTag[String(tag), default: TagStats()]
            s.shots += 1
            if truth != nil { s.registered += 1 }
            if correct { s.correctLinks += 1 }
            if isLink && !correct { s.wrongLinks += 1 }
            if outcome == .review { s.review += 1 }
            if outcome == .unmatched { s.unmatched += 1 }
            byTag[String(tag)] = s
        }
    }

    /// The strata with the lowest recall or precision (by the lower end of the interval),
    /// among those with at least `minimum` registered shots or links, weakest first (a
    /// measure with fewer than `minimum` trials does not count toward weakness).
    public func weakestStrata(count: Int = 8, minimum: Int = 50) -> [StratumQuality] {
        var rows: [StratumQuality] = []
        for (key, s) in byStratum where s.linkable >= minimum || s.links >= minimum {
            var row = StratumQuality(stratum: key, shots: s.shots, precision: s.precision, recall: s.recall,
                                     reviewRate: s.reviewRate)
            row.countsPrecision = s.links >= minimum
            row.countsRecall = s.linkable >= minimum
            rows.append(row)
        }
        return StratumQuality.weakestFirst(rows, count: count)
    }

    /// A readable table: totals with intervals, per stratum, then per error tag.
    public var report: String {
        var lines = [
            "shots \(shots), links \(links), wrong links \(wrongLinks) (\(linkedOutsiders) of people not registered), review \(review), unmatched \(unmatched)",
            "precision \(formatFixed(precision, 6)), recall \(formatFixed(recall, 6)), review rate \(formatFixed(reviewRate * 100, 3)) %",
            "95 % Wilson intervals: precision \(precisionInterval.formatted()), recall \(recallInterval.formatted()), review \(reviewInterval.formatted())",
            "passport-level error rate (citizens whose linked shots include someone else's): \(citizensWithForeignShot.count) of \(linkedCitizens.count), \(passportErrorRate.formatted())",
        ]
        if !byStratum.isEmpty {
            lines.append("stratum                          shots     links  precision [95 % CI]             recall [95 % CI]                review %")
            for dimension in ShotStrata.dimensions where dimension != "tag" {
                for (key, s) in byStratum.filter({ $0.key.hasPrefix(dimension + "=") }).sorted(by: { $0.key < $1.key }) {
                    lines.append(pad(key, 32) + pad("\(s.shots)", 10) + pad("\(s.links)", 7) + pad(s.precision.formatted(5), 32)
                                 + pad(s.recall.formatted(5), 32) + formatFixed(s.reviewRate * 100, 3))
                }
            }
            lines.append("weakest strata (lowest interval bound of precision or recall, of 50 links or registered shots or more):")
            for q in weakestStrata() {
                lines.append("  " + pad(q.stratum, 30) + "precision " + (q.countsPrecision ? q.precision.formatted(5) : "(too few links)")
                    + "  recall " + (q.countsRecall ? q.recall.formatted(5) : "(too few registered)"))
            }
        }
        lines += [
            "tag                    shots   recall     wrong  review  unmatched",
        ]
        for (tag, s) in byTag.sorted(by: { $0.key < $1.key }) {
            lines.append(pad(tag, 22) + pad("\(s.shots)", 8) + pad(formatFixed(s.recall, 5), 11) + pad("\(s.wrongLinks)", 7)
                + pad("\(s.review)", 8) + "\(s.unmatched)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Evaluation {
    /// Scores decisions.csv against truth.csv (shots are matched by shot_id).
    ///
    /// Both files list shots in shots.csv order (decisions without the rejected rows), so
    /// they are read side by side with bounded memory: only answers skipped over (rejected
    /// shots, or decisions in another order) are held, by shot_id, until their decision comes.
    /// - Throws: `VaxError(.badInput)` if a file is unreadable or a decided shot has no answer.
    /// - Parameter shotsPath: shots.csv, for the strata (age, sex, province, recorded ID); nil: totals and tags only.
    public static func evaluate(decisionsPath: String, truthPath: String, shotsPath: String? = nil) throws -> Evaluation {
        var answers = try AnswerCursor(path: truthPath)
        var strata = try shotsPath.map { try StrataCursor(path: $0) }
        var evaluation = Evaluation()
        let decisions = try DecisionsReader(path: decisionsPath)
        while let (rows, issues) = try decisions.readBatch(maxRows: 1 << 16) {
            if let issue = issues.first {
                throw VaxError(.badInput, issue.reason, file: decisionsPath, line: issue.line)
            }
            for row in rows {
                guard let answer = try answers.answer(for: row.shotID) else {
                    throw VaxError(.badInput, "shot is not in the answer key", file: decisionsPath, line: row.line, field: "shot_id")
                }
                var shot: ShotStrata?
                if strata != nil {
                    guard let found = try strata!.strata(for: row.shotID) else {
                        throw VaxError(.badInput, "shot is not in shots.csv", file: decisionsPath, line: row.line, field: "shot_id")
                    }
                    shot = found
                }
                evaluation.add(outcome: row.outcome, citizenID: row.citizenID, truth: answer.citizenID,
                               tags: answer.errors.map { Substring($0) }, strata: shot)
            }
        }
        return evaluation
    }
}

/// Left-aligns `t` in `n` columns (at least one space after).
func pad(_ t: String, _ n: Int) -> String { t.count >= n ? t + " " : t + String(repeating: " ", count: n - t.count) }

/// Reads truth.csv forward, handing out each shot's answer once.
private struct AnswerCursor {
    let reader: TruthReader
    var batch: [TruthRow] = []
    var next = 0
    /// Answers read past while looking for another shot, by shot_id.
    var skipped: [String: TruthRow] = [:]

    init(path: String) throws { reader = try TruthReader(path: path) }

    /// The answer for `shotID`, or nil if truth.csv does not hold it.
    mutating func answer(for shotID: String) throws -> TruthRow? {
        if let held = skipped.removeValue(forKey: shotID) { return held }
        while true {
            if next == batch.count {
                guard let (rows, _) = try reader.readBatch(maxRows: 1 << 16) else { return nil }
                batch = rows
                next = 0
                if rows.isEmpty { continue }
            }
            let row = batch[next]
            next += 1
            if row.shotID == shotID { return row }
            skipped[row.shotID] = row
        }
    }
}
