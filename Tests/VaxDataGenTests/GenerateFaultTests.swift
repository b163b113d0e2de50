import Foundation
import Testing
import VaxCore
import VaxDataGen
import VaxTestSupport

/// `generate` that fails (issue 12 finding 13) leaves no population.csv without its shots.
@Suite struct GenerateFaultTests {
    @Test(arguments: [0, 1, 2, 3])
    func aGenerateThatFailsLeavesNoPartialDataSet(_ skip: Int) throws {
        try withTemporaryDirectory { dir in
            let out = dir + "/data"
            #expect(throws: VaxError.self) {
                // The skip-th file's fsync fails: population.csv's, shots.csv's, ...
                try SyscallFaults.inject(ENOSPC, into: .fsync, under: dir, skip: skip) {
                    _ = try DataGenerator(parameters: GeneratorParameters(citizens: 300, shots: 200, seed: 5))
                        .generate(into: out, threads: 1)
                }
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(left.isEmpty, "left behind: \(left)")
        }
    }
}
