import Foundation
import Testing
import VaxTestSupport

// spec: cli.md "Partitioned runs on a cluster": the scheduler scripts of ops/ run as the
// schedulers run them.

/// The repository's root, from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Runs a shell script with `arguments` and extra environment; returns status and output.
private func runScript(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, output: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [path] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A real single-node Slurm cluster (ops/slurm/selftest.sh): the array and the dependent
/// seal job on a small generated set, sealed result against a single run, and a killed
/// array task requeued that resumes. Skips, saying why, where it cannot run.
@Test func slurmArrayAndSealJobMatchASingleRunAndAKilledTaskResumes() throws {
    let result = try runScript(repositoryRoot + "/ops/slurm/selftest.sh", [vaxlinkBinaryPath()])
    if result.status == 77 {
        print(result.output)  // the skip and its reason
        return
    }
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("identical to a single run's"))
    #expect(result.output.contains("resumed and decided the same"))
}

/// The Kubernetes Indexed Job's command line (ops/k8s/pod-command.sh), run with the
/// variables Kubernetes sets: every index, then the seal, equal to a single run.
@Test func kubernetesIndexedJobCommandLinesSealIntoTheSingleRun() throws {
    try withTemporaryDirectory { dir in
        func vaxlink(_ arguments: [String]) throws {
            let r = try runVaxlink(arguments)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        try vaxlink(["generate", "--citizens", "1500", "--shots", "1200", "--seed", "9", "--out", dir + "/d"])
        try vaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/store", "--quiet"])
        try vaxlink(["keygen", "--out", dir + "/run"])
        try vaxlink(["match", "--store", dir + "/store", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/single/l.sqlite",
                     "--out", dir + "/single", "--key", dir + "/run.key", "--quiet"])
        let n = 3
        for i in (0..<n).reversed() {
            let r = try runScript(repositoryRoot + "/ops/k8s/pod-command.sh", [], environment: [
                "VAXLINK": vaxlinkBinaryPath(), "STORE": dir + "/store", "SHOTS": dir + "/d/shots.csv", "OUT": dir + "/out",
                "KEY": dir + "/run.key", "N": "\(n)", "JOB_COMPLETION_INDEX": "\(i)",
            ])
            try #require(r.status == 0, "\(r.output)")
        }
        // Without N the contract refuses (exit 2): Kubernetes gives the index, not the count.
        let noCount = try runVaxlink(["match", "--store", dir + "/store", "--shots", dir + "/d/shots.csv", "--ledger",
                                      dir + "/x/l.sqlite", "--out", dir + "/x", "--partition", "auto"],
                                     environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(noCount.status == 2)
        try vaxlink(["seal", "--out", dir + "/sealed", "--key", dir + "/run.key"] + (0..<n).map { dir + "/out/part-\($0)" })
        let sealed = try Data(contentsOf: URL(fileURLWithPath: dir + "/sealed/decisions.csv"))
        let single = try Data(contentsOf: URL(fileURLWithPath: dir + "/single/decisions.csv"))
        #expect(sealed == single)
        let verify = try runVaxlink(["ledger", "verify", "--seal", dir + "/sealed/seal"])
        #expect(verify.status == 0, "\(verify.stderr)")
        // A sealed set missing a partition is refused, naming it.
        let missing = try runVaxlink(["seal", "--out", dir + "/bad", "--key", dir + "/run.key", dir + "/out/part-0", dir + "/out/part-2"])
        #expect(missing.status == 1 && missing.stderr.contains("partition 1/3"), "\(missing.stderr)")
    }
}
