import VaxCore
import VaxCrypto
import VaxLedger

extension LedgerAudit {
    /// `vaxlink ledger prove`: writes to `out` a proof, checkable without the ledger, that
    /// the shot's decision is in the tree the latest signed checkpoint commits to.
    /// - Throws: `VaxError(.badInput)` for a missing ledger or unknown shot; I/O faults.
    /// - Complexity: O(log entries) hashes.
    public static func prove(path: String, shotID: String, out: String) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let proof = try InclusionProof.make(reader: LedgerReader(path: path), shotID: shotID)
        let file = try OutputFile(path: out)
        try file.write(proof.text)
        try file.commit()
        return WorkflowReport(
            output: "wrote the proof of entry \(proof.index) (\(proof.proven.path.count + (proof.evidence?.path.count ?? 0)) hashes) to \(out)")
    }

    /// `vaxlink ledger check-proof`: checks a proof's checkpoint signature with the key and
    /// its path to the signed root; a proof that does not hold is a found problem.
    /// - Throws: `VaxError(.badInput)` for an unreadable key or proof file.
    public static func checkProof(path: String, publicKeyPath: String) throws -> WorkflowReport {
        let key = try Ed25519PublicKey(pem: readTextFile(publicKeyPath, what: "public key"))
        let text = try readTextFile(path, what: "proof")
        if ConsistencyProof.isConsistencyProof(text) { return checkConsistency(text, path: path, key: key) }
        let proof: InclusionProof
        let entry: LedgerEntry
        do {
            proof = try InclusionProof(text: text)
            entry = try proof.check(key: key)
        } catch let error as VaxError where error.kind == .problem {
            return WorkflowReport(diagnostics: "vaxlink ledger check-proof: \(path): NOT PROVEN: \(error.message)\n",
                                  foundProblem: true)
        }
        var lines = ["proof holds: entry \(proof.index) is in the signed tree"]
        if case .decision(let d) = entry { lines.append(describe(d, seq: proof.index)) }
        return WorkflowReport(output: lines.joined(separator: "\n"))
    }
}
