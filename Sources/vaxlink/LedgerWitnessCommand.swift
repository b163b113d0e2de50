import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// `vaxlink ledger witness`: cosigns a checkpoint that extends the last one this witness cosigned.
enum LedgerWitnessCommand: Command {
    static let name = "ledger witness"
    static let summary = "Cosign a ledger checkpoint as a witness (C2SP tlog-cosignature/v1)."
    static let help = """
        USAGE: vaxlink ledger witness CHECKPOINT --state DIR --key KEY --name NAME --log-key PUB
                                      [--proof FILE] [--out FILE]

        Run by an auditor, a province or another ministry. Checks CHECKPOINT's signature by
        the ledger's public key PUB and that it extends the last checkpoint this witness
        cosigned for that ledger (kept in DIR): a consistency proof FILE from that one
        ('vaxlink ledger prove LEDGER --from OLD') is needed once the ledger grew. Then
        appends a cosignature with the current time under NAME with the Ed25519 key KEY
        (PEM, from 'vaxlink keygen'), writes the note to FILE (default: stdout) and prints
        the witness key auditors pass to 'ledger verify --witness'. Exit 1 if refused.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let state = try arguments.required("state")
        let keyPath = try arguments.required("key")
        let name = try arguments.required("name")
        let logKeyPath = try arguments.required("log-key")
        let proofPath = try arguments.option("proof")
        let out = try arguments.option("out")
        let path = try arguments.positional("CHECKPOINT")
        try arguments.finish()
        let key = try Ed25519PrivateKey(pem: readTextFile(keyPath, what: "witness key"))
        let logKey = try Ed25519PublicKey(pem: readTextFile(logKeyPath, what: "ledger public key"))
        let witness = try Witness(name: name, privateKey: key, stateDirectory: state)
        let cosigned: String
        do {
            let proof = try proofPath.map { try ConsistencyProof(text: readTextFile($0, what: "consistency proof")) }
            cosigned = try witness.cosign(
                checkpointText: readTextFile(path, what: "checkpoint"), logKey: logKey, proof: proof,
                timestamp: UInt64(Date().timeIntervalSince1970))
        } catch let error as VaxError where error.kind == .problem {
            writeStderr("vaxlink ledger witness: \(path): REFUSED: \(error.message)\n")
            return 1
        }
        if let out {
            let file = try OutputFile(path: out)
            try file.write(cosigned)
            try file.commit()
        } else {
            print(cosigned, terminator: "")
        }
        writeStderr("witness key \(witness.key.verifierKey)\n")
        return 0
    }
}
