import VaxCore
public import VaxMatching

/// Link quality for report.html, when an evaluation is available (generated data with its
/// answer key, or a clerically checked sample): the totals with their 95 % intervals and
/// the strata where quality is weakest.
public struct ReportQuality: Sendable {
    public var precision: EstimatedRate
    public var recall: EstimatedRate
    public var review: EstimatedRate?
    public var passportErrors: EstimatedRate?
    /// Weakest first (StratumQuality.weakestFirst).
    public var weakest: [StratumQuality]
    /// Where the figures come from, e.g. "answer key truth.csv".
    public var source: String

    public init(
        precision: EstimatedRate, recall: EstimatedRate, review: EstimatedRate? = nil,
        passportErrors: EstimatedRate? = nil, weakest: [StratumQuality], source: String
    ) {
        self.precision = precision
        self.recall = recall
        self.review = review
        self.passportErrors = passportErrors
        self.weakest = weakest
        self.source = source
    }

    /// The figures of an evaluation against an answer key.
    public init(_ e: Evaluation, source: String) {
        self.init(
            precision: e.precisionInterval, recall: e.recallInterval, review: e.reviewInterval,
            passportErrors: e.passportErrorRate, weakest: e.weakestStrata(), source: source)
    }
}

/// The quality section of report.html.
enum QualitySection {
    static func render(_ q: ReportQuality, _ vi: Bool) -> String {
        func pick(_ v: String, _ e: String) -> String { vi ? v : e }
        func rate(_ r: EstimatedRate) -> String { r.formatted(5) }
        var html = "<h2>\(pick("Chất lượng đối sánh", "Link quality"))</h2>"
        html +=
            "<p>\(pick("Nguồn", "Source")): \(ReportPage.escape(q.source)). "
            + pick("Khoảng tin cậy 95 % (Wilson).", "95 % confidence intervals (Wilson).") + "</p><table>"
        html += "<tr><td>\(pick("Độ chính xác (precision)", "Precision"))</td><td>\(rate(q.precision))</td></tr>"
        html += "<tr><td>\(pick("Độ bao phủ (recall)", "Recall"))</td><td>\(rate(q.recall))</td></tr>"
        if let review = q.review {
            html += "<tr><td>\(pick("Tỷ lệ cần xem xét", "Review rate"))</td><td>\(rate(review))</td></tr>"
        }
        if let p = q.passportErrors {
            html +=
                "<tr><td>\(pick("Công dân có mũi tiêm của người khác", "Citizens with someone else's shot linked"))</td><td>\(rate(p))</td></tr>"
        }
        html += "</table>"
        guard !q.weakest.isEmpty else { return html }
        html += "<h3>\(pick("Nhóm có chất lượng thấp nhất", "Strata where quality is weakest"))</h3>"
        html +=
            "<table><tr><th>\(pick("Nhóm", "Stratum"))</th><th>\(pick("Mũi tiêm", "Shots"))</th><th>Precision</th><th>Recall</th><th>\(pick("Xem xét", "Review")) %</th></tr>"
        for s in q.weakest {
            html +=
                "<tr><td>\(ReportPage.escape(s.stratum))</td><td>\(s.shots)</td><td>\(s.countsPrecision ? rate(s.precision) : "–")</td>"
                + "<td>\(s.countsRecall ? rate(s.recall) : "–")</td><td>\(formatFixed(s.reviewRate * 100, 2))</td></tr>"
        }
        return html + "</table>"
    }
}
