import Foundation
import VaxCore
import VaxInterchange
import VaxStorage

/// Building the population store from population.csv, for `store build` and the whole run.
public enum StoreBuild {
    /// The shard count of `store build` without `--shards` (StoreBuilder.defaultShardCount).
    public static let defaultShardCount = StoreBuilder.defaultShardCount

    /// `vaxlink store build`: reads and checks the register and writes the store at `out`.
    ///
    /// A register with bad rows is not built: the report lists the first 20 rejects, all of
    /// them go to OUT.rejects.csv, and the report has `foundProblem` set.
    /// - Throws: `VaxError(.badInput)` for a bad header or a duplicate citizen_id;
    ///   `.environment` for I/O faults.
    /// - Complexity: O(citizens), shards written on `threads` threads.
    public static func run(population: String, out: String, shards: Int, threads: Int, quiet: Bool) throws
        -> WorkflowReport
    {
        let result = try PopulationIngest.build(population: population, store: out, shards: shards, threads: threads, quiet: quiet)
        var diagnostics = result.warnings.map { "vaxlink store build: warning: \($0)\n" }.joined()
        guard let summary = result.summary else {
            let rejectsPath = out + ".rejects.csv"
            let writer = try RejectsWriter(path: rejectsPath)
            for issue in result.rejects { try writer.write(issue) }
            try writer.commit()
            for issue in result.rejects.prefix(20) {
                diagnostics += "\(population):\(issue.line): \(issue.reason)\n"
            }
            if result.rejects.count > 20 { diagnostics += "... and \(result.rejects.count - 20) more\n" }
            diagnostics += "vaxlink store build: \(result.rejects.count) bad rows in \(population); all listed in \(rejectsPath); no store written\n"
            return WorkflowReport(diagnostics: diagnostics, foundProblem: true)
        }
        let rate = Double(summary.rowCount) / max(result.seconds, 1e-9)
        return WorkflowReport(
            output: "built \(out): \(summary.rowCount) citizens in \(summary.shardCount) shards, \(summary.bytesWritten) bytes, "
                + "\(formatFixed(result.seconds, 2)) s (\(formatRate(rate)) citizens/s)\n"
                + "content hash: \(summary.contentHash.hex)",
            diagnostics: diagnostics)
    }

    /// Builds `storePath` unless it was built from a population.csv with the same SHA-256
    /// (recorded beside it in STORE.source-sha256).
    /// - Returns: the build rate in citizens/s, or nil when the store was reused.
    /// - Throws: `VaxError(.problem)` for a register with bad rows (the first 20 listed on
    ///   standard error); the errors of `run`.
    static func buildIfChanged(population: String, storePath: String, threads: Int, quiet: Bool) throws -> Double? {
        let marker = storePath + ".source-sha256"
        let digest = try sha256(ofFile: population).hex
        if FileManager.default.fileExists(atPath: storePath + "/manifest.vxs"),
           (try? String(contentsOfFile: marker, encoding: .utf8)) == digest {
            if !quiet { writeStderr("store: reusing \(storePath) (population.csv unchanged)\n") }
            return nil
        }
        let built = try PopulationIngest.build(population: population, store: storePath, shards: StoreBuilder.defaultShardCount,
                                             threads: threads, quiet: quiet)
        guard built.summary != nil else {
            for issue in built.rejects.prefix(20) { writeStderr("\(population):\(issue.line): \(terminalEscaped(issue.reason))\n") }
            throw VaxError(.problem, "\(built.rejects.count) bad rows in the register; no store built (see 'vaxlink store build')",
                           file: population)
        }
        let file = try OutputFile(path: marker)
        try file.write(digest)
        try file.commit()
        return Double(built.summary?.rowCount ?? 0) / max(built.seconds, 1e-9)
    }
}
