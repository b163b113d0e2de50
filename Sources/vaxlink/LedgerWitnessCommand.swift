import VaxWorkflows

/// `vaxlink ledger witness`: cosigns a checkpoint that extends the last one this witness cosigned.
enum LedgerWitnessCommand: Command {
    static let name = "ledger witness"
    static let summary = "Cosign a ledger checkpoint as a witness (C2SP tlog-cosignature/v1)."
    static let help = """
        USAGE: vaxlink ledger witness CHECKPOINT --state DIR --key KEY --name NAME --log-key PUB
                                      [--proof FILE] [--out FILE]

        Run by an auditor, a province or another ministry. Checks CHECKPOINT's signature by
        the ledger's public key PUB and that it extends the last checkpoint this witness
        cosigned for that ledger (kept in DIR): a consistency proof FILE from that one
        ('vaxlink ledger prove LEDGER --from OLD') is needed once the ledger grew. Then
        appends a cosignature with the current time under NAME with the Ed25519 key KEY
        (PEM, from 'vaxlink keygen'), writes the note to FILE (default: stdout) and prints
        the witness key auditors pass to 'ledger verify --witness'. Exit 1 if refused.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let state = try arguments.required("state")
        let keyPath = try arguments.required("key")
        let name = try arguments.required("name")
        let logKeyPath = try arguments.required("log-key")
        let proofPath = try arguments.option("proof")
        let out = try arguments.option("out")
        let path = try arguments.positional("CHECKPOINT")
        try arguments.finish()
        return emit(try LedgerAudit.witness(checkpointPath: path, state: state, keyPath: keyPath, name: name,
                                            logKeyPath: logKeyPath, proofPath: proofPath, out: out))
    }
}

/// `vaxlink ledger export-tiles LEDGER DIR`: the Merkle tree as C2SP tlog-tiles, for the public.
enum LedgerExportTilesCommand: Command {
    static let name = "ledger export-tiles"
    static let summary = "Write the ledger's hash tiles and checkpoint (C2SP tlog-tiles)."
    static let help = """
        USAGE: vaxlink ledger export-tiles LEDGER DIR

        Writes DIR/checkpoint (the latest signed checkpoint) and the hash tiles
        DIR/tile/<L>/<N>[.p/<W>] of the C2SP tlog-tiles layout, so that anyone can check
        inclusion and consistency proofs with existing tooling (for example Go's
        golang.org/x/mod/sumdb/tlog). No entry bundles: the entries are health data.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let path = try arguments.positional("LEDGER")
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        return emit(try LedgerAudit.exportTiles(path: path, directory: directory))
    }
}
