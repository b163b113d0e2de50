public import VaxCore
import VaxInterchange
import VaxLedger

extension LedgerAudit {
    /// `vaxlink ledger export`: decisions.csv rebuilt from the ledger alone, in input order,
    /// with each shot's effective decision (a person's final review decision supersedes the
    /// machine's: `PersonDecisions.effective`). Without review entries it is byte-identical
    /// to the run's own (both go through `DecisionsWriter`).
    ///
    /// spec: issue 12 finding 7: the ledger is verified first (trusting the key it names; a
    /// ledger that does not verify is a found problem and nothing is written); with
    /// `verifying: false` it is not, and standard error says so.
    /// - Throws: `VaxError(.badInput)` for a missing ledger; `.corruption` for a damaged one.
    /// - Complexity: O(entries).
    public static func export(path: String, out: String, verifying: Bool = true, threads: Int = processorCount) throws -> WorkflowReport {
        try requireExistingLedger(path)
        if let refusal = try verifyFirst(path: path, verifying: verifying, threads: threads, command: "export") { return refusal }
        let reader = try LedgerReader(path: path)
        let csv = try DecisionsWriter(path: out)
        try reader.forEachEffectiveDecision { _, _, effective in try csv.write(effective) }
        try csv.commit()
        return WorkflowReport(output: "wrote \(csv.rowCount) decisions to \(out)",
                              diagnostics: verifying ? "" : notVerifiedWarning("export", path))
    }

    /// `vaxlink ledger show`: the recorded decision for one shot, field by field, after
    /// verifying the ledger (or, with `verifying: false`, saying loudly that it did not).
    /// - Throws: `VaxError(.badInput)` for a missing ledger or a shot it holds no decision for.
    /// - Complexity: O(entries) to verify; O(log entries) to look up.
    public static func show(path: String, shotID: String, verifying: Bool = true, threads: Int = processorCount) throws -> WorkflowReport {
        try requireExistingLedger(path)
        if let refusal = try verifyFirst(path: path, verifying: verifying, threads: threads, command: "show") { return refusal }
        let reader = try LedgerReader(path: path)
        guard let seq = try reader.seq(ofShot: shotID), case .decision(let d)? = try reader.entry(seq: seq) else {
            throw VaxError(.badInput, "the ledger holds no decision for that shot", field: "shot")
        }
        return WorkflowReport(output: describe(d, seq: seq) + "\nverified     \(verifying ? "yes (integrity, against the key the ledger names)" : "NO")",
                              diagnostics: verifying ? "" : notVerifiedWarning("show", path))
    }

    /// Verifies the ledger before a read command trusts it: nil if it verifies (or
    /// `verifying` is false), else the found-problem report that stops the command.
    static func verifyFirst(path: String, verifying: Bool, threads: Int, command: String) throws -> WorkflowReport? {
        guard verifying else { return nil }
        let report = try LedgerVerifier.verify(path: path, threads: threads)
        guard let failure = report.failure else { return nil }
        return WorkflowReport(diagnostics: "vaxlink ledger \(command): \(path): NOT VERIFIED: \(failure); nothing \(command == "export" ? "exported" : "shown")\n",
                              foundProblem: true)
    }

    static func notVerifiedWarning(_ command: String, _ path: String) -> String {
        "vaxlink ledger \(command): WARNING: \(path) was NOT verified (--no-verify): what it holds may have been "
            + "altered; run 'vaxlink ledger verify' before relying on it\n"
    }

    /// A decision as `key value` lines, for show and check-proof.
    static func describe(_ d: Decision, seq: Int) -> String {
        let province = d.provinceCode < 10 ? "0\(d.provinceCode)" : "\(d.provinceCode)"
        return """
            seq          \(seq)
            shot_id      \(d.shotID)
            line         \(d.line)
            province     \(province)
            outcome      \(d.outcome.name)
            citizen_id   \(d.citizenID?.description ?? "")
            score        \(formatFixed(d.score, 6))
            match_weight \(formatFixed(d.matchWeight, 6))
            corrections  \(d.corrections.text)
            evidence     \(d.evidence)
            raw_sha256   \(d.rawSHA256.hex)
            """
    }
}
