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

    public var precision: Double { links == 0 ? 1 : Double(correctLinks) / Double(links) }
    public var recall: Double { linkable == 0 ? 1 : Double(correctLinks) / Double(linkable) }
    public var reviewRate: Double { shots == 0 ? 0 : Double(review) / Double(shots) }

    public init() {}

    /// Adds one shot: what was decided, and what is true.
    public mutating func add(outcome: Outcome, citizenID: CitizenID?, truth: CitizenID?, tags: [Substring]) {
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

    /// A readable table: totals, then per error tag.
    public var report: String {
        var lines = [
            "shots \(shots), links \(links), wrong links \(wrongLinks) (\(linkedOutsiders) of people not registered), review \(review), unmatched \(unmatched)",
            "precision \(formatFixed(precision, 6)), recall \(formatFixed(recall, 6)), review rate \(formatFixed(reviewRate * 100, 3)) %",
            "tag                    shots   recall     wrong  review  unmatched",
        ]
        for (tag, s) in byTag.sorted(by: { $0.key < $1.key }) {
            func pad(_ t: String, _ n: Int) -> String { t.count >= n ? t + " " : t + String(repeating: " ", count: n - t.count) }
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
    public static func evaluate(decisionsPath: String, truthPath: String) throws -> Evaluation {
        var answers = try AnswerCursor(path: truthPath)
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
                evaluation.add(outcome: row.outcome, citizenID: row.citizenID, truth: answer.citizenID,
                               tags: answer.errors.map { Substring($0) })
            }
        }
        return evaluation
    }
}

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
