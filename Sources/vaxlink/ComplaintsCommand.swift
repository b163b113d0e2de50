import VaxCore
import VaxWorkflows

/// `vaxlink complaints import`.
enum ComplaintsImportCommand: Command {
    static let name = "complaints import"
    static let summary = "Record citizens' complaints as complaint cases for the sites concerned."
    static let help = """
        USAGE: vaxlink complaints import --ledger LEDGER --store STORE --complaints FILE
                                         [--shots FILE] [--key FILE]

        Reads FILE, citizens' complaints as the desk took them (complaints.csv,
        docs/interchange.md): the citizen's ID as verified at the desk, and the shot they say
        is missing from their record (kind missing) or on it and not theirs (kind wrong),
        named by shot_id or described by vaccinated_on, facility_code, vaccine and dose_number.
        Each complaint is matched against the run's shots (the shots file LEDGER names; any
        other file is refused): by shot_id, or by the date within a day, the site, the vaccine
        and the dose if given. The shots it may concern are, for missing, the ones unmatched,
        in review, or linked to someone else (a described shot linked to someone else only
        when the record as typed names the complainant), for wrong, the ones linked to the
        complainant. Each becomes a complaint entry in LEDGER (docs/ledger-format.md
        "Complaint entries"), in one batch with its own signed checkpoint, and a complaint
        case on its site's next 'review export' page with its own 48-hour clock from
        received_at; the decision on it comes back through 'review import' and may withdraw
        the machine's link ('passport revocations' then lists the passports resting on it).

        A complaint already in LEDGER (same complaint_id) is skipped: importing a file again
        changes nothing. Rows that do not read, or name a citizen not in STORE, are rejected;
        a complaint that concerns no shot (no_shot_found, already_on_record, not_on_record,
        too_many_shots) is reported back. Both are listed on stderr with file, line and reason
        (exit 1); the others are recorded. A shots file that is not the run's: exit 2, nothing
        recorded.

        OPTIONS:
          --ledger LEDGER      the run's ledger
          --store STORE        the population store of the run (the complainants must be in it)
          --complaints FILE    complaints.csv
          --shots FILE         the run's shots.csv (default: shots.csv beside LEDGER)
          --key FILE           the ledger's signing key (default LEDGER.key)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var job = ComplaintsImport(
            ledgerPath: try arguments.required("ledger"), storePath: try arguments.required("store"),
            complaintsPath: try arguments.required("complaints"))
        job.shotsPath = try arguments.option("shots")
        job.keyPath = try arguments.option("key")
        try arguments.finish()
        return emit(try job.run().report)
    }
}
