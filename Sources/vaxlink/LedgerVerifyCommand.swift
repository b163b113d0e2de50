import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// `vaxlink ledger verify`: recomputes every chain link, Merkle node, root and signature.
enum LedgerVerifyCommand: Command {
    static let name = "ledger verify"
    static let summary = "Verify a ledger's chain, Merkle tree and signed checkpoints."
    static let help = """
        USAGE: vaxlink ledger verify LEDGER [--checkpoint FILE] [--public-key FILE] [--json] [--threads T]
                                     [--witness KEY]... [--quorum K]

        Recomputes every entry's chain hash, every stored Merkle node, every checkpoint's
        root and head and every signature, in parallel. Exit 0 if all hold; exit 1 naming
        the first entry (sequence number and shot_id) that does not; exit 3 for a file
        SQLite cannot read.
          --checkpoint FILE   a checkpoint kept outside the ledger: the ledger must still
                              contain, unchanged, everything it covered
          --public-key FILE   the signer's PEM public key (default: trust the one in the header)
          --witness KEY       a witness key (name+id+key, as 'ledger witness' prints), repeatable:
                              its cosignatures are accepted on checkpoints
          --quorum K          at least K given witnesses must have cosigned the --checkpoint
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        _ = arguments.flag("quiet")
        let threads = try arguments.threads()
        let checkpointPath = try arguments.option("checkpoint")
        let keyPath = try arguments.option("public-key")
        var witnesses: [WitnessKey] = []
        while let witness = try arguments.option("witness") { witnesses.append(try WitnessKey(verifierKey: witness)) }
        let quorum = try arguments.integer("quorum", default: 0, in: 0...1000) ?? 0
        let path = try arguments.positional("LEDGER")
        try arguments.finish()
        try requireExistingLedger(path)
        let key = try keyPath.map { try Ed25519PublicKey(pem: readTextFile($0, what: "public key")) }
        let held = try checkpointPath.map { try readTextFile($0, what: "checkpoint") }
        let start = Date()
        let report = try LedgerVerifier.verify(
            path: path, publicKey: key, heldCheckpoint: held, witnesses: witnesses, quorum: quorum, threads: threads)
        let seconds = Date().timeIntervalSince(start)
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
            print("{" + fields.joined(separator: ",") + "}")
        }
        if let failure = report.failure {
            writeStderr("vaxlink ledger verify: \(path): NOT VERIFIED: \(failure)\n")
            return 1
        }
        if !json {
            let rate = seconds > 0 ? Double(report.treeSize) / seconds : 0
            print(
                "ledger verified: \(report.treeSize) entries in \(report.batches) batches "
                    + "(\(formatRate(rate)) entries/s)\(held == nil ? "" : ", contains the held checkpoint")")
            print("chain head \(report.chainHead!.hex)")
            print("merkle root \(report.root!.hex)")
            print("trust: \(report.trust.statement)")
        }
        return 0
    }
}
