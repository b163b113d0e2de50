import VaxCore
import VaxCrypto
import VaxLedger

/// The consistency-proof halves of `ledger prove --from` and `ledger check-proof`.
enum LedgerConsistencyProof {
    static func run(ledger path: String, from: String, out: String) throws -> Int32 {
        let older = try readTextFile(from, what: "checkpoint")
        let proof: ConsistencyProof
        do { proof = try ConsistencyProof.make(reader: LedgerReader(path: path), from: older) } catch let error
            as VaxError where error.kind == .problem
        {
            writeStderr("vaxlink ledger prove: \(path): NOT CONSISTENT: \(error.message)\n")
            return 1
        }
        let file = try OutputFile(path: out)
        try file.write(proof.text)
        try file.commit()
        print("wrote the consistency proof (\(proof.path.count) hashes) to \(out)")
        return 0
    }

    static func check(_ text: String, path: String, key: Ed25519PublicKey) -> Int32 {
        do {
            let (old, new) = try ConsistencyProof(text: text).check(key: key)
            print("proof holds: the checkpoint of \(new.treeSize) entries extends the one of \(old.treeSize)")
            return 0
        } catch let error as VaxError {
            writeStderr("vaxlink ledger check-proof: \(path): NOT PROVEN: \(error.message)\n")
            return 1
        } catch {
            writeStderr("vaxlink ledger check-proof: \(path): NOT PROVEN: \(error)\n")
            return 1
        }
    }
}
