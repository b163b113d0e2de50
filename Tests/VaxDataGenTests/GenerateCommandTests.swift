import Foundation
import Testing
import VaxDataGen
import VaxTestSupport

// spec: cli.md "Data" and exit codes: usage errors exit 2, --help explains every flag,
// the command writes exactly what the library writes.
@Suite struct GenerateCommandTests {
    static let badUsages: [[String]] = [
        ["generate"],
        ["generate", "--citizens", "100", "--shots", "80", "--out", "/tmp/x"],
        ["generate", "--citizens", "ten", "--shots", "80", "--seed", "1", "--out", "/tmp/x"],
        ["generate", "--citizens", "100", "--shots", "80", "--seed", "-1", "--out", "/tmp/x"],
        ["generate", "--citizens", "100", "--shots", "80", "--seed", "1"],
        ["generate", "--citizens", "100", "--shots", "80", "--seed", "1", "--out", "/tmp/x", "--bogus"],
        ["generate", "--citizens", "0", "--shots", "80", "--seed", "1", "--out", "/tmp/x"],
    ]

    @Test(arguments: 0..<badUsages.count)
    func badUsageExitsTwo(_ index: Int) throws {
        let result = try runVaxlink(Self.badUsages[index])
        #expect(result.status == 2)
        #expect(result.stderr.contains("generate"))
    }

    @Test func helpExplainsEveryFlag() throws {
        let result = try runVaxlink(["generate", "--help"])
        #expect(result.status == 0)
        for flag in ["--citizens", "--shots", "--seed", "--out", "--threads", "--quiet"] {
            #expect(result.stdout.contains(flag))
        }
    }

    @Test func commandWritesWhatTheLibraryWrites() throws {
        try withTemporaryDirectory { dir in
            let result = try runVaxlink([
                "generate", "--citizens", "2000", "--shots", "1500", "--seed", "5", "--out", dir + "/cli",
                "--threads", "1", "--quiet",
            ])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            _ = try DataGenerator(parameters: GeneratorParameters(citizens: 2000, shots: 1500, seed: 5))
                .generate(into: dir + "/lib", threads: 2)
            for file in ["population.csv", "shots.csv", "truth.csv", "generator.json"] {
                let cli = try Data(contentsOf: URL(fileURLWithPath: dir + "/cli/" + file))
                let lib = try Data(contentsOf: URL(fileURLWithPath: dir + "/lib/" + file))
                #expect(cli == lib, "\(file) differs")
            }
        }
    }
}
