import VaxCore
import VaxCrypto
import VaxLedger

/// `vaxlink ledger check-proof FILE --public-key KEY`: checks a proof offline.
enum LedgerCheckProofCommand: Command {
    static let name = "ledger check-proof"
    static let summary = "Check an inclusion proof offline, with the signer's public key."
    static let help = """
        USAGE: vaxlink ledger check-proof FILE --public-key KEY

        Checks the checkpoint's signature with KEY (PEM) and the path from the entry to the
        checkpoint's Merkle root; prints the proven decision. Exit 0 if it holds, 1 if not.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let keyPath = try arguments.required("public-key")
        let path = try arguments.positional("FILE")
        try arguments.finish()
        let key = try Ed25519PublicKey(pem: readTextFile(keyPath, what: "public key"))
        let text = try readTextFile(path, what: "proof")
        if ConsistencyProof.isConsistencyProof(text) { return LedgerConsistencyProof.check(text, path: path, key: key) }
        let proof: InclusionProof
        let entry: LedgerEntry
        do {
            proof = try InclusionProof(text: text)
            entry = try proof.check(key: key)
        } catch let error as VaxError where error.kind == .problem {
            writeStderr("vaxlink ledger check-proof: \(path): NOT PROVEN: \(error.message)\n")
            return 1
        }
        print("proof holds: entry \(proof.index) is in the signed tree")
        if case .decision(let d) = entry { print(describe(d, seq: proof.index)) }
        return 0
    }
}
