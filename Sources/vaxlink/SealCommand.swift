import VaxWorkflows

/// `vaxlink seal`: N partition folders checked, merged and sealed into one run (`SealRun`).
enum SealCommand: Command {
    static let name = "seal"
    static let summary = "Merge the partitions of a partitioned run and sign a seal over them."
    static let help = """
        USAGE: vaxlink seal --out RUN [--key FILE] [--threads T] PART_DIR...

        Checks that the partition folders (vaxlink match --partition I/N --out PART_DIR) are
        one run: the same store, shots, model and key, partitions 0..N-1 each exactly once,
        each finished and each ledger verifying against its checkpoint. Refuses (exit 1)
        naming the partition and the reason otherwise. Writes into RUN the merged
        decisions.csv (byte-identical to a single run's), review.csv, rejects.csv,
        provinces.csv, summary.json and report.html, and RUN/seal: a signed note committing
        to every partition's checkpoint (docs/ledger-format.md "Seal"), with RUN/checkpoints/
        and RUN/seal.pub. Check it with 'vaxlink ledger verify --seal RUN/seal'.

        OPTIONS:
          --out RUN       the folder for the merged run
          --key FILE      the Ed25519 private key that signed the partitions' checkpoints
                          (default: partition 0's LEDGER.key)
          --threads T     threads for verifying the partition ledgers (default: all cores)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let out = try arguments.required("out")
        let key = try arguments.option("key")
        let threads = try arguments.threads()
        var folders: [String] = []
        while let folder = try? arguments.positional("PART_DIR") { folders.append(folder) }
        try arguments.finish()
        return emit(try SealRun(out: out, partFolders: folders, keyPath: key, threads: threads).run())
    }
}
