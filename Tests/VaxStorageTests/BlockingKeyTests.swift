import Testing
import VaxCore
import VaxNames
import VaxStorage
import VaxTestSupport

/// The blocking indexes are written from the builder's columns and searched with hashes
/// the matcher makes from a shot: every row must be found under the key hashes made from
/// its own registered fields with the public `BlockingKey` functions, and rows without a
/// full birth date are not in the givenDate index.
@Test func everyRowIsFoundUnderItsOwnBlockingKeys() throws {
    let register = SyntheticRegister(count: 1500, seed: 11)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/s", shards: 3)
        let store = try PopulationStore.open(dir + "/s")
        for row in 0..<store.rowCount {
            let folded = NameParts { store.foldedToken($0, row) }
            let date = store.birthDate(row)
            let keys: [(BlockingKey, UInt64?)] = [
                (.nameYear, BlockingKey.nameYear(family: folded.family, given: folded.given, year: date.year)),
                (.givenDate, date.precision == .day ? BlockingKey.givenDate(given: folded.given, date: date) : nil),
                (.namePlace, BlockingKey.namePlace(family: folded.family, middle: folded.middle, given: folded.given,
                                                   province: store.provinceCode(row))),
            ]
            for (key, hash) in keys {
                var rows: [StoreRow] = []
                if let hash {
                    store.candidates(key, hash: hash, into: &rows)
                    #expect(rows.contains(row), "row \(row) missing from \(key)")
                }
            }
        }
    }
}
