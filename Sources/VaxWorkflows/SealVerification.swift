import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// `vaxlink ledger verify --seal RUN/seal`: the seal's signature, then every partition it
/// names: its held checkpoint (RUN/checkpoints/I) hashes to the committed value and its
/// ledger verifies against it with exactly the committed entries, all partitions in parallel.
// spec: cli.md "Partitioned runs on a cluster"
public enum SealVerification {
    /// Verifies a seal and every partition ledger it names.
    /// - Parameters:
    ///   - sealPath: RUN/seal.
    ///   - publicKeyPath: the signer's PEM public key; nil is RUN/seal.pub beside the seal.
    /// - Returns: a report; `foundProblem` when the seal or a partition does not verify (exit 1).
    /// - Throws: `VaxError(.badInput)` for a missing seal or key.
    /// - Complexity: O(entries), the partitions on `threads` threads.
    public static func verify(sealPath: String, publicKeyPath: String?, threads: Int, json: Bool) throws -> WorkflowReport {
        let start = Date()
        let folder = sealPath.contains("/") ? String(sealPath[..<sealPath.lastIndex(of: "/")!]) : "."
        let key = try Ed25519PublicKey(pem: readTextFile(publicKeyPath ?? folder + "/seal.pub", what: "public key"))
        let text = try readTextFile(sealPath, what: "seal")
        func fail(_ message: String) -> WorkflowReport {
            WorkflowReport(output: json ? "{\"valid\":false,\"failure\":\(JSONText.quote(message))}" : nil,
                           diagnostics: "vaxlink ledger verify: \(sealPath): NOT VERIFIED: \(message)\n", foundProblem: true)
        }
        let seal: Seal
        do { seal = try Seal(text: text, key: key) } catch let e as VaxError { return fail(e.message) }
        var jobs: [(String, String)] = []
        for part in seal.parts {
            let path = folder + "/checkpoints/\(part.index)"
            guard let held = try? readTextFile(path, what: "checkpoint") else { return fail("partition \(part.index): its checkpoint \(path) is missing") }
            guard SHA256.hash(Array(held.utf8)) == part.checkpointSHA256 else {
                return fail("partition \(part.index): its checkpoint \(path) is not the one sealed")
            }
            guard let cp = try? Checkpoint(text: held, key: key), cp.treeSize == part.treeSize, cp.root == part.root else {
                return fail("partition \(part.index): its checkpoint does not verify or does not match the seal")
            }
            jobs.append((part.ledgerPath, held))
        }
        let failures = verifyLedgers(jobs, key: key, threads: threads, sizes: seal.parts.map(\.treeSize))
        if let i = failures.firstIndex(where: { $0 != nil }) { return fail("partition \(i) (\(seal.parts[i].ledgerPath)): \(failures[i]!)") }
        let entries = seal.parts.reduce(0) { $0 + $1.treeSize }
        let seconds = Date().timeIntervalSince(start)
        if json {
            return WorkflowReport(output: "{\"valid\":true,\"partitions\":\(seal.parts.count),\"entries\":\(entries),\"seconds\":\(formatFixed(seconds, 3))}")
        }
        return WorkflowReport(output: "seal verified: \(seal.parts.count) partitions, \(entries) entries in \(formatFixed(seconds, 2)) s; "
            + "every partition ledger verifies against the checkpoint the seal commits to")
    }

    /// Verifies each (ledger, held checkpoint) against `key`, in parallel; nil where it holds.
    /// With `sizes`, a ledger must hold exactly that many entries (not truncated, not extended).
    static func verifyLedgers(_ jobs: [(ledger: String, checkpoint: String)], key: Ed25519PublicKey, threads: Int,
                              sizes: [Int]? = nil) -> [String?] {
        let perLedger = max(1, threads / max(1, jobs.count))
        return mapChunks(jobs.indices.map { $0..<($0 + 1) }, threads: threads) { range -> String? in
            let (ledger, held) = jobs[range.lowerBound]
            guard FileManager.default.fileExists(atPath: ledger) else { return "its ledger \(ledger) is missing" }
            do {
                let report = try LedgerVerifier.verify(path: ledger, publicKey: key, heldCheckpoint: held, threads: perLedger)
                if let failure = report.failure { return "its ledger does not verify: \(failure)" }
                let expected = try sizes?[range.lowerBound] ?? Checkpoint(text: held, key: key).treeSize
                if report.treeSize != expected { return "its ledger holds \(report.treeSize) entries, the checkpoint \(expected)" }
                return nil
            } catch {
                return "its ledger cannot be read: \(error)"
            }
        }
    }
}
