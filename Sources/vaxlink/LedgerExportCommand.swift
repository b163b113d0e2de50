import VaxCore
import VaxInterchange
import VaxLedger

/// `vaxlink ledger export LEDGER --out decisions.csv`: decisions.csv from the ledger alone.
enum LedgerExportCommand: Command {
    static let name = "ledger export"
    static let summary = "Rebuild decisions.csv from a ledger."
    static let help = """
        USAGE: vaxlink ledger export LEDGER --out decisions.csv [--force]

        Writes decisions.csv (spec/interchange.md) from the ledger's decisions, in input order.
        It does not verify the ledger first: run 'vaxlink ledger verify' for that.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.required("out")
        let path = try arguments.positional("LEDGER")
        try checkOutputs([out], inputs: [path], force: arguments.flag("force"))
        try arguments.finish()
        try requireExistingLedger(path)
        let reader = try LedgerReader(path: path)
        // spec: interchange.md "decisions.csv"; score as the matcher writes it (6 decimals).
        let csv = try CSVWriter(path: out, header: ["shot_id", "outcome", "citizen_id", "score", "corrections"])
        try reader.forEachDecision { d in
            csv.field(d.shotID)
            csv.field(d.outcome.name)
            csv.field(d.citizenID?.description ?? "")
            csv.field(formatFixed(d.score, 6))
            csv.field(d.corrections.text)
            try csv.endRow()
        }
        try csv.commit()
        print("wrote \(csv.rowCount) decisions to \(out)")
        return 0
    }
}
