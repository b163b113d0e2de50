import Foundation
import Testing
import VaxCore
import VaxStorage
import VaxTestSupport

/// The store writer under ENOSPC and EIO: a clear error, the previous store untouched, and
/// no half-built store left beside it.
@Suite struct StoreFaultTests {
    static func builder(count: Int) -> StoreBuilder {
        let builder = StoreBuilder(sourcePath: "population.csv")
        for i in 0..<count {
            // A real province code: a store holding another is damaged (store-format.md "Checks at open").
            let province = Int(Province.all[i % Province.all.count].code)
            let id = CitizenID.make(
                provinceCode: province, sex: i % 2 == 0 ? .male : .female,
                birthYear: 1950 + i % 50, serial: i)
            let record = RegisterRecord(
                line: i + 2, citizenID: id, legacyID: nil,
                birthDate: PartialDate(year: 1950 + i % 50)!, sex: i % 2 == 0 ? .male : .female,
                provinceCode: province)
            var name = ["Nguyễn Văn An", "Trần Thị Hương", "Lê Đức"][i % 3]
            name.withUTF8 { builder.add(record, fullName: UnsafeRawBufferPointer($0)) }
        }
        return builder
    }

    @Test(arguments: [SyscallFaults.Call.write, .fsync, .rename])
    func aStoreBuildThatFailsLeavesThePreviousStoreWhole(_ call: SyscallFaults.Call) throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                let store = dir + "/store"
                let first = try Self.builder(count: 300).write(to: store, shardCount: 2, threads: 1)
                let before = try entries(store)
                // skip: 1 lets the first shard through, so the failure comes mid-build.
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: call, under: dir, skip: 1) {
                        _ = try Self.builder(count: 3000).write(to: store, shardCount: 3, threads: 1)
                    }
                }
                #expect(try entries(store) == before)
                #expect(try PopulationStore.open(store).contentHash == first.contentHash)
                let names = try entries(dir)
                #expect(names == ["store"])
            }
        }
    }
}
