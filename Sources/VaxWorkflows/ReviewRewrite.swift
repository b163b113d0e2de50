import Foundation
import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
import VaxMatching
import VaxReport

/// `review import --out DIR`: the run's outputs rewritten from the ledger once people's
/// decisions are in it (docs/cli.md "Review at the vaccination site").
///
/// - decisions.csv: every shot's effective decision (`LedgerReader.forEachEffectiveDecision`),
///   byte for byte what `ledger export` writes;
/// - review.csv: only the shots still open (no final review decision; deferred ones stay),
///   with its modification time kept, because it starts the cases' 48-hour clock;
/// - summary.json, provinces.csv: the run's counts with each settled shot moved from the
///   machine's outcome to the person's (rejects, histogram and timings as the run wrote them),
///   plus `review_progress` in summary.json;
/// - review-progress.csv and a table in report.html: per site, decided, deferred, open and the
///   oldest open case against 48 hours;
/// - checkpoint: the ledger's latest signed checkpoint; report.html names it.
struct ReviewRewrite {
    var ledgerPath: String
    var out: String
    var head: LedgerWriter.Head
    var publicKey: Ed25519PublicKey
    var language: ReportLanguage
    var now: Int64
    var threads: Int

    /// What the rewrite found.
    struct Result {
        var decisions = 0
        var changed = 0
        var openShots = 0
        var progress: ReviewProgress
        var seconds = 0.0
    }

    /// Rewrites the outputs.
    /// - Throws: `.badInput` if DIR lacks the run's summary.json or review.csv; ledger
    ///   errors; `.environment` for I/O faults.
    /// - Complexity: O(entries + review.csv).
    func run() throws -> Result {
        let clock = ContinuousClock.now
        try requireRegularFile(out + "/summary.json")
        try requireRegularFile(out + "/review.csv")
        var summary = MatchSummary()
        try SealMerge.add(summaryAt: out + "/summary.json", to: &summary)
        let extras = try Self.extraKeys(summaryPath: out + "/summary.json")

        // 1. decisions.csv, and the counts moved by people's decisions.
        let reader = try LedgerReader(path: ledgerPath)
        let people = try reader.personDecisions()
        let csv = try DecisionsWriter(path: out + "/decisions.csv")
        var changed = 0
        // The provinces of the shots complaints concern (the decision holds the province).
        var complaintProvince: [Int: Int] = [:]
        for (_, c) in people.complaints { complaintProvince[c.concernsSeq] = 0 }
        try reader.forEachEffectiveDecision { seq, machine, effective in
            try csv.write(effective)
            if complaintProvince[seq] != nil { complaintProvince[seq] = machine.provinceCode }
            guard people.isSettled(seq) else { return }
            changed += 1
            summary.national[machine.outcome] -= 1
            summary.national[effective.outcome] += 1
            summary.provinces[machine.provinceCode, default: OutcomeCounts()][machine.outcome] -= 1
            summary.provinces[machine.provinceCode, default: OutcomeCounts()][effective.outcome] += 1
            for field in machine.corrections.text.split(separator: ";") {
                summary.corrections[String(field), default: 0] -= 1
            }
            for field in effective.corrections.text.split(separator: ";") {
                summary.corrections[String(field), default: 0] += 1
            }
        }
        summary.corrections = summary.corrections.filter { $0.value != 0 }
        try csv.commit()

        // 2. review.csv: the open shots only, and the progress per site.
        var settled = Set<String>()
        var deferred = Set<String>()
        for (_, r) in people.final.values { settled.insert(r.shotID) }
        for (_, r) in people.deferred.values { deferred.insert(r.shotID) }
        let reviewPath = out + "/review.csv"
        let opened = Int64(
            ((try? FileManager.default.attributesOfItem(atPath: reviewPath)[.modificationDate]) as? Date)?
                .timeIntervalSince1970 ?? Double(now))
        var sites: [String: ReviewProgress.Site] = [:]
        var openShots = 0
        do {
            let file = try MappedFile(path: reviewPath)
            var lines = RowMerge.splitLines(file.bytes)
            guard !lines.isEmpty else { throw VaxError(.badInput, "review.csv has no header", file: reviewPath) }
            let output = try OutputFile(path: reviewPath)
            try output.write(Array(file.bytes[lines.removeFirst()]))
            var lastShot: String?
            for range in lines {
                let bytes = file.bytes[range]
                let fields = SealMerge.csvFields(Array(bytes))
                guard fields.count >= 4 else {
                    throw VaxError(.badInput, "a malformed review.csv row", file: reviewPath)
                }
                let shot = fields[0]
                if shot != lastShot {
                    // A shot's rows (one per candidate) are consecutive.
                    lastShot = shot
                    let province = Int(fields[2]) ?? 0
                    let key = "\(province)\u{0}\(fields[3])"
                    var site = sites[key] ?? ReviewProgress.Site(provinceCode: province, facilityCode: fields[3])
                    if settled.contains(shot) {
                        site.decided += 1
                    } else {
                        site.open += 1
                        openShots += 1
                        if deferred.contains(shot) { site.deferred += 1 }
                        site.oldestOpenedAt = min(site.oldestOpenedAt ?? opened, opened)
                    }
                    sites[key] = site
                }
                if !settled.contains(shot) { try output.write(Array(bytes)) }
            }
            try output.commit()
            try? FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: TimeInterval(opened))], ofItemAtPath: reviewPath)
        }
        // Complaint cases, one per complaint and shot, on the shot's site: decided once a final
        // review decision of the shot follows it, deferred when a defer does.
        for (seq, c) in people.complaints {
            let province = complaintProvince[c.concernsSeq] ?? 0
            let key = "\(province)\u{0}\(c.facilityCode)"
            var site = sites[key] ?? ReviewProgress.Site(provinceCode: province, facilityCode: c.facilityCode)
            let isOpen = people.isOpen(complaintSeq: seq, decision: c.concernsSeq)
            site.complaints.add(
                decided: !isOpen, deferred: isOpen && (people.deferred[c.concernsSeq]?.seq ?? -1) > seq,
                openedAt: c.receivedAtEpoch)
            sites[key] = site
        }
        let progress = ReviewProgress(sites: Array(sites.values), now: now)

        // 3. The reports.
        try ProvincesCSV.write(summary, path: out + "/provinces.csv")
        try progress.write(path: out + "/review-progress.csv")
        var extra = extras.filter { $0.0 != "review_progress" }.map { key, value -> (String, JSONText) in
            guard key == "ledger", case .object(let pairs) = value else { return (key, value) }
            // The ledger grew: its entries and chain head are the new head's.
            let old = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            return (
                key,
                .object([
                    ("path", old["path"] ?? .string(ledgerPath)), ("entries", .int(head.treeSize)),
                    ("chain_head", .string(head.chainHead.hex)), ("checkpoint", .string(out + "/checkpoint")),
                    ("public_key", old["public_key"] ?? .string(ledgerPath + ".pub")),
                ])
            )
        }
        extra.append(("review_progress", progress.json))
        try SummaryJSON.write(summary, extra: extra, path: out + "/summary.json")
        let checkpointFile = try OutputFile(path: out + "/checkpoint")
        try checkpointFile.write(head.checkpoint.text)
        try checkpointFile.commit()
        let report = try LedgerVerifier.verify(
            path: ledgerPath, publicKey: publicKey, heldCheckpoint: head.checkpoint.text, threads: threads)
        var context = ReportContext(
            title: language == .vi
                ? "Làm sạch dữ liệu tiêm chủng COVID-19: báo cáo kết quả sau rà soát"
                : "COVID-19 vaccination records cleansing: report after review",
            ledgerPath: ledgerPath, ledgerEntries: head.treeSize, chainHead: head.chainHead.hex,
            checkpointPath: out + "/checkpoint", checkpointText: head.checkpoint.text,
            publicKeyPath: ledgerPath + ".pub", verified: report.isValid, stages: [])
        context.reviewProgress = progress
        try OutputFile.write(
            Array(ReportPage.render(summary, context: context, language: language).utf8), to: out + "/report.html")
        return Result(
            decisions: csv.rowCount, changed: changed, openShots: openShots, progress: progress,
            seconds: Self.seconds(since: clock))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The top-level keys of summary.json that `SummaryJSON.make` does not write itself (the
    /// ledger head, input hashes, ...), in their order in the file.
    static func extraKeys(summaryPath: String) throws -> [(String, JSONText)] {
        let own: Set<String> = [
            "shots_read", "rejected", "outcomes", "provinces", "corrections", "linked_via_sibling_dose",
            "score_histogram", "batches", "seconds", "shots_per_second",
        ]
        guard let data = FileManager.default.contents(atPath: summaryPath),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw VaxError(.badInput, "not a summary.json", file: summaryPath) }
        let text = String(decoding: data, as: UTF8.self)
        func position(_ key: String) -> Int {
            guard let r = text.range(of: "\n  " + JSONText.quote(key) + ":") else { return Int.max }
            return text.distance(from: text.startIndex, to: r.lowerBound)
        }
        return object.keys.filter { !own.contains($0) }.sorted { position($0) < position($1) }
            .map { ($0, json(object[$0]!)) }
    }

    /// A JSONSerialization value as JSONText (objects keep their keys sorted).
    private static func json(_ value: Any) -> JSONText {
        switch value {
        case let s as String: return .string(s)
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if type == "c" || type == "B" { return .bool(n.boolValue) }
            return type == "d" || type == "f" ? .double(n.doubleValue) : .int(n.intValue)
        case let a as [Any]: return .array(a.map(json))
        case let o as [String: Any]: return .object(o.keys.sorted().map { ($0, json(o[$0]!)) })
        default: return .null
        }
    }
}
