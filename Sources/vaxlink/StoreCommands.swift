import VaxCore
import VaxWorkflows

/// `vaxlink store info`.
enum StoreInfoCommand: Command {
    static let name = "store info"
    static let summary = "Show a population store's size, rows, shards, columns and content hash."
    static let help = """
        USAGE: vaxlink store info STORE [--json]

        Prints the store's row count, shard count, size on disk, the size of the
        population.csv it was built from and the compression ratio, the columns with
        their stored sizes and codecs, and the content hash (SHA-256 over the register's
        logical content, the same for any shard count; a run's ledger records it).

        OPTIONS:
          --json    one JSON object on stdout instead of text
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        let path = try arguments.positional("STORE")
        try arguments.finish()
        return emit(try StoreInspection.info(path: path, json: json))
    }
}

/// `vaxlink store lookup`.
enum StoreLookupCommand: Command {
    static let name = "store lookup"
    static let summary = "Print one citizen of a population store."
    static let help = """
        USAGE: vaxlink store lookup STORE CITIZEN_ID [--json]

        Prints the citizen with this 12-digit ID as registered: legacy ID, full name,
        birth date (at its registered precision), sex and province. Exits 1 when the
        store does not hold the ID, 2 when CITIZEN_ID is not 12 digits.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        let path = try arguments.positional("STORE")
        let text = try arguments.positional("CITIZEN_ID")
        try arguments.finish()
        return emit(try StoreInspection.lookup(path: path, citizenID: text, json: json))
    }
}

/// `vaxlink store build`.
enum StoreBuildCommand: Command {
    static let name = "store build"
    static let summary = "Build the population store from population.csv."
    static let help = """
        USAGE: vaxlink store build --population FILE --out STORE [--shards K] [--threads T] [--quiet]

        Reads the register extract (population.csv, docs/interchange.md), checks every row,
        and writes STORE: a directory of memory-mapped, checksummed, sharded columns with the
        name dictionaries and the lookup and blocking indexes (docs/store-format.md). The
        store appears only when complete; an existing STORE is replaced.

        A register with bad rows is not built (exit 1): the rejects are listed on stderr and
        written to STORE.rejects.csv, since a missing citizen changes every decision. A
        duplicate citizen_id stops the build naming both lines (exit 2), as does a bad header.

        OPTIONS:
          --population FILE  the register extract
          --out STORE        the store directory to write
          --shards K         shard files (default: 1; more are written in parallel, but every
                             key lookup of a match then reads and merges one run per shard)
          --threads T        threads for building (default: the number of cores)
          --quiet            no progress on stderr
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let population = try arguments.required("population")
        let out = try arguments.required("out")
        let threads = try arguments.threads()
        let shards = try arguments.integer("shards", default: StoreBuild.defaultShardCount, in: 1...256)!
        let quiet = arguments.flag("quiet")
        try arguments.finish()
        return emit(try StoreBuild.run(population: population, out: out, shards: shards, threads: threads, quiet: quiet))
    }
}
