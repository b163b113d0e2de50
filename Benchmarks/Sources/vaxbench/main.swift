// vaxbench: measures vaxlink's stages in release builds. Usage: vaxbench [SUITE...|all]
// The machine's plain limits (byte scan, SHA-256, SQLite insert) are measured before any suite.
import Foundation
import VaxCore

let suites: [(name: String, run: (BenchContext) throws -> [BenchResult])] = [
    ("generate", generatorBenchmarks),
    ("csv", csvBenchmarks),
    ("store", storeBenchmarks),
    ("match", matchBenchmarks),
    ("scale", scaleBenchmarks),
    ("ledger", ledgerBenchmarks),
    ("ledger-verify", ledgerVerifyBenchmarks),
    ("ledger-overlap", ledgerOverlapBenchmarks),
    ("qr", qrBenchmarks),
    ("passport", passportBenchmarks),
    ("passport-issue", passportIssueBenchmarks),
]

tuneAllocatorForLongRuns()  // as `vaxlink` does, so that the suites measure what the tool runs
let environment = ProcessInfo.processInfo.environment
let context = BenchContext(
    dataDirectory: environment["VAXBENCH_DIR"] ?? FileManager.default.currentDirectoryPath + "/.data",
    quick: environment["VAXBENCH_QUICK"] == "1")
try? FileManager.default.createDirectory(atPath: context.dataDirectory, withIntermediateDirectories: true)

var requested = Array(CommandLine.arguments.dropFirst())
if requested.isEmpty || requested.contains("--help") {
    print("USAGE: vaxbench all | " + suites.map(\.name).joined(separator: " | ") + " ...")
    print("Environment: VAXBENCH_DIR (scratch data), VAXBENCH_QUICK=1 (small inputs).")
    exit(requested.isEmpty ? 2 : 0)
}
if requested == ["all"] { requested = suites.map(\.name) }
print("vaxbench on \(processorCount) cores\(context.quick ? " (quick)" : "")")
// The machine's ceilings come first: every other row is reported as a fraction of one.
let limits: MachineLimits
var all: [BenchResult] = []
do {
    let measured = try measureLimits(context)
    limits = measured.0
    all += measured.1
} catch {
    FileHandle.standardError.write(Data("vaxbench limits: \(error)\n".utf8))
    exit(1)
}
for name in requested {
    guard let suite = suites.first(where: { $0.name == name }) else {
        FileHandle.standardError.write(Data("vaxbench: unknown suite '\(name)'\n".utf8))
        exit(2)
    }
    do {
        all += try suite.run(context)
    } catch {
        FileHandle.standardError.write(Data("vaxbench \(name): \(error)\n".utf8))
        exit(1)
    }
}
report(all, limits: limits, context: context)
