import Testing
import VaxDataGen
import VaxInterchange
@testable import VaxMatching
import VaxTestSupport

/// The light strata reader (no duplicate-ID table) gives the same strata as ShotsReader.
@Test func theStrataReaderAgreesWithTheShotsReader() throws {
    try withTemporaryDirectory { dir in
        _ = try DataGenerator(parameters: .hard(citizens: 3_000, shots: 2_400, seed: 8)).generate(into: dir, threads: 2)
        var expected: [String: ShotStrata] = [:]
        let shots = try ShotsReader(path: dir + "/shots.csv")
        while let batch = try shots.readBatch(maxRows: 4096) {
            for i in 0..<batch.count { expected[batch.shotID(i)] = ShotStrata(batch, i) }
        }
        var reader = try ShotStrataReader(path: dir + "/shots.csv")
        var count = 0
        while let (id, strata) = try reader.next() {
            #expect(expected[id] == strata, "\(id)")
            count += 1
        }
        #expect(count == expected.count && count == 2_400)
    }
}
