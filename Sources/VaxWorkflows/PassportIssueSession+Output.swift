import VaxCore
import VaxPassport

extension PassportIssueSession.Result {
    /// Skip reasons in a fixed order for output.
    static let reasonOrder: [SkipReason] = SkipReason.allCases

    /// The lines `vaxlink passport issue` prints for an issue into `out` on `threads` threads.
    public func text(out: String, threads: Int) -> String {
        var lines = [
            "issued \(issued) passports (\(algorithm.rawValue)) in \(formatFixed(seconds, 2)) s; signing "
                + "\(formatRate(rate)) certificates/s on \(threads) threads",
            "skipped \(skippedTotal) citizens:",
        ]
        if deferred > 0 { lines.insert("left \(deferred) eligible citizens for a later wave (--limit)", at: 1) }
        if recovered > 0 || dropped > 0 || lost > 0 {
            lines.insert(
                "resumed: kept \(recovered) passports of the interrupted run, dropped \(dropped) rows of "
                    + "uncommitted batches" + (lost > 0 ? ", LOST \(lost) (see lost.csv)" : ""), at: 1)
        }
        for reason in Self.reasonOrder where skipped[reason, default: 0] > 0 {
            lines.append("  \(reason.rawValue.padding(to: 20)) \(skipped[reason]!)")
        }
        lines.append("ledger: \(ledgerEntries) entries; checkpoint \(checkpointPath)")
        lines.append("outputs in \(out)/ (passports.csv, skipped.csv, checkpoint)")
        return lines.joined(separator: "\n")
    }

    /// The summary as JSON, for `vaxlink passport issue --json`.
    public func json(out: String, threads: Int) -> String {
        JSONText.object([
            ("issued", .int(issued)),
            ("deferred", .int(deferred)),
            ("recovered", .int(recovered)),
            ("dropped", .int(dropped)),
            ("lost", .int(lost)),
            ("skipped", .object(Self.reasonOrder.map { ($0.rawValue, .int(skipped[$0, default: 0])) })),
            ("algorithm", .string(algorithm.rawValue)),
            ("threads", .int(threads)),
            ("sign_seconds", .double(signSeconds)),
            ("certificates_per_second", .double(rate)),
            ("wall_seconds", .double(seconds)),
            ("ledger_entries", .int(ledgerEntries)),
            ("checkpoint", .string(checkpointPath)),
            ("out", .string(out)),
        ]).render()
    }

    /// The whole report of `vaxlink passport issue` into `out`: the text or JSON, and, if a
    /// resume found passports without rows, the message naming lost.csv (a found problem).
    func report(out: String, threads: Int, json: Bool) -> WorkflowReport {
        var report = WorkflowReport(output: json ? self.json(out: out, threads: threads) : text(out: out, threads: threads))
        if lost > 0 {
            report.diagnostics =
                "vaxlink: \(lost) passports recorded in the ledger for \(out) have no row "
                + "(the in-progress file was deleted or damaged, or another DIR was issued into from this ledger "
                + "before this resume); their UVCIs are in "
                + "\(out)/lost.csv: revoke them\n"
            report.foundProblem = true
        }
        return report
    }
}

extension PassportIssueSession {
    /// `vaxlink passport issue`: runs the issue (`run()`) and returns what the command
    /// prints: the text or JSON summary, and a found problem if a resume found passports
    /// without rows (listed in lost.csv).
    /// - Throws: the errors of `run()`.
    public func issue(json: Bool) throws -> WorkflowReport {
        try run().report(out: out, threads: threads, json: json)
    }
}
