import Foundation
public import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
public import VaxReport
import VaxStorage

/// `vaxlink review import`: people's decisions from review-decisions files into the ledger
/// (docs/cli.md "Review at the vaccination site", docs/ledger-format.md "Review entries").
///
/// Every row is checked: it reads (interchange.md), its shot has a decision in the ledger
/// whose outcome is review, a link's citizen is in the store. Good rows become review
/// entries in one signed batch. A row that a person already decided the same way (the same
/// file imported again) is skipped; a different final decision for a shot already settled
/// (in the ledger or earlier in the same import) refuses the whole import, naming both.
public struct ReviewImport {
    public var ledgerPath: String
    public var storePath: String
    public var decisionFiles: [String]
    /// A folder of registered site public keys (NAME.pub); when set, every file must carry a
    /// FILE.sig that verifies under one of them, and the signer is recorded.
    public var siteKeys: String?
    /// The ledger's signing key; nil is LEDGER.key.
    public var keyPath: String?
    /// The run's folder whose outputs are rewritten from the ledger afterwards (`ReviewRewrite`);
    /// nil rewrites nothing.
    public var out: String?
    /// report.html's language, with `out`.
    public var language: ReportLanguage = .vi
    /// The time review progress is measured at, seconds since 1970 UTC (tests fix it).
    public var now: Int64 = Int64(Date().timeIntervalSince1970)
    /// Threads for verifying the ledger before the report names it verified.
    public var threads: Int = processorCount

    public init(ledgerPath: String, storePath: String, decisionFiles: [String]) {
        self.ledgerPath = ledgerPath
        self.storePath = storePath
        self.decisionFiles = decisionFiles
    }

    /// What an import did.
    public struct Result: Sendable {
        public var imported = 0
        public var alreadyImported = 0
        /// Decisions on complaints that withdrew a link (the shot is no longer its citizen's).
        public var withdrawn = 0
        public var rejected: [(file: String, issue: RowIssue)] = []
        public var report = WorkflowReport()
        /// With `out`: the review progress written, and the seconds the rewrite took.
        public var progress: ReviewProgress?
        public var rewriteSeconds = 0.0
    }

    /// Runs the import.
    /// - Throws: `VaxError(.badInput)` for an unreadable file, a bad signature or a conflicting
    ///   decision (nothing is imported then); ledger and store errors.
    /// - Complexity: O(rows × log entries).
    public func run() throws -> Result {
        try requireExistingLedger(ledgerPath)
        let store = try PopulationStore.open(storePath)
        let reader = try LedgerReader(path: ledgerPath)
        var result = Result()
        // The ledger's state: each shot's latest final decision by a person, the rows already
        // recorded, and each shot's open complaint (after its latest final decision).
        var settled: [String: (seq: Int?, record: ReviewRecord)] = [:]
        var recordedRows = Set<String>()
        var openComplaint: [String: Int] = [:]
        let people = try reader.personDecisions()
        for (seq, record) in try reader.reviewRecords() {
            if record.choice.isFinal { settled[record.shotID] = (seq, record) }
            recordedRows.insert(Self.rowKey(record))
        }
        for (seq, complaint) in people.complaints
        where people.isOpen(complaintSeq: seq, decision: complaint.concernsSeq) {
            openComplaint[complaint.shotID] = seq
        }
        var withdrawn = 0
        var records: [ReviewRecord] = []
        var conflicts: [String] = []
        for file in decisionFiles {
            var signer = ReviewSignature.Signer(site: "", keyID: "")
            if let siteKeys { signer = try ReviewSignature.verify(decisions: file, siteKeys: siteKeys) }
            let digest = try sha256(ofFile: file)
            let contents = try ReviewDecisionsReader.read(path: file)
            result.rejected += contents.issues.map { (file, $0) }
            let decisions = try reader.decisions(ofShots: contents.rows.map(\.shotID))
            for row in contents.rows {
                func reject(_ code: String, _ column: String, _ message: String) {
                    result.rejected.append(
                        (
                            file,
                            RowIssue(
                                line: row.line, key: row.shotID, code: code, message: message,
                                column: column, rawSHA256: digest)
                        ))
                }
                guard let (seq, decision) = decisions[row.shotID] else {
                    reject("unknown_shot", "shot_id", "the ledger has no decision for this shot")
                    continue
                }
                // The same row of the same file: imported already.
                if recordedRows.contains(Self.rowKey(digest, row.line)) {
                    result.alreadyImported += 1
                    continue
                }
                // What the row settles: the shot's open complaint, else its review decision.
                let complaintSeq = openComplaint[row.shotID]
                guard complaintSeq != nil || decision.outcome == .review || settled[row.shotID] != nil else {
                    reject(
                        "not_in_review", "shot_id",
                        "the shot's decision is \(decision.outcome.name), not review, and no complaint about it is open"
                    )
                    continue
                }
                var outcome = Outcome.review
                var corrections = CorrectedFields()
                switch row.choice {
                case .link:
                    guard let id = row.citizenID, store.row(of: id) != nil else {
                        reject("unknown_citizen", "citizen_id", "the store has no citizen with this ID")
                        continue
                    }
                    (outcome, corrections) = Self.linkOutcome(decision, chosen: id)
                case .notRegistered: outcome = .unmatched
                case .deferred: outcome = .review
                }
                let record = ReviewRecord(
                    shotID: row.shotID, settlesSeq: complaintSeq ?? seq, choice: row.choice, citizenID: row.citizenID,
                    outcome: outcome,
                    corrections: corrections, decidedAtEpoch: row.decidedAtEpoch, decidedAt: row.decidedAt,
                    reviewer: row.reviewer, reason: row.reason, signerSite: signer.site, signerKeyID: signer.keyID,
                    fileSHA256: digest, line: row.line)
                if complaintSeq == nil, let earlier = settled[row.shotID] {
                    if earlier.record.decidesLike(record) {
                        result.alreadyImported += 1
                    } else {
                        let at = earlier.seq.map { "ledger entry \($0)" } ?? "this import"
                        conflicts.append(
                            "\(file):\(row.line): shot \(row.shotID) \(Self.describe(record)) by \(row.reviewer) at \(row.decidedAt) "
                                + "conflicts with \(Self.describe(earlier.record)) by \(earlier.record.reviewer) at "
                                + "\(earlier.record.decidedAt) (\(at))")
                    }
                    continue
                }
                recordedRows.insert(Self.rowKey(record))
                if record.choice.isFinal {
                    // A decision on a complaint that leaves a linked shot unlinked from its
                    // citizen withdraws that link (ledger-format.md "Complaint entries").
                    let before = people.effective(decision, seq: seq)
                    if complaintSeq != nil && before.outcome.isLink
                        && (record.choice != .link || record.citizenID != before.citizenID)
                    {
                        withdrawn += 1
                    }
                    settled[row.shotID] = (nil, record)
                    openComplaint[row.shotID] = nil
                }
                records.append(record)
            }
        }
        if !conflicts.isEmpty {
            throw VaxError(
                .badInput,
                "a shot already decided by a person was decided differently; nothing imported:\n  "
                    + conflicts.joined(separator: "\n  "))
        }
        var rewritten: ReviewRewrite.Result?
        if !records.isEmpty || out != nil {
            let key = try Ed25519PrivateKey(contentsOf: keyPath ?? ledgerPath + ".key")
            let writer = try LedgerWriter.reopen(path: ledgerPath, signingKey: key)
            try writer.appendReviews(records)
            try writer.finish(checkpointOut: nil)
            if let out {
                rewritten = try ReviewRewrite(
                    ledgerPath: ledgerPath, out: out, head: writer.head, publicKey: key.publicKey, language: language,
                    now: now, threads: threads
                ).run()
            }
        }
        result.imported = records.count
        result.withdrawn = withdrawn
        let links = records.filter { $0.choice == .link }.count
        let unmatched = records.filter { $0.choice == .notRegistered }.count
        var diagnostics = ""
        for (file, issue) in result.rejected {
            diagnostics += "vaxlink review import: \(file):\(issue.line): \(issue.reason)\n"
        }
        result.report = WorkflowReport(
            output: "imported \(records.count) review decisions (\(links) linked, \(unmatched) not registered, "
                + "\(records.count - links - unmatched) deferred; \(withdrawn) machine links withdrawn on complaints); "
                + "\(result.alreadyImported) already in the ledger; "
                + "\(result.rejected.count) rows rejected",
            diagnostics: diagnostics, foundProblem: !result.rejected.isEmpty)
        if let rewritten, let out {
            let p = rewritten.progress
            let overdue = p.sites.filter(p.hasOverdueCase).count
            result.report.output =
                (result.report.output ?? "")
                + "\nrewrote \(out)/ from the ledger: decisions.csv (\(rewritten.decisions) shots, \(rewritten.changed) decided by people), "
                + "review.csv (\(rewritten.openShots) shots still open), provinces.csv, summary.json, review-progress.csv "
                + "(\(p.sites.count) sites, \(overdue) with a case open over 48 hours), report.html, checkpoint in \(formatFixed(rewritten.seconds, 1)) s"
            result.progress = p
            result.rewriteSeconds = rewritten.seconds
        }
        return result
    }

    /// A link's outcome "as the recorded fields dictate" (interchange.md): the run's evidence
    /// describes its best candidate only, so choosing it keeps that evidence (an exact
    /// recorded ID is verified or corrected); any other citizen is relinked.
    static func linkOutcome(_ decision: Decision, chosen: CitizenID) -> (Outcome, CorrectedFields) {
        guard decision.citizenID == chosen else { return (.relinked, [.citizenID]) }
        var levels: [String: String] = [:]
        for part in decision.evidence.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { levels[String(pair[0])] = String(pair[1]) }
        }
        var corrections = CorrectedFields()
        if ["fn", "mn", "gn"].contains(where: { levels[$0] != "exact" && levels[$0] != "missing" }) {
            corrections.insert(.fullName)
        }
        if levels["dob"] != "exact" && levels["dob"] != "missing" { corrections.insert(.birthDate) }
        if levels["sex"] == "different" { corrections.insert(.sex) }
        guard levels["id"] == "exact" else { return (.relinked, corrections.union(.citizenID)) }
        return (corrections.isEmpty ? .verified : .corrected, corrections)
    }

    private static func rowKey(_ r: ReviewRecord) -> String { rowKey(r.fileSHA256, r.line) }
    private static func rowKey(_ file: SHA256Digest, _ line: Int) -> String { "\(file.hex):\(line)" }

    private static func describe(_ r: ReviewRecord) -> String {
        r.choice == .link ? "link \(r.citizenID?.description ?? "")" : r.choice.name
    }
}
