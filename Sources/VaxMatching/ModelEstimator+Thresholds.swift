import VaxCore

#if canImport(Glibc)
    import Glibc
#endif

/// Link and review thresholds chosen for a precision target from an estimated model.
///
/// Every candidate pair gets two numbers: the score s the matcher would give it (posterior
/// log2-odds: log2(1 / citizens) plus the model's weights of every field), and its match
/// probability p: the lower of the EM's (the fields EM learned, at the EM's match share)
/// and the model's own at the register's prior, 1 / (1 + 2^−s).
/// Links at s ≥ t then have an estimated precision of mean(p | s ≥ t). The link threshold is
/// the lowest t whose estimated precision reaches the target; the review threshold is the
/// lowest t that leaves below it at most a share (1 − target) of the estimated matches, so
/// links and review together keep the same share of matches as the target asks of links.
/// The ID-less link threshold keeps its distance above the link threshold; the margin and
/// the fast path stay (the fast path never below the link threshold).
public struct ThresholdChoice: Sendable, Equatable {
    public var targetPrecision: Double
    public var pairs: Int
    public var link: Double
    public var idless: Double
    public var review: Double
    /// The estimated precision of the pairs at or above `link`.
    public var estimatedPrecision: Double
    /// The estimated share of matches at or above `link`, and at or above `review`.
    public var estimatedRecall: Double
    public var estimatedRecallWithReview: Double

    /// The choice, or nil when there are no candidate pairs.
    static func make(
        _ vectors: [[Int]], model: MatchModel, learned: Set<Int>, share: Double, citizens: Int,
        targetPrecision: Double
    ) -> ThresholdChoice? {
        guard !vectors.isEmpty else { return nil }
        let prior = MatchModel.priorLog2Odds(citizens: citizens)
        let used = learned.sorted()
        var scored: [(s: Double, p: Double)] = vectors.map { v in
            var s = prior
            for f in v.indices { s += log2(model.m[f][v[f]] / model.u[f][v[f]]) }
            var l = log2(share / (1 - share))
            for f in used { l += log2(model.m[f][v[f]] / model.u[f][v[f]]) }
            // Both the EM (at the candidate pairs' match share) and the model at the
            // register's prior must call the pair a match: the pairs the recorded ID finds are
            // far likelier matches than the pairs a name search finds, so the EM alone is
            // too generous at low scores (measured: link -15.5 for a 0.9999 target, 0.99944 achieved).
            return (s, min(1 / (1 + exp2(-l)), 1 / (1 + exp2(-s))))
        }
        scored.sort { $0.s > $1.s || ($0.s == $1.s && $0.p > $1.p) }
        let matches = scored.reduce(0) { $0 + $1.p }
        // Walk down the scores; a threshold sits at a score, so ties go in together.
        var link = scored[0].s + 1
        var linkPrecision = 1.0
        var linkRecall = 0.0
        var review = scored[0].s + 1
        var reviewRecall = 0.0
        var sum = 0.0
        var i = 0
        while i < scored.count {
            let s = scored[i].s
            while i < scored.count && scored[i].s == s {
                sum += scored[i].p
                i += 1
            }
            let precision = sum / Double(i)
            if precision >= targetPrecision {
                link = s
                linkPrecision = precision
                linkRecall = sum / matches
            }
            if reviewRecall < targetPrecision {
                review = s
                reviewRecall = sum / matches
            }
        }
        // Never review above linking, and keep the shipped distances where the data gives none.
        let standard = MatchModel.standard
        if link > scored[0].s { link = scored[0].s }
        review = min(review, link - 1)
        return ThresholdChoice(
            targetPrecision: targetPrecision, pairs: scored.count, link: rounded(link),
            idless: rounded(link + standard.idlessLinkThreshold - standard.linkThreshold),
            review: rounded(review), estimatedPrecision: linkPrecision, estimatedRecall: linkRecall,
            estimatedRecallWithReview: max(reviewRecall, linkRecall))
    }

    /// Two decimals, so the model file stays readable and its hash stable.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Sets the thresholds of `model` and records how.
    func apply(to model: inout MatchModel) {
        model.linkThreshold = link
        model.idlessLinkThreshold = idless
        model.reviewThreshold = review
        model.fastPathThreshold = max(model.fastPathThreshold, link)
        model.thresholdOrigin = description
    }

    /// One line for the model file and the operator.
    public var description: String {
        "target-precision \(targetPrecision) over \(pairs) candidate pairs: link=\(link) idless=\(idless) review=\(review); "
            + "estimated precision \(formatFixed(estimatedPrecision, 6)), recall \(formatFixed(estimatedRecall, 6)) "
            + "(\(formatFixed(estimatedRecallWithReview, 6)) with review)"
    }
}
