import Foundation
import Testing
import VaxCore
import VaxStorage
import VaxTestSupport

/// A small synthetic register with the shapes that matter: shared names, partial dates,
/// legacy IDs, odd spacing that needs the exact-name path.
struct SyntheticRegister {
    struct Citizen {
        var record: RegisterRecord
        var fullName: String
    }
    var citizens: [Citizen] = []

    /// - Parameters:
    ///   - years: birth years drawn from 1930 on; few years and `names` make huge blocks.
    ///   - names: how many of the family and of the given names are used.
    init(count: Int, seed: UInt64, years: Int = 90, names: Int = 8) {
        var rng = SplitMix64(seed: seed)
        let families = Array(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"].prefix(names))
        let middles = ["Văn", "Thị", "Thị Thu", "Đức", "", "Ngọc"]
        let givens = Array(["An", "Hương", "Hoà", "Thuý", "Dũng", "Khoẻ", "Đức", "Linh"].prefix(names))
        var used = Set<UInt64>()
        while citizens.count < count {
            let sex: Sex = rng.chance(0.5) ? .male : .female
            let year = 1930 + rng.below(years)
            let provinces = Province.all
            let province = provinces[rng.below(provinces.count)].code
            let id = CitizenID.make(provinceCode: Int(provinces[rng.below(provinces.count)].code), sex: sex,
                                    birthYear: year, serial: rng.below(1_000_000))
            guard used.insert(id.rawValue).inserted else { continue }
            let precision = rng.below(10)
            let date = precision == 0 ? PartialDate(year: year)!
                : precision == 1 ? PartialDate(year: year, month: 1 + rng.below(12))!
                : PartialDate(year: year, month: 1 + rng.below(12), day: 1 + rng.below(28))!
            var name = [families[rng.below(families.count)], middles[rng.below(middles.count)], givens[rng.below(givens.count)]]
                .filter { !$0.isEmpty }.joined(separator: " ")
            if rng.chance(0.02) { name = " " + name.replacingOccurrences(of: " ", with: "  ") }
            if rng.chance(0.01) { name = givens[rng.below(givens.count)] }
            let legacy: UInt32? = rng.chance(0.4) ? UInt32(rng.below(1_000_000_000)) : nil
            citizens.append(Citizen(record: RegisterRecord(line: citizens.count + 2, citizenID: id, legacyID: legacy,
                                                           birthDate: date, sex: sex, provinceCode: Int(province)),
                                    fullName: name))
        }
    }

    func build(at path: String, shards: Int) throws -> StoreBuildSummary {
        let builder = StoreBuilder(sourcePath: "population.csv")
        for c in citizens {
            var name = c.fullName
            name.withUTF8 { builder.add(c.record, fullName: UnsafeRawBufferPointer($0)) }
        }
        return try builder.write(to: path, shardCount: shards, threads: 2)
    }
}

@Test func everyColumnRoundTripsThroughBuildMapAndRead() throws {
    let register = SyntheticRegister(count: 3000, seed: 7)
    try withTemporaryDirectory { dir in
        let summary = try register.build(at: dir + "/store", shards: 3)
        #expect(summary.rowCount == 3000)
        let store = try PopulationStore.open(dir + "/store")
        #expect(store.rowCount == 3000)
        #expect(store.shardCount == 3)
        #expect(store.contentHash == summary.contentHash)
        for c in register.citizens {
            let row = try #require(store.row(of: c.record.citizenID))
            let back = try store.record(row)
            #expect(back.citizenID == c.record.citizenID)
            #expect(back.fullName == c.fullName)
            #expect(back.birthDate == c.record.birthDate)
            #expect(back.sex == c.record.sex)
            #expect(back.provinceCode == c.record.provinceCode)
            #expect(back.legacyID == c.record.legacyID)
        }
        // IDs that are not there are not found.
        var rng = SplitMix64(seed: 99)
        let present = Set(register.citizens.map(\.record.citizenID))
        for _ in 0..<2000 {
            let id = CitizenID(rawValue: UInt64(rng.below(1_000_000_000_000)))
            #expect((store.row(of: id) != nil) == present.contains(id))
        }
    }
}

/// The batched ID lookup finds what one lookup at a time finds, in the order asked, for IDs
/// present, absent, one digit off and with prefixes no row has, on any shard count; and for
/// runs of IDs sharing a prefix, as a recorded ID's one-slip variants come, whose probes
/// reuse the previous one's place in the prefix directory.
@Test(arguments: [1, 3])
func manyIDsAtOnceAreFoundAsOneAtATime(shards: Int) throws {
    let register = SyntheticRegister(count: 3000, seed: 8)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/store", shards: shards)
        let store = try PopulationStore.open(dir + "/store")
        var rng = SplitMix64(seed: 5)
        var ids: [CitizenID] = []
        for _ in 0..<1500 {
            let c = register.citizens[rng.below(register.citizens.count)].record.citizenID.rawValue
            switch rng.below(4) {
            case 0: ids.append(CitizenID(rawValue: c))
            case 1: ids.append(CitizenID(rawValue: c ^ 1))
            case 2: ids.append(CitizenID(rawValue: UInt64(rng.below(1_000_000_000_000))))
            default: ids.append(CitizenID(rawValue: c + 1_000_000 * UInt64(1 + rng.below(50))))
            }
        }
        for citizen in register.citizens.prefix(200) {
            let c = citizen.record.citizenID.rawValue
            ids += [c, c + 1, c &- 1, c + 999, c + 1_000_000, c + 1_000_000 + 1, c].map { CitizenID(rawValue: $0) }
        }
        let oneByOne = ids.compactMap { store.row(of: $0) }
        #expect(oneByOne.count > 300)
        #expect(store.rows(of: ids) == oneByOne)
        #expect(store.rows(of: []) == [])
    }
}

@Test func legacyIndexMatchesBruteForce() throws {
    let register = SyntheticRegister(count: 2000, seed: 11)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/store", shards: 2)
        let store = try PopulationStore.open(dir + "/store")
        for c in register.citizens {
            guard let legacy = c.record.legacyID else { continue }
            let expected = Set(register.citizens.filter { $0.record.legacyID == legacy }.map(\.record.citizenID))
            let found = Set(store.rows(ofLegacy: legacy).map { store.citizenID($0) })
            #expect(found == expected)
        }
    }
}

/// Small blocks (a few rows per key) and huge ones (hundreds of rows per key and shard, so
/// that a block spans several of the index's 64-entry samples).
@Test(arguments: [(1500, 90, 8), (4000, 2, 2)])
func blockingIndexesReturnExactlyTheRowsOfABruteForceScan(count: Int, years: Int, names: Int) throws {
    let register = SyntheticRegister(count: count, seed: 3, years: years, names: names)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/store", shards: 2)
        let store = try PopulationStore.open(dir + "/store")
        // The key of every row, from the store's own fields.
        func keyHash(_ key: BlockingKey, _ row: StoreRow) -> UInt64? {
            let f = store.foldedToken(.family, row), m = store.foldedToken(.middle, row), g = store.foldedToken(.given, row)
            let date = store.birthDate(row)
            switch key {
            case .nameYear: return BlockingKey.nameYear(family: f, given: g, year: date.year)
            case .givenDate: return date.precision == .day ? BlockingKey.givenDate(given: g, date: date) : nil
            case .namePlace: return BlockingKey.namePlace(family: f, middle: m, given: g, province: store.provinceCode(row))
            }
        }
        for key in BlockingKey.allCases {
            var byHash: [UInt64: Set<StoreRow>] = [:]
            for row in 0..<store.rowCount { if let h = keyHash(key, row) { byHash[h, default: []].insert(row) } }
            for (hash, rows) in byHash {
                var found: [StoreRow] = []
                store.candidates(key, hash: hash, into: &found)
                #expect(Set(found) == rows, "key \(key)")
                #expect(found.count == rows.count, "no duplicates for key \(key)")
                // A capped lookup returns the first rows of the full one, in the same order.
                for cap in [1, 63, 64, 65, 130] where cap < rows.count {
                    var capped: [StoreRow] = []
                    store.candidates(key, hash: hash, into: &capped, maxCount: cap)
                    #expect(capped == Array(found.prefix(cap)), "key \(key), cap \(cap)")
                }
            }
            if names == 2 && key == .nameYear {
                #expect(byHash.values.map(\.count).max()! > 3 * 64, "the huge-block case must span several samples")
            }
            var none: [StoreRow] = []
            store.candidates(key, hash: 12345, into: &none)
            #expect(none.isEmpty)
        }
    }
}

@Test func contentHashDoesNotDependOnShardCount() throws {
    let register = SyntheticRegister(count: 2500, seed: 5)
    try withTemporaryDirectory { dir in
        let one = try register.build(at: dir + "/one", shards: 1)
        let four = try register.build(at: dir + "/four", shards: 4)
        #expect(one.shardCount == 1 && four.shardCount == 3)  // capped: at least 1024 rows a shard
        #expect(one.contentHash == four.contentHash)
        let other = SyntheticRegister(count: 2500, seed: 6)
        #expect(try other.build(at: dir + "/other", shards: 1).contentHash != one.contentHash)
    }
}

@Test func emptyRegisterBuildsAndOpens() throws {
    try withTemporaryDirectory { dir in
        let summary = try SyntheticRegister(count: 0, seed: 1).build(at: dir + "/store", shards: 2)
        #expect(summary.rowCount == 0)
        let store = try PopulationStore.open(dir + "/store")
        #expect(store.rowCount == 0)
        #expect(store.row(of: CitizenID(rawValue: 1_234_567_890)) == nil)
        #expect(store.rows(ofLegacy: 5).isEmpty)
        try store.verifyAll(threads: 2)
    }
}

@Test func duplicateCitizenIDStopsTheBuildNamingBothLines() throws {
    var register = SyntheticRegister(count: 50, seed: 9)
    var copy = register.citizens[10]
    copy.record.line = 200
    register.citizens.append(copy)
    try withTemporaryDirectory { dir in
        do {
            _ = try register.build(at: dir + "/store", shards: 1)
            Issue.record("a duplicate citizen_id must stop the build")
        } catch let error as VaxError {
            #expect(error.kind == .badInput)
            #expect(error.description.contains("lines 12 and 200"))
            #expect(!fileExists(dir + "/store"))
        }
    }
}

// The store is a function of the register alone: the same rows give the same bytes in every
// file whatever the threads that write the shards, sort one shard's indexes side by side
// (one shard and spare threads) and spell the content hash (issue 15).
@Test(arguments: [1, 3])
func theStoreIsByteIdenticalOnAnyThreadCount(shards: Int) throws {
    let register = SyntheticRegister(count: 9000, seed: 17)
    try withTemporaryDirectory { dir in
        var summaries: [StoreBuildSummary] = []
        for threads in [1, 2, 5] {
            let builder = StoreBuilder(sourcePath: "population.csv")
            for c in register.citizens {
                var name = c.fullName
                name.withUTF8 { builder.add(c.record, fullName: UnsafeRawBufferPointer($0)) }
            }
            summaries.append(try builder.write(to: dir + "/t\(threads)", shardCount: shards, threads: threads))
        }
        #expect(Set(summaries.map(\.contentHash)).count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/t1").sorted()
        #expect(files.count == 1 + shards, "a manifest and the shards")
        for name in files {
            let one = try Data(contentsOf: URL(fileURLWithPath: dir + "/t1/" + name))
            for threads in [2, 5] {
                #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/t\(threads)/" + name)) == one, "\(name), \(threads) threads")
            }
        }
    }
}
