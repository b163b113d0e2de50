import Foundation
import VaxCore
import VaxInterchange
import VaxStorage
import VaxWorkflows

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
        let store = try PopulationStore.open(path)
        let columns = store.columnSummary()
        let ratio = store.sourceBytes > 0 ? Double(store.byteCount) / Double(store.sourceBytes) : 0
        if json {
            let object: [String: Any] = [
                "path": path, "rows": store.rowCount, "shards": store.shardCount, "bytes": store.byteCount,
                "source_bytes": store.sourceBytes, "size_ratio": ratio, "content_hash": store.contentHash.hex,
                "columns": columns.map { ["name": $0.name, "stored_bytes": $0.storedBytes, "raw_bytes": $0.rawBytes, "codec": $0.codec] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return 0
        }
        print("store:         \(path)")
        print("rows:          \(store.rowCount)")
        print("shards:        \(store.shardCount)")
        print("size:          \(store.byteCount) bytes (\(formatFixed(Double(store.byteCount) / Double(max(store.rowCount, 1)), 1)) bytes a citizen)")
        if store.sourceBytes > 0 {
            print("source:        \(store.sourceBytes) bytes of population.csv; store is \(formatFixed(ratio * 100, 1)) % of it")
        }
        print("content hash:  \(store.contentHash.hex)")
        print("columns:")
        for c in columns {
            let name = c.name.padding(to: 34)
            print("  \(name)\(String(c.storedBytes).padding(to: 12)) bytes  \(c.codec)")
        }
        return 0
    }
}

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
        guard let id = CitizenID(text) else {
            throw VaxError(.usage, "CITIZEN_ID must be exactly 12 digits")
        }
        let store = try PopulationStore.open(path)
        guard let row = store.row(of: id) else {
            writeStderr("vaxlink store lookup: no citizen with that ID in \(path)\n")
            return 1
        }
        let r = try store.record(row)
        let legacy = r.legacyID.map { String(repeating: "0", count: 9 - String($0).count) + String($0) } ?? ""
        let province = Province.withCode(r.provinceCode)
        if json {
            let object: [String: Any] = [
                "citizen_id": r.citizenID.description, "legacy_id": legacy, "full_name": r.fullName,
                "birth_date": r.birthDate.description, "sex": r.sex.code, "province_code": province?.codeText ?? "\(r.provinceCode)",
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("citizen_id:    \(r.citizenID)")
            print("legacy_id:     \(legacy)")
            print("full_name:     \(r.fullName)")
            print("birth_date:    \(r.birthDate.description)")
            print("sex:           \(r.sex.code)")
            print("province_code: \(province?.codeText ?? "\(r.provinceCode)") (\(province?.name ?? "?"))")
        }
        return 0
    }
}

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
          --shards K         shard files (default: the number of cores)
          --threads T        threads for writing shards (default: the number of cores)
          --quiet            no progress on stderr
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let population = try arguments.required("population")
        let out = try arguments.required("out")
        let threads = try arguments.threads()
        let shards = try arguments.integer("shards", default: processorCount, in: 1...256)!
        let quiet = arguments.flag("quiet")
        try arguments.finish()
        let result = try PopulationIngest.build(population: population, store: out, shards: shards, threads: threads, quiet: quiet)
        for warning in result.warnings { writeStderr("vaxlink store build: warning: \(warning)\n") }
        guard let summary = result.summary else {
            let rejectsPath = out + ".rejects.csv"
            let writer = try RejectsWriter(path: rejectsPath)
            for issue in result.rejects { try writer.write(issue) }
            try writer.commit()
            for issue in result.rejects.prefix(20) {
                writeStderr("\(population):\(issue.line): \(issue.reason)\n")
            }
            if result.rejects.count > 20 { writeStderr("... and \(result.rejects.count - 20) more\n") }
            writeStderr("vaxlink store build: \(result.rejects.count) bad rows in \(population); all listed in \(rejectsPath); no store written\n")
            return 1
        }
        let rate = Double(summary.rowCount) / max(result.seconds, 1e-9)
        print("built \(out): \(summary.rowCount) citizens in \(summary.shardCount) shards, \(summary.bytesWritten) bytes, "
            + "\(formatFixed(result.seconds, 2)) s (\(formatRate(rate)) citizens/s)")
        print("content hash: \(summary.contentHash.hex)")
        return 0
    }
}
