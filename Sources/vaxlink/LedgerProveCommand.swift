import VaxCore
import VaxLedger

/// `vaxlink ledger prove LEDGER --shot ID --out FILE`: an offline-checkable inclusion proof.
enum LedgerProveCommand: Command {
    static let name = "ledger prove"
    static let summary = "Write an inclusion proof for one shot's decision."
    static let help = """
        USAGE: vaxlink ledger prove LEDGER --shot SHOT_ID --out FILE [--force]

        Writes a proof that the shot's decision is in the tree that the ledger's latest
        signed checkpoint commits to: O(log n) hashes. Check it with
        'vaxlink ledger check-proof FILE --public-key KEY', without the ledger.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let shot = try arguments.required("shot")
        let out = try arguments.required("out")
        let path = try arguments.positional("LEDGER")
        try checkOutputs([out], inputs: [path], force: arguments.flag("force"))
        try arguments.finish()
        try requireExistingLedger(path)
        let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: shot)
        let file = try OutputFile(path: out)
        try file.write(proof.text)
        try file.commit()
        print("wrote the proof of entry \(proof.index) (\(proof.proven.path.count + (proof.evidence?.path.count ?? 0)) hashes) to \(out)")
        return 0
    }
}
