public import VaxCore
import VaxInterchange
public import VaxStorage

/// Turns population.csv into a population store: reads and validates every row
/// (VaxInterchange), then hands the accepted rows to the store builder (VaxStorage), which
/// sorts and writes. The one place where the two modules meet, so neither imports the other.
///
/// A register with rejected rows is not turned into a store, since a missing citizen
/// silently changes every decision; the rejects are returned for the operator.
public enum PopulationIngest {
    /// What a build did.
    public struct Result: Sendable {
        /// Nil when rows were rejected: no store is written from an incomplete register.
        public var summary: StoreBuildSummary?
        /// The rows of population.csv that were rejected, in file order.
        public var rejects: [RowIssue]
        /// Warnings about the input (e.g. ignored columns), for stderr.
        public var warnings: [String]
        /// Wall time of the whole build.
        public var seconds: Double
    }

    /// Builds the store at `store` from the register at `population`.
    /// - Parameters:
    ///   - shards: how many shard files (capped so that no shard is empty).
    ///   - threads: threads for writing shards.
    ///   - quiet: no progress on stderr.
    /// - Throws: `VaxError(.badInput)` for a bad header or a duplicate citizen_id;
    ///   `.environment` on I/O faults.
    /// - Complexity: O(n log n) in the register's rows; memory about 30 bytes a citizen.
    public static func build(population path: String, store out: String, shards: Int, threads: Int,
                             quiet: Bool = false) throws -> Result {
        let start = monotonicSeconds()
        let reader = try PopulationReader(path: path)
        // The folder the store goes in, made now: finding it missing only when the store is
        // written would come after reading the whole register (a minute at 100 M citizens).
        try makeDirectory(Sys.directory(of: out))
        let size = try InputFile(path: path).size()
        let builder = StoreBuilder(sourcePath: path, expectedRows: size / 60)
        var rejects: [RowIssue] = []
        let progress = ProgressReporter(stage: "store build: read \(path)", unit: "bytes", total: size, quiet: quiet)
        var lastOffset = 0
        // The next batch is parsed on a second thread while this one's names are interned:
        // the two cost about the same (a 10 M register: 5.5 s of reading on one thread).
        nonisolated(unsafe) let parser = reader  // used only by the read-ahead thread until `close`
        let batches = ReadAhead { () throws -> (batch: PopulationBatch, offset: Int)? in
            try parser.readBatch(maxRows: 1 << 16).map { ($0, parser.offset) }
        }
        defer { batches.close() }
        while let (batch, offset) = try batches.next() {
            rejects += batch.issues
            builder.addAll { add in
                for i in 0..<batch.count {
                    let record = RegisterRecord(
                        line: batch.lines[i], citizenID: batch.citizenIDs[i], legacyID: batch.legacyID(i),
                        birthDate: batch.birthDate(i), sex: batch.sex(i), provinceCode: batch.provinceCode(i))
                    batch.fullNames.withBytes(i) { add(record, $0) }
                }
            }
            progress.advance(by: offset - lastOffset)
            lastOffset = offset
        }
        batches.close()
        progress.finish()
        guard rejects.isEmpty else {
            return Result(summary: nil, rejects: rejects, warnings: reader.warnings, seconds: monotonicSeconds() - start)
        }
        let writing = ProgressReporter(
            stage: "store build: sort, index and write \(builder.count) citizens", unit: "citizens", quiet: quiet)
        let summary = try builder.write(to: out, shardCount: shards, threads: threads, sourceBytes: size)
        writing.advance(by: summary.rowCount)
        writing.finish()
        return Result(summary: summary, rejects: [], warnings: reader.warnings, seconds: monotonicSeconds() - start)
    }
}
