import Foundation
public import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
import VaxNames
import VaxStorage

/// `vaxlink complaints import`: citizens' complaints into the ledger as complaint cases for
/// the sites concerned (docs/cli.md "Review at the vaccination site", docs/interchange.md
/// "complaints.csv", docs/ledger-format.md "Complaint entries").
///
/// Each complaint is matched against the run's shots (the shots file the ledger names, read
/// once): by shot_id, or by vaccinated_on ±1 day, facility_code and vaccine (and dose_number
/// when given). Of those, the shots it may concern are, for `missing`, the ones whose
/// effective decision is unmatched, review, or a link to someone else (for a described
/// shot, a link to someone else counts only when the record as typed names the complainant:
/// their citizen ID, or their registered family and given name); for `wrong`, the ones
/// linked to the complainant. Each concerned shot becomes one complaint entry, in one signed
/// batch. A complaint already in the ledger (same complaint_id) is skipped, so importing a
/// file again changes nothing. A complaint that concerns no shot, or too many to put before
/// a site, is reported back with its line.
public struct ComplaintsImport {
    public var ledgerPath: String
    public var storePath: String
    public var complaintsPath: String
    /// The run's shots.csv; nil is shots.csv beside the ledger.
    public var shotsPath: String?
    /// The ledger's signing key; nil is LEDGER.key.
    public var keyPath: String?

    /// A described complaint that fits more shots than this is reported back (`too_many_shots`)
    /// rather than put before a site: the desk asks the citizen for the shot ID or the dose.
    public static let maxShotsPerComplaint = 10

    public init(ledgerPath: String, storePath: String, complaintsPath: String) {
        self.ledgerPath = ledgerPath
        self.storePath = storePath
        self.complaintsPath = complaintsPath
    }

    /// What happened to one complaint that was read.
    public enum Status: String, Sendable {
        /// Recorded as complaint entries, one per shot.
        case recorded
        /// The ledger already holds this complaint_id (the file imported again).
        case alreadyRecorded = "already_recorded"
        /// No shot it may concern: `no_shot_found`, `already_on_record` (a missing shot that
        /// is already the complainant's), `not_on_record` (a wrong shot that is not theirs),
        /// `too_many_shots`; `unknown_citizen`, `complaint_id_reused` are rejects.
        case reportedBack = "reported_back"
    }

    /// What an import did.
    public struct Result: Sendable {
        /// Complaints recorded, and the complaint entries (one per concerned shot) written.
        public var recorded = 0
        public var entries = 0
        public var alreadyRecorded = 0
        /// Rows that did not read or name an unknown citizen, with line and reason.
        public var rejected: [RowIssue] = []
        /// Complaints read that concern no shot, with line, code and reason (their `key` is
        /// the complaint_id).
        public var reportedBack: [RowIssue] = []
        /// The shots each recorded complaint concerns, by complaint_id.
        public var shotsByComplaint: [String: [String]] = [:]
        public var report = WorkflowReport()
    }

    /// Runs the import.
    /// - Throws: `VaxError(.badInput)` for an unreadable complaints file, a shots file that is
    ///   not the run's (nothing is recorded then); ledger and store errors.
    /// - Complexity: O(complaints + shots file + concerned shots × log entries); memory O(complaints).
    public func run() throws -> Result {
        try requireExistingLedger(ledgerPath)
        let shotsFile = shotsPath ?? (ledgerPath as NSString).deletingLastPathComponent + "/shots.csv"
        guard FileManager.default.fileExists(atPath: shotsFile) else {
            throw VaxError(
                .badInput,
                "no shots file: give --shots FILE, the shots.csv the run read (the ledger names its SHA-256)",
                file: shotsFile)
        }
        try requireRegularFile(shotsFile)
        let store = try PopulationStore.open(storePath)
        let reader = try LedgerReader(path: ledgerPath)
        let header = try reader.header()
        guard let recordedShots = header.inputs.first(where: { $0.name == "shots.csv" })?.sha256 else {
            throw VaxError(.badInput, "the ledger's header names no shots.csv", file: ledgerPath)
        }
        let fileDigest = try sha256(ofFile: complaintsPath)
        var result = Result()

        // 1. The complaints, checked row by row; complaints already in the ledger are skipped.
        var recordedByID: [String: ComplaintRecord] = [:]
        for (_, record) in try reader.complaintRecords() where recordedByID[record.complaintID] == nil {
            recordedByID[record.complaintID] = record
        }
        var rows: [ComplaintRow] = []
        var registeredNames: [String] = []  // folded, by row index
        let warnings = try ComplaintsReader.forEachRow(
            path: complaintsPath,
            { row in
                func reject(_ code: String, _ column: String, _ message: String) {
                    result.rejected.append(
                        RowIssue(
                            line: row.line, key: row.complaintID, code: code, message: message, column: column,
                            rawSHA256: fileDigest))
                }
                guard let citizen = store.row(of: row.citizenID) else {
                    return reject("unknown_citizen", "citizen_id", "the store has no citizen with this ID")
                }
                if let earlier = recordedByID[row.complaintID] {
                    guard earlier.citizenID == row.citizenID && earlier.kind == row.kind else {
                        return reject(
                            "complaint_id_reused", "complaint_id",
                            "the ledger holds complaint \(row.complaintID) of citizen \(earlier.citizenID) (\(earlier.kind.name))"
                        )
                    }
                    result.alreadyRecorded += 1
                    return
                }
                rows.append(row)
                registeredNames.append(foldName(try store.fullName(citizen)))
            }, issue: { result.rejected.append($0) })

        // 2. One pass over the run's shots: the shots each complaint names or describes.
        var byShot: [String: [Int]] = [:]
        var byPlace: [String: [Int]] = [:]
        for (i, row) in rows.enumerated() {
            if let shot = row.shotID {
                byShot[shot, default: []].append(i)
            } else {
                byPlace[Self.placeKey(row.facilityCode, row.vaccine), default: []].append(i)
            }
        }
        struct Found {
            var shotID: String
            var facility: String
            var namesComplainant: Bool
        }
        var found = [[Found]](repeating: [], count: rows.count)
        let digest = try ShotFieldsReader.scan(path: shotsFile) { _, field in
            let shot = field(0)
            if let named = byShot[shot] {
                for i in named { found[i].append(Found(shotID: shot, facility: field(7), namesComplainant: true)) }
            }
            guard !byPlace.isEmpty, let described = byPlace[Self.placeKey(field(7), field(8))],
                let date = PartialDate.parse(field(10)), date.precision == .day
            else { return }
            let day = CivilDate(year: date.year, month: date.month!, day: date.day!).dayNumber
            let dose = Int(field(9))
            for i in described {
                let row = rows[i]
                guard let wanted = row.vaccinatedOn, abs(wanted - day) <= 1,
                    row.doseNumber == nil || row.doseNumber == dose
                else { continue }
                let names =
                    field(1) == row.citizenID.description
                    || Self.sameFamilyAndGivenName(foldName(field(2)), registeredNames[i])
                found[i].append(Found(shotID: shot, facility: field(7), namesComplainant: names))
            }
        }
        // spec: ledger-format.md "Complaint entries": the shots file is the run's.
        guard digest == recordedShots else {
            throw VaxError(
                .badInput,
                "this is not the run's shots file: its SHA-256 is \(digest.hex), the ledger names \(recordedShots.hex); "
                    + "nothing recorded", file: shotsFile)
        }

        // 3. Which found shots each complaint concerns, by their effective decisions.
        let people = try reader.personDecisions()
        let decisions = try reader.decisions(ofShots: found.lazy.flatMap { $0.map(\.shotID) })
        var records: [ComplaintRecord] = []
        for (i, row) in rows.enumerated() {
            func reportBack(_ code: String, _ message: String) {
                result.reportedBack.append(
                    RowIssue(
                        line: row.line, key: row.complaintID, code: code, message: message, column: "shot_id",
                        rawSHA256: fileDigest))
            }
            var concerned: [(seq: Int, found: Found)] = []
            var onRecord = 0
            var seen = Set<Int>()
            for f in found[i] {
                // A shot_id the run rejected has no decision; a duplicate row of it (a reject
                // too) names the same decision once.
                guard let (seq, machine) = decisions[f.shotID], seen.insert(seq).inserted else { continue }
                let effective = people.effective(machine, seq: seq)
                let mine = effective.outcome.isLink && effective.citizenID == row.citizenID
                switch row.kind {
                case .missing:
                    if mine {
                        onRecord += 1
                    } else if !effective.outcome.isLink || f.namesComplainant {
                        concerned.append((seq, f))
                    }
                case .wrong:
                    if mine { concerned.append((seq, f)) }
                }
            }
            if concerned.isEmpty {
                if row.kind == .missing && onRecord > 0 {
                    reportBack("already_on_record", "the shot is already linked to citizen \(row.citizenID)")
                } else if row.kind == .wrong && !found[i].isEmpty {
                    reportBack("not_on_record", "no shot it describes is linked to citizen \(row.citizenID)")
                } else {
                    reportBack(
                        "no_shot_found",
                        row.shotID.map { "the run has no decision for shot \($0)" }
                            ?? "no shot of the run fits the date (±1 day), site, vaccine and dose")
                }
                continue
            }
            if concerned.count > Self.maxShotsPerComplaint {
                reportBack(
                    "too_many_shots",
                    "\(concerned.count) shots fit the description (at most \(Self.maxShotsPerComplaint)); ask the citizen for the shot ID or the dose"
                )
                continue
            }
            concerned.sort { $0.seq < $1.seq }
            result.recorded += 1
            result.shotsByComplaint[row.complaintID] = concerned.map(\.found.shotID)
            for (seq, f) in concerned {
                records.append(
                    ComplaintRecord(
                        complaintID: row.complaintID, citizenID: row.citizenID, kind: row.kind, shotID: f.shotID,
                        concernsSeq: seq, facilityCode: f.facility, receivedAtEpoch: row.receivedAtEpoch,
                        receivedAt: row.receivedAt, text: row.text, fileSHA256: fileDigest, line: row.line))
            }
        }

        // 4. One signed batch.
        if !records.isEmpty {
            let key = try Ed25519PrivateKey(contentsOf: keyPath ?? ledgerPath + ".key")
            let writer = try LedgerWriter.reopen(path: ledgerPath, signingKey: key)
            try writer.appendComplaints(records)
            try writer.finish(checkpointOut: nil)
        }
        result.entries = records.count
        result.rejected.sort { $0.line < $1.line }
        var diagnostics = warnings.map { "vaxlink complaints import: warning: \($0)\n" }.joined()
        for issue in (result.rejected + result.reportedBack).sorted(by: { $0.line < $1.line }) {
            diagnostics += "vaxlink complaints import: \(complaintsPath):\(issue.line): \(issue.reason)\n"
        }
        result.report = WorkflowReport(
            output: "recorded \(result.recorded) complaints as \(records.count) complaint cases; "
                + "\(result.alreadyRecorded) already in the ledger; \(result.reportedBack.count) concern no shot "
                + "(reported back); \(result.rejected.count) rows rejected",
            diagnostics: diagnostics, foundProblem: !result.rejected.isEmpty || !result.reportedBack.isEmpty)
        return result
    }

    /// The site and vaccine as compared: trimmed, lowercased (desk staff and vaccinators type
    /// them differently).
    static func placeKey(_ facility: String, _ vaccine: String) -> String {
        facility.trimmingCharacters(in: .whitespaces).lowercased() + "\u{0}"
            + vaccine.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether two folded names have the same first (family) and last (given) word.
    static func sameFamilyAndGivenName(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: " ")
        let y = b.split(separator: " ")
        guard let xf = x.first, let xl = x.last, let yf = y.first, let yl = y.last else { return false }
        return xf == yf && xl == yl
    }
}
