import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// What auditors do with a ledger: verify it, show one decision, export decisions.csv, and
/// prove or check one decision's inclusion. None of them writes to the ledger.
public enum LedgerAudit {
    /// `vaxlink ledger verify`: recomputes every chain link, Merkle node, root and signature.
    /// A ledger that does not verify is a found problem, named on standard error.
    /// - Parameters:
    ///   - publicKeyPath: the signer's PEM public key; nil trusts the one in the header.
    ///   - checkpointPath: a checkpoint kept outside the ledger, which the ledger must still contain.
    ///   - witnesses: witness verifier keys (`name+id+key`) whose cosignatures are accepted.
    ///   - quorum: how many of `witnesses` must have cosigned the held checkpoint.
    /// - Throws: `VaxError(.badInput)` for a missing ledger, key or checkpoint; `.environment`
    ///   or `.corruption` for a file SQLite cannot read.
    /// - Complexity: O(entries), on `threads` threads.
    public static func verify(path: String, publicKeyPath: String?, checkpointPath: String?,
                              witnesses witnessKeys: [String] = [], quorum: Int = 0, threads: Int,
                              json: Bool) throws -> WorkflowReport {
        try requireExistingLedger(path)
        let witnesses = try witnessKeys.map { try WitnessKey(verifierKey: $0) }
        let key = try publicKeyPath.map { try Ed25519PublicKey(pem: readTextFile($0, what: "public key")) }
        let held = try checkpointPath.map { try readTextFile($0, what: "checkpoint") }
        let start = Date()
        let report = try LedgerVerifier.verify(
            path: path, publicKey: key, heldCheckpoint: held, witnesses: witnesses, quorum: quorum, threads: threads)
        let seconds = Date().timeIntervalSince(start)
        var output: String?
        if json {
            var fields = [
                "\"valid\":\(report.isValid)", "\"entries\":\(report.treeSize)", "\"batches\":\(report.batches)",
                "\"seconds\":\(formatFixed(seconds, 3))",
                "\"trust\":\"\(report.trust.code)\"", "\"trust_note\":\(JSONText.quote(report.trust.statement))",
            ]
            if let head = report.chainHead { fields.append("\"chain_head\":\"\(head.hex)\"") }
            if let root = report.root { fields.append("\"root\":\"\(root.hex)\"") }
            if let failure = report.failure {
                fields.append(
                    "\"failure\":{\"seq\":\(failure.seq.map(String.init) ?? "null"),"
                        + "\"message\":\(JSONText.quote(failure.description))}")
            }
            output = "{" + fields.joined(separator: ",") + "}"
        }
        if let failure = report.failure {
            return WorkflowReport(output: output, diagnostics: "vaxlink ledger verify: \(path): NOT VERIFIED: \(failure)\n",
                                  foundProblem: true)
        }
        if !json {
            let rate = seconds > 0 ? Double(report.treeSize) / seconds : 0
            output = "ledger verified: \(report.treeSize) entries in \(report.batches) batches "
                + "(\(formatRate(rate)) entries/s)\(held == nil ? "" : ", contains the held checkpoint")\n"
                + "chain head \(report.chainHead!.hex)\n"
                + "merkle root \(report.root!.hex)\n"
                + "trust: \(report.trust.statement)"
        }
        return WorkflowReport(output: output)
    }
}
