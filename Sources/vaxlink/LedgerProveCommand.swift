import VaxCore
import VaxLedger

/// `vaxlink ledger prove LEDGER --shot ID --out FILE`: an offline-checkable inclusion proof.
enum LedgerProveCommand: Command {
    static let name = "ledger prove"
    static let summary = "Write an inclusion proof for one shot's decision."
    static let help = """
        USAGE: vaxlink ledger prove LEDGER --shot SHOT_ID --out FILE
               vaxlink ledger prove LEDGER --from CHECKPOINT --out FILE

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
        try arguments.finish()
        try requireExistingLedger(path)
        if let from { return try LedgerConsistencyProof.run(ledger: path, from: from, out: out) }
        let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: shot)
        let file = try OutputFile(path: out)
        try file.write(proof.text)
        try file.commit()
        print("wrote the proof of entry \(proof.index) (\(proof.proven.path.count + (proof.evidence?.path.count ?? 0)) hashes) to \(out)")
        return 0
    }
}
