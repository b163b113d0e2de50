import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

extension LedgerAudit {
    /// `vaxlink ledger prove --from`: writes to `out` an RFC 6962 consistency proof that the
    /// ledger's latest checkpoint extends the older checkpoint file `from`; a ledger that
    /// does not extend it is a found problem.
    /// - Throws: `VaxError(.badInput)` for a missing ledger or unreadable checkpoint; I/O faults.
    /// - Complexity: O(log entries) hashes.
    public static func proveConsistency(path: String, from: String, out: String) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let older = try readTextFile(from, what: "checkpoint")
        let proof: ConsistencyProof
        do { proof = try ConsistencyProof.make(reader: LedgerReader(path: path), from: older) } catch let error
            as VaxError where error.kind == .problem
        {
            return WorkflowReport(diagnostics: "vaxlink ledger prove: \(path): NOT CONSISTENT: \(error.message)\n",
                                  foundProblem: true)
        }
        let file = try OutputFile(path: out)
        try file.write(proof.text)
        try file.commit()
        return WorkflowReport(output: "wrote the consistency proof (\(proof.path.count) hashes) to \(out)")
    }

    /// The consistency-proof half of `vaxlink ledger check-proof`.
    static func checkConsistency(_ text: String, path: String, key: Ed25519PublicKey) -> WorkflowReport {
        do {
            let (old, new) = try ConsistencyProof(text: text).check(key: key)
            return WorkflowReport(
                output: "proof holds: the checkpoint of \(new.treeSize) entries extends the one of \(old.treeSize)")
        } catch {
            let message = (error as? VaxError)?.message ?? "\(error)"
            return WorkflowReport(diagnostics: "vaxlink ledger check-proof: \(path): NOT PROVEN: \(message)\n",
                                  foundProblem: true)
        }
    }

    /// `vaxlink ledger witness`: checks the checkpoint file against the ledger key `logKeyPath`
    /// and against the last checkpoint this witness cosigned (kept in `state`), then adds a
    /// C2SP tlog-cosignature/v1 with the current time under `name`. The note goes to `out`,
    /// or to the report's output; the witness key for `ledger verify --witness` goes to the
    /// diagnostics. A refused checkpoint is a found problem.
    /// - Throws: `VaxError(.badInput)` for unreadable keys, proof or checkpoint; I/O faults.
    public static func witness(checkpointPath: String, state: String, keyPath: String, name: String,
                               logKeyPath: String, proofPath: String?, out: String?) throws -> WorkflowReport {
        let key = try Ed25519PrivateKey(contentsOf: keyPath)
        let logKey = try Ed25519PublicKey(pem: readTextFile(logKeyPath, what: "ledger public key"))
        let witness = try Witness(name: name, privateKey: key, stateDirectory: state)
        let cosigned: String
        do {
            let proof = try proofPath.map { try ConsistencyProof(text: readTextFile($0, what: "consistency proof")) }
            cosigned = try witness.cosign(
                checkpointText: readTextFile(checkpointPath, what: "checkpoint"), logKey: logKey, proof: proof,
                timestamp: UInt64(Date().timeIntervalSince1970))
        } catch let error as VaxError where error.kind == .problem {
            return WorkflowReport(diagnostics: "vaxlink ledger witness: \(checkpointPath): REFUSED: \(error.message)\n",
                                  foundProblem: true)
        }
        var output: String?
        if let out {
            let file = try OutputFile(path: out)
            try file.write(cosigned)
            try file.commit()
        } else {
            output = String(cosigned.dropLast(cosigned.hasSuffix("\n") ? 1 : 0))
        }
        return WorkflowReport(output: output, diagnostics: "witness key \(witness.key.verifierKey)\n")
    }

    /// `vaxlink ledger export-tiles`: the latest checkpoint and the C2SP tlog-tiles hash tiles
    /// in `directory`, with no entry bundles (the entries are health data).
    /// - Throws: `VaxError(.badInput)` for a missing ledger; I/O faults.
    public static func exportTiles(path: String, directory: String) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let summary = try TileExporter.export(reader: LedgerReader(path: path), to: directory)
        return WorkflowReport(
            output: "wrote \(summary.tiles) tiles for \(summary.treeSize) entries and the checkpoint to \(directory)")
    }
}
