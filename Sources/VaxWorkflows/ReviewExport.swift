import Foundation
import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
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
///
/// Complaint cases come from the run's ledger: every complaint entry that no final review
/// decision of its shot has settled puts the shot on its site's page (one case per shot,
/// whatever the shot's decision), with the complainants offered as candidates and its own
/// 48-hour clock from the earliest open complaint's received_at.
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
    /// The run's ledger, for complaint cases; nil takes the path summary.json names, if any.
    public var ledgerPath: String?
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
        /// Complaint cases on the pages (shots with an open complaint).
        public var complaintCases: Int = 0
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

        let complaints = try openComplaints()

        let shotsFile =
            shotsPath
            ?? (FileManager.default.fileExists(atPath: runDirectory + "/shots.csv") ? runDirectory + "/shots.csv" : nil)
        var typedByShot: [String: [String]] = [:]
        if let shotsFile {
            let wanted = Set(rows.map(\.shotID)).union(complaints.keys)
            typedByShot = try ShotFieldsReader.read(path: shotsFile, wanted: wanted)
        }

        var groups: [String: [ReviewCase]] = [:]
        var groupOrder: [(key: String, province: Int, facility: String)] = []
        var alreadyDecided = 0
        var deferred = 0
        // Shots in review and complaint cases; a shot in review with an open complaint is one
        // complaint case, with the run's candidates too.
        var caseRows = rows
        let inReview = Set(rows.map(\.shotID))
        for (shot, open) in complaints.sorted(by: { $0.value.decision.line < $1.value.decision.line })
        where !inReview.contains(shot) {
            caseRows.append(
                ReviewCaseRow(
                    shotID: shot, line: open.decision.line, provinceCode: open.decision.provinceCode,
                    facilityCode: open.facilityCode, candidates: []))
        }
        var complaintCases = 0
        for row in caseRows {
            let open = complaints[row.shotID]
            var deferral: ReviewCase.Deferral?
            if let open, let d = open.deferral {
                deferral = .init(reason: d.reason, reviewer: d.reviewer, decidedAt: d.decidedAt)
                deferred += 1
            }
            if let earlier = latest[row.shotID], open == nil || earlier.decidedAtEpoch >= open!.openedAt {
                if earlier.choice.isFinal {
                    alreadyDecided += 1
                    continue
                }
                if deferral == nil { deferred += 1 }
                deferral = .init(reason: earlier.reason, reviewer: earlier.reviewer, decidedAt: earlier.decidedAt)
            }
            var c = ReviewCase(
                shotID: row.shotID, line: row.line, provinceCode: row.provinceCode,
                facilityCode: row.facilityCode, openedAt: open?.openedAt ?? opened, deferral: deferral)
            if let open {
                complaintCases += 1
                c.complaints = open.records.map {
                    ReviewCase.Complaint(
                        complaintID: $0.complaintID, citizenID: $0.citizenID.description, kind: $0.kind.name,
                        receivedAt: $0.receivedAt, text: $0.text)
                }
                c.currentLink = open.currentLink?.description ?? ""
            }
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
            // A complaint case offers the complainants first, then the citizen linked now.
            var offered: [(citizenID: String, score: String, weight: String, evidence: String)] = []
            var complainants = Set<String>()
            for id in (open?.records.map(\.citizenID.description) ?? []) + [c.currentLink] where !id.isEmpty {
                if !offered.contains(where: { $0.citizenID == id }) { offered.append((id, "", "", "")) }
                if id != c.currentLink || c.complaints.contains(where: { $0.citizenID == id }) {
                    complainants.insert(id)
                }
            }
            for k in row.candidates where !offered.contains(where: { $0.citizenID == k.citizenID }) {
                offered.append(k)
            }
            for k in offered {
                var candidate = ReviewCase.Candidate(
                    citizenID: k.citizenID, score: k.score, weight: k.weight,
                    evidence: k.evidence, isRegistered: false)
                candidate.isComplainant = complainants.contains(k.citizenID)
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
        var index = "file,province_code,facility_code,shots,deferred,complaints\n"
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
                "review-\(stem).html,\(code),\(csvQuoted(grouping == .province ? "" : g.facility)),\(cases.count),\(cases.filter { $0.deferral != nil }.count),\(cases.filter { !$0.complaints.isEmpty }.count)\n"
        }
        try OutputFile.write(Array(index.utf8), to: out + "/index.csv")
        if shotsFile == nil {
            diagnostics +=
                "vaxlink review export: warning: no shots file (RUN/shots.csv or --shots): the pages show the candidates without the record as typed\n"
        }
        let text =
            "wrote \(pages.count) review pages with \(shots) shots (\(complaintCases) complaint cases, \(deferred) deferred earlier, \(alreadyDecided) already decided) to \(out)/ (index.csv lists them)"
        return Result(
            pages: pages, shots: shots, alreadyDecided: alreadyDecided, deferred: deferred,
            complaintCases: complaintCases, report: WorkflowReport(output: text, diagnostics: diagnostics))
    }

    /// A shot's open complaints, as the ledger holds them.
    struct OpenComplaints {
        var records: [ComplaintRecord] = []
        /// The machine's decision of the shot, and the citizen it is linked to now (effective).
        var decision: Decision
        var currentLink: CitizenID?
        var facilityCode: String
        /// The earliest open complaint's received_at: the case's 48-hour clock.
        var openedAt: Int64
        /// The latest defer of the case since its first open complaint.
        var deferral: ReviewRecord?
    }

    /// The open complaint cases of the run's ledger, by shot; none without a ledger.
    /// - Complexity: O(entries without shot_id + complaints × log entries).
    func openComplaints() throws -> [String: OpenComplaints] {
        var path = ledgerPath
        if path == nil, let data = FileManager.default.contents(atPath: runDirectory + "/summary.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let ledger = object["ledger"] as? [String: Any], let named = ledger["path"] as? String,
            FileManager.default.fileExists(atPath: named)
        {
            path = named
        }
        guard let path else { return [:] }
        try requireExistingLedger(path)
        let reader = try LedgerReader(path: path)
        let people = try reader.personDecisions()
        var out: [String: OpenComplaints] = [:]
        for (seq, record) in people.complaints where people.isOpen(complaintSeq: seq, decision: record.concernsSeq) {
            if out[record.shotID] == nil {
                guard case .decision(let machine)? = try reader.entry(seq: record.concernsSeq) else {
                    throw VaxError(
                        .corruption, "complaint entry \(seq) names no decision; run 'vaxlink ledger verify'", file: path
                    )
                }
                let effective = people.effective(machine, seq: record.concernsSeq)
                var open = OpenComplaints(
                    decision: machine, currentLink: effective.outcome.isLink ? effective.citizenID : nil,
                    facilityCode: record.facilityCode, openedAt: record.receivedAtEpoch)
                if let d = people.deferred[record.concernsSeq], d.seq > seq { open.deferral = d.record }
                out[record.shotID] = open
            }
            out[record.shotID]!.records.append(record)
            out[record.shotID]!.openedAt = min(out[record.shotID]!.openedAt, record.receivedAtEpoch)
        }
        return out
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
