import VaxWorkflows

/// `vaxlink passport revocations`: the EU DCC revocation batch of a ledger's passports.
enum PassportRevocationsCommand: Command {
    static let name = "passport revocations"
    static let summary = "Export the passports to revoke (withdrawn links, superseded) as an EU DCC revocation batch."
    static let help = """
        USAGE: vaxlink passport revocations --ledger LEDGER --out FILE [--withdrawn FILE]
                                            [--superseded] [--valid-days N]

        Lists the passports recorded in LEDGER that rest on a withdrawn link decision (a
        link a person withdrew deciding a complaint, which LEDGER records, and the shot IDs
        in --withdrawn, one a line, '#' comments), current or superseded by a renewal, and with --superseded
        every passport a renewal ('passport issue --renew') superseded. Writes them to FILE as
        an EU DCC revocation batch: {"country": "VN", "expires": ..., "hashType": "UCI",
        "entries": [{"hash": ...}]}, each hash the first 128 bits of SHA-256 of the UVCI,
        Base64. The batch may be deleted after --valid-days (default 365: the longest
        passport lifetime issued by default).

        OPTIONS:
          --ledger LEDGER    the ledger the passports were issued from
          --out FILE         the revocation batch (JSON)
          --withdrawn FILE   more withdrawn shot IDs (beyond those LEDGER records)
          --superseded       also revoke every superseded passport
          --valid-days N     days until the batch expires (default 365)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let ledger = try arguments.required("ledger")
        let out = try arguments.required("out")
        let withdrawn = try arguments.option("withdrawn")
        let superseded = arguments.flag("superseded")
        let days = try arguments.integer("valid-days", default: 365, in: 1...3650)!
        try arguments.finish()
        return emit(
            try PassportRevocations.export(
                ledgerPath: ledger, withdrawnPath: withdrawn,
                includeSuperseded: superseded, out: out, validDays: days))
    }
}
