import VaxCore
import VaxDataGen

/// `vaxlink generate`: a synthetic register, shots and answer key.
public enum GenerateData {
    /// Writes OUT/population.csv, shots.csv, truth.csv and generator.json; the same
    /// parameters give byte-identical files for any thread count.
    /// - Returns: a report whose diagnostics hold the closing line unless `quiet`.
    /// - Throws: `VaxError(.environment)` for I/O faults.
    /// - Parameter profile: "standard" (the default output) or "hard" (more error kinds).
    /// - Throws: `VaxError(.usage)` for another profile name.
    public static func run(citizens: Int, shots: Int, seed: UInt64, out: String, threads: Int, quiet: Bool,
                           profile profileName: String = "standard") throws -> WorkflowReport
    {
        guard let profile = GeneratorProfile(rawValue: profileName) else {
            throw VaxError(.usage, "--profile must be standard or hard, got '\(profileName)'")
        }
        let parameters =
            profile == .hard
            ? GeneratorParameters.hard(citizens: citizens, shots: shots, seed: seed)
            : GeneratorParameters(citizens: citizens, shots: shots, seed: seed)
        let generator = DataGenerator(parameters: parameters)
        let summary = try generator.generate(into: out, threads: threads, quiet: quiet)
        guard !quiet else { return WorkflowReport() }
        return WorkflowReport(
            diagnostics: "generate: \(summary.citizens) citizens, \(summary.shots) shots "
                + "(\(summary.shotsWithErrors) with errors) in \(formatSeconds(summary.seconds))\n")
    }
}
