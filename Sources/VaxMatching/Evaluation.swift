public import VaxCore

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
