import Foundation
import VaxCore
import VaxCrypto
import VaxInterchange
public import VaxReport
import VaxStorage

/// `vaxlink review export`: one offline review page per vaccination site (or province) with
/// the shots in review of a run (docs/cli.md "Review at the vaccination site").
///
/// The cases come from RUN/review.csv; each candidate is looked up in the store, the record
/// as typed is read from the shots file (RUN/shots.csv, or `shotsPath`), and earlier
/// review-decisions files bring back deferrals with their reason. A shot that an earlier file
/// already settled (link or not_registered) is left out: it waits for `review import`.
/// The 48-hour clock of a case starts when the run wrote review.csv (its modification time).
public struct ReviewExport {
    public enum Grouping: String, Sendable { case facility, province }

    public var runDirectory: String
    public var storePath: String
    public var out: String
    public var grouping: Grouping = .facility
    public var language: ReportLanguage = .vi
    /// shots.csv for the records as typed; nil tries RUN/shots.csv and otherwise shows none.
    public var shotsPath: String?
    /// Earlier review-decisions.csv files (deferrals come back with their reason).
    public var decisionFiles: [String] = []
    /// The export's time, seconds since 1970 UTC (tests fix it).
    public var now: Int64 = Int64(Date().timeIntervalSince1970)

    /// An export of `runDirectory`'s review cases against `storePath` into `out`.
    public init(runDirectory: String, storePath: String, out: String) {
        self.runDirectory = runDirectory
        self.storePath = storePath
        self.out = out
    }

    /// What the export wrote.
    public struct Result: Sendable {
        /// The pages written, as paths, in province / site order.
        public var pages: [String]
        /// Shots on the pages.
        public var shots: Int
        /// Shots left out because an earlier decisions file settled them.
        public var alreadyDecided: Int
        /// Shots on the pages that come back deferred.
        public var deferred: Int
        public var report: WorkflowReport
    }

    /// Writes the pages and OUT/index.csv.
    /// - Throws: `VaxError(.badInput)` for a missing or damaged review.csv, shots or
    ///   decisions file; store errors; `.environment` for I/O faults.
    /// - Complexity: O(cases + shots file + decision rows).
    public func run() throws -> Result {
        let reviewPath = runDirectory + "/review.csv"
        try requireRegularFile(reviewPath)
        let opened = Int64(
            ((try? FileManager.default.attributesOfItem(atPath: reviewPath)[.modificationDate]) as? Date)?
                .timeIntervalSince1970 ?? Double(now))
        let rows = try ReviewCasesReader.read(path: reviewPath)
        let store = try PopulationStore.open(storePath)

        // Earlier decisions: the latest per shot wins (by decided_at, then file order).
        var diagnostics = ""
        var latest: [String: ReviewDecisionRow] = [:]
        for file in decisionFiles {
            let contents = try ReviewDecisionsReader.read(path: file)
            for warning in contents.warnings { diagnostics += "vaxlink review export: warning: \(warning)\n" }
            if !contents.issues.isEmpty {
                diagnostics +=
                    "vaxlink review export: \(file): \(contents.issues.count) rows not read (first: line \(contents.issues[0].line): \(contents.issues[0].reason))\n"
            }
            for row in contents.rows where (latest[row.shotID]?.decidedAtEpoch ?? .min) <= row.decidedAtEpoch {
                latest[row.shotID] = row
            }
        }

        let shotsFile =
            shotsPath
            ?? (FileManager.default.fileExists(atPath: runDirectory + "/shots.csv") ? runDirectory + "/shots.csv" : nil)
        var typedByShot: [String: [String]] = [:]
        if let shotsFile {
            let wanted = Set(rows.map(\.shotID))
            typedByShot = try ShotFieldsReader.read(path: shotsFile, wanted: wanted)
        }

        var groups: [String: [ReviewCase]] = [:]
        var groupOrder: [(key: String, province: Int, facility: String)] = []
        var alreadyDecided = 0
        var deferred = 0
        for row in rows {
            var deferral: ReviewCase.Deferral?
            if let earlier = latest[row.shotID] {
                if earlier.choice.isFinal {
                    alreadyDecided += 1
                    continue
                }
                deferral = .init(reason: earlier.reason, reviewer: earlier.reviewer, decidedAt: earlier.decidedAt)
                deferred += 1
            }
            var c = ReviewCase(
                shotID: row.shotID, line: row.line, provinceCode: row.provinceCode,
                facilityCode: row.facilityCode, openedAt: opened, deferral: deferral)
            if let f = typedByShot[row.shotID] {
                var t = ReviewCase.Typed()
                t.citizenID = f[1]
                t.fullName = f[2]
                t.birthDate = f[3]
                t.sex = f[4]
                t.phone = f[5]
                t.provinceCode = f[6]
                t.facilityCode = f[7]
                t.vaccine = f[8]
                t.doseNumber = f[9]
                t.vaccinatedOn = f[10]
                c.typed = t
            }
            for k in row.candidates {
                var candidate = ReviewCase.Candidate(
                    citizenID: k.citizenID, score: k.score, weight: k.weight,
                    evidence: k.evidence, isRegistered: false)
                if let id = CitizenID(k.citizenID), let storeRow = store.row(of: id) {
                    // Field by field, not store.record: the legacy ID (a slow reverse lookup) is not shown.
                    let province = store.provinceCode(storeRow)
                    candidate.isRegistered = true
                    candidate.fullName = try store.fullName(storeRow)
                    candidate.birthDate = store.birthDate(storeRow).description
                    candidate.sex = store.sex(storeRow).code
                    candidate.provinceCode = Province.withCode(province)?.codeText ?? "\(province)"
                }
                c.candidates.append(candidate)
            }
            let key = grouping == .province ? "\(row.provinceCode)" : "\(row.provinceCode)\u{0}\(row.facilityCode)"
            if groups[key] == nil { groupOrder.append((key, row.provinceCode, row.facilityCode)) }
            groups[key, default: []].append(c)
        }

        try makeDirectory(out)
        groupOrder.sort { ($0.province, $0.facility) < ($1.province, $1.facility) }
        var pages: [String] = []
        var index = "file,province_code,facility_code,shots,deferred\n"
        let generated = Self.isoTime(now)
        var shots = 0
        for g in groupOrder {
            let cases = groups[g.key]!
            let province = Province.withCode(g.province)
            let code = province?.codeText ?? "\(g.province)"
            let stem = grouping == .province ? code : code + "-" + Self.fileSafe(g.facility)
            var title = code + " " + (province?.name ?? "")
            if grouping == .facility { title += " · " + (g.facility.isEmpty ? "—" : g.facility) }
            let site = ReviewPage.Site(
                title: title, decisionsFileName: "review-decisions-\(stem).csv", generated: generated)
            let path = out + "/review-\(stem).html"
            try OutputFile.write(ReviewPage.render(cases: cases, site: site, language: language), to: path)
            pages.append(path)
            shots += cases.count
            index +=
                "review-\(stem).html,\(code),\(csvQuoted(grouping == .province ? "" : g.facility)),\(cases.count),\(cases.filter { $0.deferral != nil }.count)\n"
        }
        try OutputFile.write(Array(index.utf8), to: out + "/index.csv")
        if shotsFile == nil {
            diagnostics +=
                "vaxlink review export: warning: no shots file (RUN/shots.csv or --shots): the pages show the candidates without the record as typed\n"
        }
        let text =
            "wrote \(pages.count) review pages with \(shots) shots (\(deferred) deferred earlier, \(alreadyDecided) already decided) to \(out)/ (index.csv lists them)"
        return Result(
            pages: pages, shots: shots, alreadyDecided: alreadyDecided, deferred: deferred,
            report: WorkflowReport(output: text, diagnostics: diagnostics))
    }

    /// A facility code as a file-name part: `A-Z a-z 0-9 _ -` kept; anything else replaced, and
    /// then a hash of the code added so that two codes never share a file.
    static func fileSafe(_ facility: String) -> String {
        if facility.isEmpty { return "none" }
        let kept = String(
            facility.unicodeScalars.map { s -> Character in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-")
                    ? Character(s) : "_"
            }.prefix(48))
        return kept == facility ? kept : kept + "-" + SHA256.hash(facility).hex.prefix(8)
    }

    /// `2022-04-20T02:15:00Z`.
    static func isoTime(_ epoch: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    private func csvQuoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
