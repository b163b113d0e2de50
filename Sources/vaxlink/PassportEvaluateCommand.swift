import VaxWorkflows

/// `vaxlink passport evaluate`: issued passports scored against a generated answer key.
enum PassportEvaluateCommand: Command {
    static let name = "passport evaluate"
    static let summary = "Score issued passports against a generated answer key (wrong-person passports)."
    static let help = """
        USAGE: vaxlink passport evaluate --passports FILE --ledger LEDGER --truth FILE [--json]

        Checks every passport of FILE (a passports.csv written by 'vaxlink passport issue')
        against truth.csv (written by 'vaxlink generate'): through LEDGER's passport entry for
        the row's UVCI it finds the link decisions the passport rests on, and counts the
        passport as wrong-person if any of those shots belongs, per the answer key, to
        someone else or to someone outside the register. It also counts passports whose
        holder has a dose in the key that the passport does not rest on (incomplete).

        OPTIONS:
          --passports FILE   passports.csv
          --ledger LEDGER    the ledger the passports were issued from
          --truth FILE       the generator's truth.csv
          --json             print the counts as JSON

        EXIT STATUS: 0 if no passport is wrong-person; 1 if any is; 2 for bad usage or input.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let passports = try arguments.required("passports")
        let ledger = try arguments.required("ledger")
        let truth = try arguments.required("truth")
        let json = arguments.flag("json")
        try arguments.finish()
        return emit(
            try PassportEvaluation.report(
                passportsPath: passports, ledgerPath: ledger, truthPath: truth,
                json: json))
    }
}
