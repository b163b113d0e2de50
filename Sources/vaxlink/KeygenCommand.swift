import VaxWorkflows

/// `vaxlink keygen --out NAME`: an Ed25519 key pair for signing ledger checkpoints.
enum KeygenCommand: Command {
    static let name = "keygen"
    static let summary = "Make an Ed25519 key pair for signing ledgers."
    static let help = """
        USAGE: vaxlink keygen --out NAME

        Writes NAME.key (PKCS#8 PEM private key, mode 0600) and NAME.pub (PEM public key).
        Refuses to overwrite existing files. Give NAME.pub to auditors.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let base = try arguments.required("out")
        try arguments.finish()
        return emit(try LedgerKeys.generate(base: base))
    }
}
