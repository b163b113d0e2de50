import VaxCore
import VaxReport
import VaxWorkflows

/// `vaxlink review export`.
enum ReviewExportCommand: Command {
    static let name = "review export"
    static let summary = "Write offline review pages, one per vaccination site, for the shots in review."
    static let help = """
        USAGE: vaxlink review export --run DIR --store STORE --out REVIEW [--by facility|province]
                                     [--lang vi|en] [--shots FILE] [--decisions FILE...] [--ledger LEDGER]

        Writes REVIEW/review-PP-SITE.html, one self-contained page per vaccination site (or
        per province with --by province), and REVIEW/index.csv listing them. A page works
        from a USB stick in any browser with no server and no network: for each shot in
        review it shows the record as typed beside each candidate as registered, field by
        field with the differences marked, and the evidence in words. Staff choose a
        candidate, "not registered" or "defer" with a reason (keys: 1-9, n, d, u, j/k, s),
        see their progress against the 48-hour rule, and save review-decisions.csv
        (docs/interchange.md). Choices are kept in the browser until saved.
        Citizens' complaints recorded by 'complaints import' and not yet decided are on the
        page of the shot's site as complaint cases (whatever the shot's decision), with the
        complainant offered as a candidate and their own 48-hour clock.

        OPTIONS:
          --run DIR           a run folder holding review.csv (vaxlink match or run)
          --store STORE       the population store the run used (candidates as registered)
          --out REVIEW        the folder for the pages
          --by facility|province   one page per site (default) or per province
          --lang vi|en        the pages' language (default vi)
          --shots FILE        shots.csv, for the records as typed (default DIR/shots.csv if present)
          --decisions FILE... earlier review-decisions.csv files: deferred shots come back
                              with their reason; shots already decided are left out
          --ledger LEDGER     the run's ledger, for complaint cases (default: the ledger
                              DIR/summary.json names)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var export = ReviewExport(
            runDirectory: try arguments.required("run"), storePath: try arguments.required("store"),
            out: try arguments.required("out"))
        if let by = try arguments.option("by") {
            guard let grouping = ReviewExport.Grouping(rawValue: by) else {
                throw VaxError(.usage, "review export: --by must be facility or province, got '\(by)'")
            }
            export.grouping = grouping
        }
        if let lang = try arguments.option("lang") {
            guard let language = ReportLanguage(rawValue: lang) else {
                throw VaxError(.usage, "review export: --lang must be vi or en, got '\(lang)'")
            }
            export.language = language
        }
        export.shotsPath = try arguments.option("shots")
        export.decisionFiles = try arguments.list("decisions")
        export.ledgerPath = try arguments.option("ledger")
        try arguments.finish()
        return emit(try export.run().report)
    }
}

/// `vaxlink review sign`.
enum ReviewSignCommand: Command {
    static let name = "review sign"
    static let summary = "Sign a saved review-decisions.csv with the site's Ed25519 key."
    static let help = """
        USAGE: vaxlink review sign --key SITE.key --decisions FILE

        Checks every row of FILE (a review-decisions.csv saved by a review page) and writes
        FILE.sig, a detached Ed25519 signature over the file's SHA-256 (format in
        docs/interchange.md "Review signatures"). Make the site's key pair once with
        'vaxlink keygen --out SITE' and register SITE.pub with the ministry: 'review import
        --site-keys DIR' accepts only files signed by a key in DIR and records the signer.
        A file with a row that does not read is not signed (exit 2).

        OPTIONS:
          --key SITE.key     the site's private key (PEM, mode 0600)
          --decisions FILE   the saved review-decisions.csv
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let key = try arguments.required("key")
        let decisions = try arguments.required("decisions")
        try arguments.finish()
        return emit(try ReviewSignature.sign(decisions: decisions, keyPath: key))
    }
}

/// `vaxlink review import`.
enum ReviewImportCommand: Command {
    static let name = "review import"
    static let summary = "Append people's review decisions to the ledger as signed entries."
    static let help = """
        USAGE: vaxlink review import --ledger LEDGER --store STORE --decisions FILE...
                                     [--site-keys DIR] [--key FILE] [--out DIR [--lang vi|en]]

        Checks every row of each review-decisions.csv (docs/interchange.md): the row reads,
        its shot is in review in LEDGER or has an open complaint case, a linked citizen
        exists in STORE. A decision on a complaint case that does not keep the shot's link
        withdraws it (the ledger records it; 'passport revocations' lists the passports). Good rows are
        appended to LEDGER as review entries (docs/ledger-format.md "Review entries") in one
        batch with its own signed checkpoint. Importing the same file again changes nothing.
        A different decision for a shot a person already decided refuses the whole import
        (exit 2), naming both. Bad rows are listed with file, line and reason on stderr and
        the good rows are imported (exit 1).

        With --out DIR (the run's folder) the run's outputs are rewritten from the ledger's
        effective decisions (a person's decision supersedes the machine's): decisions.csv,
        review.csv (only the shots still open), provinces.csv, summary.json, checkpoint,
        review-progress.csv and report.html (per site: decided, deferred, open, and the
        oldest open case against the 48-hour rule).

        OPTIONS:
          --ledger LEDGER     the run's ledger
          --store STORE       the population store of the run
          --decisions FILE... saved review-decisions.csv files
          --site-keys DIR     registered site public keys (NAME.pub): every file must carry a
                              FILE.sig from 'vaxlink review sign' that verifies under one
          --key FILE          the ledger's signing key (default LEDGER.key)
          --out DIR           the run's folder, to rewrite its outputs from the ledger
          --lang vi|en        report.html's language with --out (default vi)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var job = ReviewImport(
            ledgerPath: try arguments.required("ledger"), storePath: try arguments.required("store"),
            decisionFiles: try arguments.list("decisions"))
        guard !job.decisionFiles.isEmpty else { throw VaxError(.usage, "review import: missing --decisions FILE...") }
        job.siteKeys = try arguments.option("site-keys")
        job.keyPath = try arguments.option("key")
        job.out = try arguments.option("out")
        if let lang = try arguments.option("lang") {
            guard let language = ReportLanguage(rawValue: lang) else {
                throw VaxError(.usage, "review import: --lang must be vi or en, got '\(lang)'")
            }
            job.language = language
        }
        try arguments.finish()
        return emit(try job.run().report)
    }
}
