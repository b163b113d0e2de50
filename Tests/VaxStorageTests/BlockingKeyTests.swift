import Testing
import VaxCore
import VaxNames
import VaxStorage
import VaxTestSupport

/// The hash of `key` made with the public `BlockingKey` functions from `row`'s own registered
/// fields, as a shot typed exactly like the register would make it; nil when the row has no
/// such key (givenDate needs a full date).
func registeredKeyHash(_ key: BlockingKey, _ store: PopulationStore, _ row: StoreRow) -> UInt64? {
    let folded = NameParts { store.foldedToken($0, row) }
    let date = store.birthDate(row)
    switch key {
    case .nameYear: return BlockingKey.nameYear(family: folded.family, given: folded.given, year: date.year)
    case .givenDate: return date.precision == .day ? BlockingKey.givenDate(given: folded.given, date: date) : nil
    case .namePlace:
        return BlockingKey.namePlace(family: folded.family, middle: folded.middle, given: folded.given,
                                     province: store.provinceCode(row))
    }
}

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
            for key in BlockingKey.allCases {
                var rows: [StoreRow] = []
                if let hash = registeredKeyHash(key, store, row) {
                    store.candidates(key, hash: hash, into: &rows)
                    #expect(rows.contains(row), "row \(row) missing from \(key)")
                }
            }
        }
    }
}
