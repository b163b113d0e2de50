import VaxCore
public import VaxMatching

/// `--partition I/N | auto [--partitions N]` resolved to a partition.
// spec: cli.md "Partitioned runs on a cluster"
public enum PartitionChoice {
    /// Resolves the option's text.
    ///
    /// `auto` reads the scheduler's variables: a Slurm job array (`SLURM_ARRAY_TASK_ID` minus
    /// `SLURM_ARRAY_TASK_MIN`, N = `SLURM_ARRAY_TASK_COUNT`; `--partitions`, if given, must
    /// agree) or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, N from `--partitions`).
    /// - Parameters:
    ///   - text: `I/N` or `auto`.
    ///   - partitions: `--partitions N`, or nil.
    ///   - environment: the process environment.
    /// - Throws: `VaxError(.usage)` naming what is wrong or missing.
    public static func resolve(_ text: String, partitions: Int?, environment: [String: String]) throws -> ShotPartition {
        func usage(_ why: String) -> VaxError { VaxError(.usage, "--partition: \(why)") }
        if text != "auto" {
            let f = text.split(separator: "/", omittingEmptySubsequences: false)
            guard f.count == 2, let i = Int(f[0]), let n = Int(f[1]), n >= 1, n <= 1 << 16, (0..<n).contains(i) else {
                throw usage("'\(text)' is not I/N with 0 <= I < N")
            }
            if let partitions, partitions != n { throw usage("--partitions \(partitions) disagrees with \(text)") }
            return ShotPartition(index: i, count: n)
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"] {
            guard let task = Int(id), let min = Int(environment["SLURM_ARRAY_TASK_MIN"] ?? "0"),
                  let n = Int(environment["SLURM_ARRAY_TASK_COUNT"] ?? partitions.map(String.init) ?? "") else {
                throw usage("auto: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT must be numbers")
            }
            if let partitions, partitions != n { throw usage("--partitions \(partitions) disagrees with SLURM_ARRAY_TASK_COUNT=\(n)") }
            guard n >= 1, (0..<n).contains(task - min) else {
                throw usage("auto: the array task \(task) - \(min) is not in 0..<\(n): submit --array=0-\(n - 1)")
            }
            return ShotPartition(index: task - min, count: n)
        }
        if let index = environment["JOB_COMPLETION_INDEX"] {
            guard let partitions else { throw usage("auto with JOB_COMPLETION_INDEX needs --partitions N (the Job's completions)") }
            guard let i = Int(index), partitions >= 1, (0..<partitions).contains(i) else {
                throw usage("auto: JOB_COMPLETION_INDEX=\(index) is not in 0..<\(partitions)")
            }
            return ShotPartition(index: i, count: partitions)
        }
        throw usage("auto: neither a Slurm array task (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)")
    }
}
