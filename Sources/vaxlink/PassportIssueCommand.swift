import Foundation
import VaxWorkflows

/// `vaxlink passport issue`: EU Digital COVID Certificates for the citizens whose every shot is linked.
enum PassportIssueCommand: Command {
    static let name = "passport issue"
    static let summary = "Sign vaccine passports (EU DCC, HC1) for fully linked citizens; record them in the ledger."
    static let help = """
        USAGE: vaxlink passport issue --store STORE --ledger LEDGER --shots FILE --key KEY --cert CERT --out DIR
                                      [--ledger-key FILE] [--qr] [--valid-days N] [--limit N] [--batch-size N]
                                      [--renew] [--threads T] [--quiet] [--json]

        Issues one EU Digital COVID Certificate ("HC1:" + Base45(zlib(COSE_Sign1(CWT))), schema
        1.3.0) per citizen whose shots in a finished, verified run are all linked (verified,
        corrected or relinked), for the citizen's latest dose: dn counts all the citizen's
        linked doses in date order across products, sd is the first product's primary series
        (Janssen 1, Abdala 3, others 2) until it is complete and dn from then on (boosters,
        3/3), dt its date, vp/mp/ma the EU value-set codes of its vaccine (any name in use in
        Viet Nam: Pfizer, Comirnaty, Vero Cell, ...), co "VN", is "Ministry of Health of Viet
        Nam", ci a UVCI URN:UVCI:01:VN:<opaque>#<check>.
        Name and birth date come from the register (STORE), never from a shot: fn/gn in
        Vietnamese (family name the first word, a compound such as Tôn Thất, or an Ê Đê clan
        name written last), fnt/gnt in ICAO 9303 form (NGUYEN, BAO<DUY).

        A citizen is skipped, and listed in DIR/skipped.csv with the reason, when any shot in
        review names them as best candidate (review_pending), an unmatched shot recorded their
        citizen_id (unmatched_shot), a linked dose has no full date (undated_dose,
        no_vaccination_date), the series is implausible (dose_before_birth, dose_after_issue,
        dose_before_vaccines, doses_too_close: under 14 days apart), a dose rests on a link too
        weak for a document a border officer trusts (weak_evidence: no recorded ID supports it
        and the full birth date or a name part does not agree, or it contradicts the citizen's
        other doses), the latest dose has no known vaccine or dn would pass 9, or this
        ledger already records a passport for them (already_issued: issuing again never makes
        a second certificate). The signer certificate must be valid now and for 14 more days,
        of country VN, allow digitalSignature and vaccination certificates; passports never
        outlive it (exp is capped, with a warning).

        Every certificate is appended to LEDGER as a passport entry (UVCI, citizen, SHA-256 of
        the signed payload, the seqs of the link decisions it rests on) in sealed, signed
        batches after the run's decisions; 'vaxlink ledger verify' checks them.

        Writes into DIR:
          passports.csv   citizen_id, uvci, hc1 (ascending citizen_id), complete: it appears last
          skipped.csv     citizen_id, reason (code: sentence)
          checkpoint      the ledger's latest signed checkpoint, after the passports
          qr/             with --qr: one PNG QR code (level Q) per passport, named by its UVCI
          lost.csv        only if a resume finds passports in the ledger whose rows are gone
        DIR must not already hold a passports.csv (issued certificates are never overwritten).

        Resuming: while it runs, rows go to DIR/passports.csv.partial, each batch written and
        synced before its ledger batch commits, and DIR/passports.csv.start records where the
        ledger stood. If the run is interrupted (killed, power lost), run the same command
        into the same DIR: it keeps the rows whose UVCI and payload hash match a passport entry
        of the ledger, drops the rows of a batch that never committed (those citizens are
        issued again), issues the rest and renames the file to passports.csv. Do not issue
        from the same ledger into another DIR before that. A passport the ledger records for
        DIR without a row (the partial file was deleted) cannot be rebuilt: it is listed in
        DIR/lost.csv (citizen_id, uvci) and the run exits 1; revoke those UVCIs.

        The output does not depend on --threads: rows are in citizen order and UVCIs are a
        keyed hash of the signing key, the ledger and the citizen. Only the signatures differ
        from run to run (ECDSA and RSA-PSS signatures are randomized), so the hc1 texts do too.

        Exit 1 (nothing issued) if LEDGER does not verify or does not hold a decision for every
        shot of FILE; exit 1 after issuing if a resume found passports without rows (lost.csv);
        exit 2 if FILE or STORE is not what the ledger's run used, the key does not belong to
        CERT, or DIR holds an unfinished issue from another ledger or certificate.

        OPTIONS:
          --store STORE       the population store the run matched against
          --ledger LEDGER     the run's audit ledger
          --shots FILE        the run's shots.csv
          --key KEY           the passport signing key, PEM (PS256: RSA 2048+, ES256: P-256),
                              or a PKCS#11 URI of a key in a hardware module, e.g.
                              'pkcs11:token=DSC;object=passport?pin-value=1234' (or the PIN in
                              VAXLINK_PKCS11_PIN), used through OpenSSL's pkcs11 engine
                              (VAXLINK_PKCS11_ENGINE, default Debian's engines-3/pkcs11.so) and
                              the HSM's module (VAXLINK_PKCS11_MODULE, default SoftHSM 2's)
          --cert CERT         its signer certificate (PEM or DER); kid = SHA-256(DER)[0..<8]
          --out DIR           where the output files go
          --ledger-key FILE   the ledger's Ed25519 key (default LEDGER.key)
          --qr                also write DIR/qr/*.png
          --valid-days N      certificate lifetime in days (default 365; never beyond CERT's)
          --limit N           issue at most N certificates (in citizen order) into DIR, a wave;
                              a later run into another DIR issues the rest
          --batch-size N      certificates per ledger batch (default 16384)
          --renew             also issue to citizens this ledger already issued to: a new
                              certificate (new UVCI, this key, a new validity) whose passport
                              entry supersedes the earlier ones; revoke those with 'vaxlink
                              passport revocations --superseded' if the old key is withdrawn
          --threads T         signing threads (default: the number of cores)
          --quiet             no progress on stderr
          --json              print the summary as JSON on stdout
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        var session = PassportIssueSession(
            storePath: try arguments.required("store"), ledgerPath: try arguments.required("ledger"),
            shotsPath: try arguments.required("shots"), keyPath: try arguments.required("key"),
            certificatePath: try arguments.required("cert"), out: try arguments.required("out"))
        session.ledgerKeyPath = try arguments.option("ledger-key")
        session.writeQR = arguments.flag("qr")
        session.validDays = try arguments.integer("valid-days", default: 365, in: 1...3650)!
        session.limit = try arguments.integer("limit", default: Int.max, in: 1...Int.max)!
        session.batchSize = try arguments.integer("batch-size", default: 16_384, in: 1...1_000_000)!
        session.renew = arguments.flag("renew")
        // Test hook (environment VAXLINK_TEST_KILL_BEFORE_PASSPORT_BATCH=N): the process kills
        // itself with SIGKILL right before the ledger commit of its N-th passport batch, after
        // that batch's rows are on disk, as a crash at the worst instant would.
        if let killBefore = ProcessInfo.processInfo.environment["VAXLINK_TEST_KILL_BEFORE_PASSPORT_BATCH"]
            .flatMap({ Int($0) })
        {
            session.beforeLedgerCommit = { batch in if batch == killBefore { kill(getpid(), SIGKILL) } }
        }
        session.threads = try arguments.threads()
        session.quiet = arguments.flag("quiet")
        let json = arguments.flag("json")
        try arguments.finish()
        return emit(try session.issue(json: json))
    }
}
