import Foundation
import Testing
import VaxDataGen
import VaxTestSupport

// spec: cli.md "Data": the same N, M and S give byte-identical files on every machine and
// thread count.
@Suite struct DeterminismTests {
    @Test func sameParametersGiveIdenticalBytesForAnyThreadCount() throws {
        let parameters = GeneratorParameters(citizens: 5_000, shots: 4_000, seed: 99)
        let one = try GeneratedData.make(parameters, threads: 1)
        let two = try GeneratedData.make(parameters, threads: 2)
        let again = try GeneratedData.make(parameters, threads: 2)
        #expect(one.population.raw == two.population.raw)
        #expect(one.shots.raw == two.shots.raw)
        #expect(one.truth.raw == two.truth.raw)
        #expect(one.manifest == two.manifest)
        #expect(two.shots.raw == again.shots.raw && two.population.raw == again.population.raw)
    }

    @Test func anotherSeedGivesOtherData() throws {
        let a = try GeneratedData.make(GeneratorParameters(citizens: 1_000, shots: 800, seed: 1))
        let b = try GeneratedData.make(GeneratorParameters(citizens: 1_000, shots: 800, seed: 2))
        #expect(a.population.raw != b.population.raw)
        #expect(a.shots.raw != b.shots.raw)
    }

    @Test func manifestRecordsParametersAndVersion() throws {
        let manifest = GeneratedData.small.manifest
        #expect(manifest.contains("\"version\": \(GeneratorParameters.version)"))
        #expect(manifest.contains("\"seed\": 42"))
        #expect(manifest.contains("\"citizens\": 5000"))
        #expect(manifest.contains("\"id_missing\": "))
        #expect((try? JSONSerialization.jsonObject(with: Data(manifest.utf8))) != nil)
    }

    @Test func tooManyShotsForTheRegisterIsAUsageError() throws {
        #expect(throws: (any Error).self) {
            _ = try GeneratedData.make(GeneratorParameters(citizens: 10, shots: 1_000, seed: 1))
        }
    }
}
