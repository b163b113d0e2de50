import VaxCore
import VaxLedger

/// `vaxlink ledger show LEDGER --shot ID`: one shot's decision and evidence.
enum LedgerShowCommand: Command {
    static let name = "ledger show"
    static let summary = "Print the decision for one shot and its evidence."
    static let help = """
        USAGE: vaxlink ledger show LEDGER --shot SHOT_ID

        Prints the recorded decision for the shot, field by field. It does not verify the
        ledger: run 'vaxlink ledger verify' or check a proof for that.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let shot = try arguments.required("shot")
        let path = try arguments.positional("LEDGER")
        try arguments.finish()
        try requireExistingLedger(path)
        let reader = try LedgerReader(path: path)
        guard let seq = try reader.seq(ofShot: shot), case .decision(let d)? = try reader.entry(seq: seq) else {
            throw VaxError(.badInput, "the ledger holds no decision for that shot", field: "shot")
        }
        print(describe(d, seq: seq))
        return 0
    }
}

/// A decision as `key value` lines, for show and check-proof.
func describe(_ d: Decision, seq: Int) -> String {
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
