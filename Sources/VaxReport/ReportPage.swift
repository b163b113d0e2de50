import VaxCore
public import VaxMatching
#if canImport(Glibc)
import Glibc
#endif

/// What the report shows besides the run's counts.
public struct ReportContext: Sendable {
    public var title: String
    public var ledgerPath: String
    public var ledgerEntries: Int
    public var chainHead: String
    public var checkpointPath: String
    public var checkpointText: String
    public var publicKeyPath: String
    public var verified: Bool
    /// Stage name and records per second.
    public var stages: [(String, Double)]
    /// Link quality, when an evaluation is available (QualitySection).
    public var quality: ReportQuality?
    /// Review progress per vaccination site, once people's review decisions were imported.
    public var reviewProgress: ReviewProgress?

    public init(title: String, ledgerPath: String, ledgerEntries: Int, chainHead: String, checkpointPath: String,
                checkpointText: String, publicKeyPath: String, verified: Bool, stages: [(String, Double)]) {
        self.title = title
        self.ledgerPath = ledgerPath
        self.ledgerEntries = ledgerEntries
        self.chainHead = chainHead
        self.checkpointPath = checkpointPath
        self.checkpointText = checkpointText
        self.publicKeyPath = publicKeyPath
        self.verified = verified
        self.stages = stages
    }
}

/// The report's language: Vietnamese for provincial health officials, or English.
public enum ReportLanguage: String, Sendable {
    case vi, en
}

/// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with
/// the national totals, outcomes per province, corrections by field, the score
/// distribution, throughput, and the ledger head with how an auditor verifies it.
public enum ReportPage {
    public static func render(_ summary: MatchSummary, context: ReportContext, language: ReportLanguage = .vi) -> String {
        let t = Words(language)
        let colors = ["#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#c62828", "#616161"]
        let outcomes = Outcome.allCases
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <title>\(escape(context.title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
            h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;font-size:.9em}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
            th:first-child,td:first-child{text-align:left}.ok{color:#2e7d32}.bad{color:#c62828}
            code,pre{background:#f5f5f5;padding:2px 4px;font-size:.85em}pre{padding:8px;overflow-x:auto}
            .legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px}
            </style></head><body>
            <h1>\(escape(context.title))</h1>

            """
        // National totals.
        let shots = summary.shotsRead + summary.rejected
        html += "<h2>\(t.national)</h2><table><tr><th>\(t.outcome)</th><th>\(t.shots)</th><th>%</th></tr>"
        for o in outcomes {
            html += "<tr><td>\(t.name(o))</td><td>\(group(summary.national[o]))</td><td>\(percent(summary.national[o], shots))</td></tr>"
        }
        html += "<tr><td>\(t.rejected)</td><td>\(group(summary.rejected))</td><td>\(percent(summary.rejected, shots))</td></tr>"
        html += "<tr><th>\(t.total)</th><th>\(group(shots))</th><th>100</th></tr></table>\n"

        // Outcomes per province: one stacked bar each.
        html += "<h2>\(t.byProvince)</h2><p class=\"legend\">"
        for (i, o) in outcomes.enumerated() { html += "<span><i style=\"background:\(colors[i])\"></i>\(t.name(o))</span>" }
        html += "<span><i style=\"background:\(colors[5])\"></i>\(t.rejected)</span></p>\n"
        let provinces = summary.provinces.keys.sorted()
        let rowHeight = 16, labelWidth = 170, barWidth = 760
        let maxShots = max(1, provinces.map { summary.provinces[$0]!.decided + summary.provinces[$0]!.rejected }.max() ?? 1)
        html += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 90)\" height=\"\(rowHeight * provinces.count + 10)\" font-size=\"11\">\n"
        for (r, code) in provinces.enumerated() {
            let c = summary.provinces[code]!
            let total = c.decided + c.rejected
            let y = r * rowHeight
            let label = Province.withCode(code).map { "\($0.codeText) \($0.name)" } ?? t.unreadable
            html += "<text x=\"0\" y=\"\(y + 12)\">\(escape(label))</text>"
            var x = Double(labelWidth)
            for (i, n) in (outcomes.map { c[$0] } + [c.rejected]).enumerated() where n > 0 {
                let w = Double(barWidth) * Double(n) / Double(maxShots)
                html += "<rect x=\"\(formatFixed(x, 1))\" y=\"\(y + 2)\" width=\"\(formatFixed(w, 1))\" height=\"\(rowHeight - 4)\" fill=\"\(colors[i])\"><title>\(escape(label)): \(i < outcomes.count ? t.name(outcomes[i]) : t.rejected) \(n)</title></rect>"
                x += w
            }
            html += "<text x=\"\(formatFixed(x + 4, 1))\" y=\"\(y + 12)\">\(group(total))</text>\n"
        }
        html += "</svg>\n"

        // Corrections by field.
        html += "<h2>\(t.corrections)</h2><table><tr><th>\(t.field)</th><th>\(t.shots)</th></tr>"
        for (field, n) in summary.corrections.sorted(by: { $0.key < $1.key }) {
            html += "<tr><td>\(escape(t.fieldName(field)))</td><td>\(group(n))</td></tr>"
        }
        html += "</table>\n"

        // Score distribution.
        html += "<h2>\(t.scores)</h2>"
        let maxBin = max(1, summary.scoreHistogram.max() ?? 1)
        html += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"200\" font-size=\"10\">"
        for (i, n) in summary.scoreHistogram.enumerated() {
            // Log scale: most links sit in the top bin.
            let h = n == 0 ? 0.0 : 170.0 * (1 + log10(Double(n))) / (1 + log10(Double(maxBin)))
            html += "<rect x=\"\(i * 40 + 10)\" y=\"\(formatFixed(175 - h, 1))\" width=\"34\" height=\"\(formatFixed(h, 1))\" fill=\"#1565c0\"><title>\(formatFixed(Double(i) * 0.05, 2))-\(formatFixed(Double(i + 1) * 0.05, 2)): \(n)</title></rect>"
            if i % 4 == 0 { html += "<text x=\"\(i * 40 + 10)\" y=\"192\">\(formatFixed(Double(i) * 0.05, 2))</text>" }
        }
        html += "</svg><p>\(t.scoreNote)</p>\n"

        // Throughput.
        html += "<h2>\(t.throughput)</h2><table><tr><th>\(t.stage)</th><th>\(t.perSecond)</th></tr>"
        for (stage, rate) in context.stages { html += "<tr><td>\(escape(stage))</td><td>\(formatRate(rate))</td></tr>" }
        html += "</table><p>\(t.cores(processorCount))</p>\n"

        if let quality = context.quality { html += QualitySection.render(quality, language == .vi) }
        if let progress = context.reviewProgress { html += progress.html(t) }

        // The ledger and how to verify it.
        html += "<h2>\(t.ledger)</h2><p class=\"\(context.verified ? "ok" : "bad")\">\(context.verified ? t.verifiedLedger : t.failedLedger)</p>"
        html += "<table><tr><td>\(t.entries)</td><td>\(group(context.ledgerEntries))</td></tr>"
        html += "<tr><td>\(t.head)</td><td><code>\(context.chainHead)</code></td></tr></table>"
        html += "<p>\(t.checkpoint) (<code>\(escape(context.checkpointPath))</code>):</p><pre>\(escape(context.checkpointText))</pre>"
        html += "<p>\(t.howToVerify)</p><pre>vaxlink ledger verify \(escape(context.ledgerPath)) --checkpoint \(escape(context.checkpointPath)) --public-key \(escape(context.publicKeyPath))</pre>"
        html += "</body></html>\n"
        return html
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func percent(_ n: Int, _ total: Int) -> String { total == 0 ? "0" : formatFixed(100 * Double(n) / Double(total), 2) }

    /// 1234567 → 1 234 567 (thin groups readable in both languages).
    static func group(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "\u{202F}" }
            out.append(d)
        }
        return out
    }
}

/// The report's words in one language.
struct Words {
    let vi: Bool
    init(_ language: ReportLanguage) { vi = language == .vi }
    func pick(_ v: String, _ e: String) -> String { vi ? v : e }

    var national: String { pick("Toàn quốc", "National totals") }
    var outcome: String { pick("Kết quả", "Outcome") }
    var shots: String { pick("Mũi tiêm", "Shots") }
    var rejected: String { pick("Bản ghi lỗi", "Rejected rows") }
    var total: String { pick("Tổng", "Total") }
    var byProvince: String { pick("Kết quả theo tỉnh, thành phố", "Outcomes by province") }
    var unreadable: String { pick("(không đọc được)", "(unreadable)") }
    var corrections: String { pick("Các trường được sửa theo CSDL dân cư", "Fields corrected from the register") }
    var field: String { pick("Trường", "Field") }
    var scores: String { pick("Phân bố điểm khớp", "Match score distribution") }
    var scoreNote: String { pick("Số mũi tiêm theo điểm (thang log), trừ các mũi không khớp.", "Shots by score (log scale), unmatched excluded.") }
    var throughput: String { pick("Tốc độ xử lý", "Throughput") }
    var stage: String { pick("Giai đoạn", "Stage") }
    var perSecond: String { pick("bản ghi/giây", "records/s") }
    func cores(_ n: Int) -> String { pick("Máy có \(n) nhân xử lý.", "On \(n) cores.") }
    var ledger: String { pick("Sổ kiểm toán", "Audit ledger") }
    var verifiedLedger: String { pick("Sổ đã được kiểm tra: mọi liên kết chuỗi băm, gốc Merkle và chữ ký điểm kiểm tra đều hợp lệ.", "Verified: every chain link, Merkle root and checkpoint signature holds.") }
    var failedLedger: String { pick("SỔ KHÔNG HỢP LỆ: xem vaxlink ledger verify.", "THE LEDGER DOES NOT VERIFY: see vaxlink ledger verify.") }
    var entries: String { pick("Số mục", "Entries") }
    var head: String { pick("Đầu chuỗi băm", "Chain head") }
    var checkpoint: String { pick("Điểm kiểm tra đã ký mới nhất", "Latest signed checkpoint") }
    var howToVerify: String { pick("Kiểm toán viên giữ bản sao điểm kiểm tra và khóa công khai, rồi kiểm tra bằng lệnh:", "Auditors keep a copy of the checkpoint and the public key, and verify with:") }

    func name(_ o: Outcome) -> String {
        switch o {
        case .verified: return pick("Xác thực (verified)", "verified")
        case .corrected: return pick("Sửa thông tin (corrected)", "corrected")
        case .relinked: return pick("Liên kết lại (relinked)", "relinked")
        case .review: return pick("Cần rà soát (review)", "review")
        case .unmatched: return pick("Không khớp (unmatched)", "unmatched")
        }
    }

    func fieldName(_ f: String) -> String {
        switch f {
        case "citizen_id": return pick("Số định danh (citizen_id)", f)
        case "full_name": return pick("Họ và tên (full_name)", f)
        case "birth_date": return pick("Ngày sinh (birth_date)", f)
        case "sex": return pick("Giới tính (sex)", f)
        default: return f
        }
    }
}
