public import VaxCore
import VaxInterchange

/// Review progress per vaccination site (docs/cli.md "Review at the vaccination site"): for
/// each site with shots in review, how many a person decided, how many were deferred, how
/// many are still open, and the age of the oldest open case against the 48-hour rule of
/// dispatch 9458/BYT-CNTT. Written to review-progress.csv, summary.json and report.html by
/// `review import --out`. Complaint cases (one per complaint and shot, docs/cli.md) are counted
/// apart, in the same way, in the columns that start with `complaint_`, with their own clock.
///
///     province_code,facility_code,cases,decided,deferred,open,oldest_open_hours,over_48h,
///     complaint_cases,complaint_decided,complaint_deferred,complaint_open,
///     complaint_oldest_open_hours,complaint_over_48h
public struct ReviewProgress: Sendable {
    /// One kind of case's counts at a site.
    public struct Counts: Sendable, Equatable {
        /// Cases a person settled for good (link or not_registered).
        public var decided = 0
        /// Open cases whose latest review decision is a defer (counted in `open` too).
        public var deferred = 0
        /// Cases still awaiting a final decision, deferred ones included.
        public var open = 0
        /// When the oldest open case's clock started, seconds since 1970 UTC; nil if none is open.
        public var oldestOpenedAt: Int64?

        public init() {}

        /// All the cases.
        public var cases: Int { decided + open }

        /// Counts one case: decided, or open (and maybe deferred) since `openedAt`.
        public mutating func add(decided isDecided: Bool, deferred isDeferred: Bool, openedAt: Int64) {
            if isDecided {
                decided += 1
            } else {
                open += 1
                if isDeferred { deferred += 1 }
                oldestOpenedAt = min(oldestOpenedAt ?? openedAt, openedAt)
            }
        }
    }

    /// One site's counts.
    public struct Site: Sendable, Equatable {
        public var provinceCode: Int
        public var facilityCode: String
        /// Shots a person settled for good (link or not_registered).
        public var decided = 0
        /// Open shots whose latest review decision is a defer (counted in `open` too).
        public var deferred = 0
        /// Shots still awaiting a final decision, deferred ones included.
        public var open = 0
        /// When the oldest open case's clock started, seconds since 1970 UTC; nil if none is open.
        public var oldestOpenedAt: Int64?

        /// The site's complaint cases.
        public var complaints = Counts()

        public init(provinceCode: Int, facilityCode: String) {
            self.provinceCode = provinceCode
            self.facilityCode = facilityCode
        }

        /// All the site's cases.
        public var cases: Int { decided + open }
    }

    /// The 48-hour rule, in seconds.
    public static let limitSeconds: Int64 = 48 * 3600

    /// Sites by province code, then facility code.
    public var sites: [Site]
    /// The time the ages are measured at, seconds since 1970 UTC.
    public var now: Int64

    public init(sites: [Site], now: Int64) {
        self.sites = sites.sorted { ($0.provinceCode, $0.facilityCode) < ($1.provinceCode, $1.facilityCode) }
        self.now = now
    }

    /// The age in hours (one decimal) of a site's oldest open case, or "" if none is open.
    public func oldestOpenHours(_ site: Site) -> String {
        site.oldestOpenedAt.map { formatFixed(Double(now - $0) / 3600, 1) } ?? ""
    }

    /// Whether a site's oldest open case (in review) is older than 48 hours.
    public func isOverdue(_ site: Site) -> Bool { isOverdue(site.oldestOpenedAt) }

    /// Whether a case opened at `openedAt` is older than 48 hours now.
    public func isOverdue(_ openedAt: Int64?) -> Bool { openedAt.map { now - $0 > Self.limitSeconds } ?? false }

    /// The age in hours (one decimal) of a case opened at `openedAt`, or "" for none.
    public func hours(_ openedAt: Int64?) -> String { openedAt.map { formatFixed(Double(now - $0) / 3600, 1) } ?? "" }

    /// Whether a site has a case of either kind open over 48 hours.
    public func hasOverdueCase(_ site: Site) -> Bool {
        isOverdue(site.oldestOpenedAt) || isOverdue(site.complaints.oldestOpenedAt)
    }

    /// The CSV's columns.
    public static let header = [
        "province_code", "facility_code", "cases", "decided", "deferred", "open", "oldest_open_hours", "over_48h",
        "complaint_cases", "complaint_decided", "complaint_deferred", "complaint_open", "complaint_oldest_open_hours",
        "complaint_over_48h",
    ]

    /// Writes review-progress.csv to `path` atomically.
    /// - Throws: `VaxError(.environment)` if the file cannot be written.
    /// - Complexity: O(sites).
    public func write(path: String) throws {
        let csv = try CSVWriter(path: path, header: Self.header)
        for s in sites {
            try csv.writeRow([
                Province.withCode(s.provinceCode)?.codeText ?? "\(s.provinceCode)", s.facilityCode, "\(s.cases)",
                "\(s.decided)", "\(s.deferred)", "\(s.open)", oldestOpenHours(s), isOverdue(s) ? "1" : "0",
                "\(s.complaints.cases)", "\(s.complaints.decided)", "\(s.complaints.deferred)", "\(s.complaints.open)",
                hours(s.complaints.oldestOpenedAt), isOverdue(s.complaints.oldestOpenedAt) ? "1" : "0",
            ])
        }
        try csv.commit()
    }

    /// The totals as a summary.json object: cases, decided, deferred, open, sites over 48 hours.
    public var json: JSONText {
        .object([
            ("cases", .int(sites.reduce(0) { $0 + $1.cases })), ("decided", .int(sites.reduce(0) { $0 + $1.decided })),
            ("deferred", .int(sites.reduce(0) { $0 + $1.deferred })), ("open", .int(sites.reduce(0) { $0 + $1.open })),
            ("sites", .int(sites.count)), ("sites_over_48h", .int(sites.filter(isOverdue).count)),
            (
                "complaints",
                .object([
                    ("cases", .int(sites.reduce(0) { $0 + $1.complaints.cases })),
                    ("decided", .int(sites.reduce(0) { $0 + $1.complaints.decided })),
                    ("deferred", .int(sites.reduce(0) { $0 + $1.complaints.deferred })),
                    ("open", .int(sites.reduce(0) { $0 + $1.complaints.open })),
                    ("sites_over_48h", .int(sites.filter { isOverdue($0.complaints.oldestOpenedAt) }.count)),
                ])
            ),
        ])
    }

    /// The report.html section: a table of the sites, overdue ones marked.
    func html(_ t: Words) -> String {
        var html = "<h2>\(t.pick("Tiến độ rà soát tại cơ sở tiêm", "Review progress per vaccination site"))</h2>"
        html +=
            "<p>\(t.pick("Mỗi trường hợp phải được quyết định trong 48 giờ (công văn 9458/BYT-CNTT).", "Each case is to be decided within 48 hours (dispatch 9458/BYT-CNTT)."))</p>"
        html +=
            "<table><tr><th>\(t.pick("Tỉnh", "Province"))</th><th>\(t.pick("Cơ sở", "Site"))</th><th>\(t.pick("Trường hợp", "Cases"))</th>"
        html +=
            "<th>\(t.pick("Đã quyết định", "Decided"))</th><th>\(t.pick("Hoãn", "Deferred"))</th><th>\(t.pick("Còn mở", "Open"))</th>"
        html += "<th>\(t.pick("Trường hợp mở lâu nhất (giờ)", "Oldest open (hours)"))</th>"
        html +=
            "<th>\(t.pick("Khiếu nại", "Complaints"))</th><th>\(t.pick("KN đã quyết định", "Complaints decided"))</th>"
        html +=
            "<th>\(t.pick("KN hoãn", "Complaints deferred"))</th><th>\(t.pick("KN còn mở", "Complaints open"))</th>"
        html += "<th>\(t.pick("Khiếu nại mở lâu nhất (giờ)", "Oldest open complaint (hours)"))</th></tr>"
        for s in sites {
            let code = Province.withCode(s.provinceCode)?.codeText ?? "\(s.provinceCode)"
            let age = oldestOpenHours(s)
            let cell = isOverdue(s) ? "<span class=\"bad\">\(age) &gt; 48</span>" : age
            html +=
                "<tr><td>\(code)</td><td>\(ReportPage.escape(s.facilityCode))</td><td>\(ReportPage.group(s.cases))</td>"
            html +=
                "<td>\(ReportPage.group(s.decided))</td><td>\(ReportPage.group(s.deferred))</td><td>\(ReportPage.group(s.open))</td><td>\(cell)</td>"
            let k = s.complaints
            let complaintAge = hours(k.oldestOpenedAt)
            let complaintCell =
                isOverdue(k.oldestOpenedAt) ? "<span class=\"bad\">\(complaintAge) &gt; 48</span>" : complaintAge
            html +=
                "<td>\(ReportPage.group(k.cases))</td><td>\(ReportPage.group(k.decided))</td><td>\(ReportPage.group(k.deferred))</td><td>\(ReportPage.group(k.open))</td><td>\(complaintCell)</td></tr>"
        }
        return html + "</table>\n"
    }
}
