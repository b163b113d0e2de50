import VaxCore
import VaxCrypto
import VaxLedger

extension LedgerAudit {
    /// `vaxlink ledger checkpoint`: the ledger's latest signed checkpoint, written to `out`
    /// once the whole ledger verifies, so that the checkpoint handed to auditors covers every
    /// batch, the passport batches appended after the run's own checkpoint included.
    ///
    /// spec: issue 13 finding 6: RUN/checkpoint, written by `match`, does not cover the
    /// passport batches that `passport issue` appends later; ops/RUNBOOK.md "Hand over"
    /// names this command as the checkpoint to hand over.
    /// - Parameters:
    ///   - publicKeyPath: the signer's PEM public key; nil trusts the one the ledger names.
    ///   - heldCheckpointPath: an earlier checkpoint the ledger must still contain.
    /// - Throws: `VaxError(.badInput)` for a missing ledger or key; `.corruption` or
    ///   `.environment` for a file SQLite cannot read.
    /// - Complexity: O(entries), on `threads` threads.
    public static func checkpoint(path: String, out: String, publicKeyPath: String?, heldCheckpointPath: String?,
                                  threads: Int) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let key = try publicKeyPath.map { try Ed25519PublicKey(pem: readTextFile($0, what: "public key")) }
        let held = try heldCheckpointPath.map { try readTextFile($0, what: "checkpoint") }
        let report = try LedgerVerifier.verify(path: path, publicKey: key, heldCheckpoint: held, threads: threads)
        if let failure = report.failure {
            return WorkflowReport(diagnostics: "vaxlink ledger checkpoint: \(path): NOT VERIFIED: \(failure); no checkpoint written\n",
                                  foundProblem: true)
        }
        guard let text = report.latestCheckpoint else {
            throw VaxError(.badInput, "the ledger holds no checkpoint yet", file: path)
        }
        let file = try OutputFile(path: out, mode: FileMode.shared)
        try file.write(text)
        try file.commit()
        return WorkflowReport(output: "wrote the latest checkpoint (\(report.treeSize) entries) to \(out)\n"
            + "trust: \(report.trust.statement)")
    }
}
