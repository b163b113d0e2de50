import Foundation
import VaxCore
import VaxWorkflows

/// `vaxlink match`: every shot decided against the store and ledgered (`MatchSession`).
enum MatchCommand: Command {
    static let name = "match"
    static let summary = "Decide every shot against the store and ledger each decision."
    static let help = """
        USAGE: vaxlink match --store STORE --shots FILE --ledger LEDGER --out DIR
                             (--key FILE | --demo-key) [--threads T] [--model FILE] [--batch-size N] [--quiet] [--json]
                             [--partition I/N | --partition auto [--partitions N]]

        Decides each shot of FILE (shots.csv) as verified, corrected, relinked, review or
        unmatched, appends every decision and every rejected row to LEDGER in input order
        with a signed checkpoint per batch, and writes into DIR:
          decisions.csv   one row per shot read (docs/interchange.md)
          review.csv      each shot in review with its candidates, scores and evidence,
                          grouped by province and vaccination site
          rejects.csv     rows that could not be read, with line and reason
          summary.json    counts per outcome and province, timings, the ledger head
          checkpoint      the latest signed checkpoint: give it to auditors
        Decisions do not depend on --threads. An interrupted run resumes when started again
        with the same arguments: batches already in the ledger are not appended twice.
        Changed inputs, store or model on resume are refused (exit 2).

        OPTIONS:
          --store STORE     the population store (vaxlink store build)
          --shots FILE      the shots to decide
          --ledger LEDGER   the audit ledger (SQLite) to create or resume
          --out DIR         where the output files go
          --threads T       worker threads (default: the number of cores)
          --model FILE      a match model file (vaxlink model estimate); default: the built-in model
          --key FILE        the Ed25519 private key that signs checkpoints (vaxlink keygen),
                            kept apart from the ledger: required, unless --demo-key
          --demo-key        for demos only: make (or reuse) LEDGER.key and LEDGER.pub beside
                            the ledger, where whoever can write the ledger can read the key
          --batch-size N    shots per batch, at most 4194304 (default: an eighth of the file's
                            rows, from 65536 to 1048576); one ledger transaction and checkpoint
                            each; a resumed run must use the size the ledger records
          --partition I/N   decide partition I of N only (0 <= I < N): the groups of doses that
                            share a phone or an ID whose hash falls in it; seal the N folders
                            with 'vaxlink seal'. Writes DIR/decisions.rows and DIR/partition too.
          --partition auto  I and N from a Slurm job array (SLURM_ARRAY_TASK_ID minus
                            SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) or a Kubernetes
                            Indexed Job (JOB_COMPLETION_INDEX, N from --partitions)
          --partitions N    the number of partitions (with auto)
          --quiet           no progress on stderr
          --json            print the summary as JSON on stdout
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let partitionText = try arguments.option("partition")
        let partitions = try arguments.integer("partitions", in: 1...(1 << 16))
        var session = MatchSession(
            storePath: try arguments.required("store"), shotsPath: try arguments.required("shots"),
            ledgerPath: try arguments.required("ledger"), out: try arguments.required("out"),
            threads: try arguments.threads(), modelPath: try arguments.option("model"), keyPath: try arguments.option("key"),
            batchSize: try arguments.integer("batch-size", in: 1...MatchSession.maxBatchSize),
            quiet: arguments.flag("quiet"))
        if let partitionText {
            session.partition = try PartitionChoice.resolve(partitionText, partitions: partitions,
                                                            environment: ProcessInfo.processInfo.environment)
        } else if partitions != nil {
            throw VaxError(.usage, "match: --partitions goes with --partition auto")
        }
        session.keyBesideLedger = arguments.flag("demo-key")
        let json = arguments.flag("json")
        try arguments.finish()
        let result = try session.run()
        print(json ? result.json : result.text)
        return ExitCode.success
    }
}
