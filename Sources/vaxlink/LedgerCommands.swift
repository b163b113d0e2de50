import VaxWorkflows
import VaxCore

/// `vaxlink ledger verify`: recomputes every chain link, Merkle node, root and signature.
enum LedgerVerifyCommand: Command {
    static let name = "ledger verify"
    static let summary = "Verify a ledger's chain, Merkle tree and signed checkpoints."
    static let help = """
        USAGE: vaxlink ledger verify LEDGER [--checkpoint FILE] [--public-key FILE] [--json] [--threads T]
                                     [--witness KEY]... [--quorum K]
               vaxlink ledger verify --seal RUN/seal [--public-key FILE] [--json] [--threads T]

        Recomputes every entry's chain hash, every stored Merkle node, every checkpoint's
        root and head and every signature, in parallel. Exit 0 if all hold; exit 1 naming
        the first entry (sequence number and shot_id) that does not; exit 3 for a file
        SQLite cannot read.
          --checkpoint FILE   a checkpoint kept outside the ledger: the ledger must still
                              contain, unchanged, everything it covered
          --public-key FILE   the signer's PEM public key (default: trust the one in the header;
                              with --seal, RUN/seal.pub)
          --witness KEY       a witness key (name+id+key, as 'ledger witness' prints), repeatable:
                              its cosignatures are accepted on checkpoints
          --quorum K          at least K given witnesses must have cosigned the --checkpoint
          --threads T         threads (default: all cores); the report is the same for any T
          --seal RUN/seal     verify a sealed partitioned run: the seal's signature, then every
                              partition ledger it names against the checkpoint it commits to,
                              in parallel; fails naming the partition that is missing,
                              altered, truncated or replaced
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        _ = arguments.flag("quiet")
        let threads = try arguments.threads()
        let checkpointPath = try arguments.option("checkpoint")
        let keyPath = try arguments.option("public-key")
        if let seal = try arguments.option("seal") {
            try arguments.finish()
            return emit(try SealVerification.verify(sealPath: seal, publicKeyPath: keyPath, threads: threads, json: json))
        }
        var witnesses: [String] = []
        while let witness = try arguments.option("witness") { witnesses.append(witness) }
        let quorum = try arguments.integer("quorum", default: 0, in: 0...1000) ?? 0
        let path = try arguments.positional("LEDGER")
        try arguments.finish()
        return emit(try LedgerAudit.verify(path: path, publicKeyPath: keyPath, checkpointPath: checkpointPath,
                                           witnesses: witnesses, quorum: quorum, threads: threads, json: json))
    }
}

/// `vaxlink ledger show LEDGER --shot ID`: one shot's decision and evidence.
enum LedgerShowCommand: Command {
    static let name = "ledger show"
    static let summary = "Print the decision for one shot and its evidence."
    static let help = """
        USAGE: vaxlink ledger show LEDGER --shot SHOT_ID [--no-verify] [--threads T]

        Verifies the ledger as 'ledger verify' does (trusting the key it names), then prints
        the recorded decision for the shot, field by field. A ledger that does not verify is
        exit 1 and nothing is shown. --no-verify skips that (a large ledger takes a while)
        and says so on standard error and in the output.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let shot = try arguments.required("shot")
        let verifying = !arguments.flag("no-verify")
        let threads = try arguments.threads()
        let path = try arguments.positional("LEDGER")
        try arguments.finish()
        return emit(try LedgerAudit.show(path: path, shotID: shot, verifying: verifying, threads: threads))
    }
}

/// `vaxlink ledger export LEDGER --out decisions.csv`: decisions.csv from the ledger alone.
enum LedgerExportCommand: Command {
    static let name = "ledger export"
    static let summary = "Rebuild decisions.csv from a ledger."
    static let help = """
        USAGE: vaxlink ledger export LEDGER --out decisions.csv [--force] [--no-verify] [--threads T]

        Verifies the ledger as 'ledger verify' does (trusting the key it names), then writes
        decisions.csv (docs/interchange.md) from the ledger, in input order, with each shot's
        effective decision: where a person settled a shot ('vaxlink review import'), their
        decision (link, or not_registered as unmatched) replaces the machine's, and its
        evidence ends in review=<choice>;review_entry=<seq>; a deferred shot stays in review.
        Without review entries the file is byte-identical to the run's own decisions.csv.
        A ledger that does not verify is exit 1 and nothing is written. --no-verify skips
        the check and says so on standard error.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.required("out")
        let verifying = !arguments.flag("no-verify")
        let threads = try arguments.threads()
        let path = try arguments.positional("LEDGER")
        try checkOutputs([out], inputs: [path], force: arguments.flag("force"))
        try arguments.finish()
        return emit(try LedgerAudit.export(path: path, out: out, verifying: verifying, threads: threads))
    }
}

/// `vaxlink ledger prove LEDGER --shot ID --out FILE`: an offline-checkable inclusion proof.
enum LedgerProveCommand: Command {
    static let name = "ledger prove"
    static let summary = "Write an inclusion proof for one shot's decision."
    static let help = """
        USAGE: vaxlink ledger prove LEDGER --shot SHOT_ID --out FILE [--force]
               vaxlink ledger prove LEDGER --from CHECKPOINT --out FILE [--force]

        Writes a proof that the shot's decision is in the tree that the ledger's latest
        signed checkpoint commits to: O(log n) hashes. Check it with
        'vaxlink ledger check-proof FILE --public-key KEY', without the ledger.
        With --from, writes instead an RFC 6962 consistency proof that the latest checkpoint
        extends the older CHECKPOINT file (nothing it covered was changed); exit 1 if the
        ledger does not extend it.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let from = try arguments.option("from")
        let shot = from == nil ? try arguments.required("shot") : ""
        let out = try arguments.required("out")
        let path = try arguments.positional("LEDGER")
        try checkOutputs([out], inputs: [path] + (from.map { [$0] } ?? []), force: arguments.flag("force"))
        try arguments.finish()
        if let from { return emit(try LedgerAudit.proveConsistency(path: path, from: from, out: out)) }
        return emit(try LedgerAudit.prove(path: path, shotID: shot, out: out))
    }
}

/// `vaxlink ledger check-proof FILE --public-key KEY`: checks a proof offline.
enum LedgerCheckProofCommand: Command {
    static let name = "ledger check-proof"
    static let summary = "Check an inclusion proof offline, with the signer's public key."
    static let help = """
        USAGE: vaxlink ledger check-proof FILE --public-key KEY

        Checks the checkpoint's signature with KEY (PEM) and the path from the entry to the
        checkpoint's Merkle root; prints the proven decision. A consistency proof ('prove
        --from') is checked the same way: both checkpoints signed by KEY, the newer one
        extending the older. Exit 0 if it holds, 1 if not.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let keyPath = try arguments.required("public-key")
        let path = try arguments.positional("FILE")
        try arguments.finish()
        return emit(try LedgerAudit.checkProof(path: path, publicKeyPath: keyPath))
    }
}

/// `vaxlink ledger checkpoint LEDGER --out FILE`: the latest signed checkpoint, for auditors.
enum LedgerCheckpointCommand: Command {
    static let name = "ledger checkpoint"
    static let summary = "Write a verified ledger's latest signed checkpoint (the one to hand over)."
    static let help = """
        USAGE: vaxlink ledger checkpoint LEDGER --out FILE [--public-key FILE] [--checkpoint FILE]
                                         [--force] [--threads T]

        Verifies the whole ledger as 'ledger verify' does, then writes its latest signed
        checkpoint to FILE (mode 0644). Run it after the last writer ('match', every
        'passport issue') and hand FILE to auditors: RUN/checkpoint, which 'match' writes,
        does not cover the passport batches appended later. Exit 1, writing nothing, if the
        ledger does not verify.
          --public-key FILE   the signer's PEM public key (default: trust the one in the header)
          --checkpoint FILE   an earlier checkpoint the ledger must still contain
          --force             replace an existing FILE
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.required("out")
        let keyPath = try arguments.option("public-key")
        let held = try arguments.option("checkpoint")
        let threads = try arguments.threads()
        let path = try arguments.positional("LEDGER")
        try checkOutputs([out], inputs: [path] + [keyPath, held].compactMap { $0 }, force: arguments.flag("force"))
        try arguments.finish()
        return emit(try LedgerAudit.checkpoint(path: path, out: out, publicKeyPath: keyPath, heldCheckpointPath: held,
                                               threads: threads))
    }
}
