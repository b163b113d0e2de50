public import VaxCore
import VaxInterchange

/// What `store build` did.
public struct RegisterImportResult: Sendable {
    /// Nil when rows were rejected: no store is written from an incomplete register.
    public var summary: StoreBuildSummary?
    public var rejects: [RowIssue]
    public var warnings: [String]
    public var seconds: Double
}

/// Builds a store from population.csv: reads and validates every row, then sorts and
/// writes. A register with rejected rows is not turned into a store, since a missing
/// citizen silently changes every decision; the rejects are returned for the operator.
public enum RegisterImport {
    public static func build(population path: String, store out: String, shards: Int, threads: Int,
                             quiet: Bool = false) throws -> RegisterImportResult {
        let start = monotonicSeconds()
        let reader = try PopulationReader(path: path)
        let size = try InputFile(path: path).size()
        let builder = StoreBuilder(sourcePath: path, expectedRows: size / 60)
        var rejects: [RowIssue] = []
        var batch = PopulationBatch()
        let progress = ProgressReporter(stage: "store build: read \(path)", unit: "bytes", total: size, quiet: quiet)
        var lastOffset = 0
        while try reader.readBatch(into: &batch, maxRows: 1 << 16) {
            rejects += batch.issues
            builder.add(batch)
            progress.advance(by: reader.offset - lastOffset)
            lastOffset = reader.offset
        }
        progress.finish()
        guard rejects.isEmpty else {
            return RegisterImportResult(summary: nil, rejects: rejects, warnings: reader.warnings, seconds: monotonicSeconds() - start)
        }
        let writing = ProgressReporter(stage: "store build: sort, index and write \(builder.count) citizens", unit: "citizens",
                                       quiet: quiet)
        let summary = try builder.write(to: out, shardCount: shards, threads: threads, sourceBytes: size)
        writing.advance(by: summary.rowCount)
        writing.finish()
        return RegisterImportResult(summary: summary, rejects: [], warnings: reader.warnings, seconds: monotonicSeconds() - start)
    }
}
