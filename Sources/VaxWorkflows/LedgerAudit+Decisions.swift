import VaxCore
import VaxInterchange
import VaxLedger

extension LedgerAudit {
    /// `vaxlink ledger export`: decisions.csv rebuilt from the ledger alone, in input order,
    /// with each shot's effective decision (a person's final review decision supersedes the
    /// machine's: `PersonDecisions.effective`). Without review entries it is byte-identical
    /// to the run's own (both go through `DecisionsWriter`). It does not verify the ledger first.
    /// - Throws: `VaxError(.badInput)` for a missing ledger; `.corruption` for a damaged one.
    /// - Complexity: O(entries).
    public static func export(path: String, out: String) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let reader = try LedgerReader(path: path)
        let csv = try DecisionsWriter(path: out)
        try reader.forEachEffectiveDecision { _, _, effective in try csv.write(effective) }
        try csv.commit()
        return WorkflowReport(output: "wrote \(csv.rowCount) decisions to \(out)")
    }

    /// `vaxlink ledger show`: the recorded decision for one shot, field by field, unverified.
    /// - Throws: `VaxError(.badInput)` for a missing ledger or a shot it holds no decision for.
    public static func show(path: String, shotID: String) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let reader = try LedgerReader(path: path)
        guard let seq = try reader.seq(ofShot: shotID), case .decision(let d)? = try reader.entry(seq: seq) else {
            throw VaxError(.badInput, "the ledger holds no decision for that shot", field: "shot")
        }
        return WorkflowReport(output: describe(d, seq: seq))
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
