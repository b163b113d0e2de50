import Testing
import VaxCore
import VaxNames
import VaxStorage
import VaxTestSupport

/// A blocking-key lookup finds a run's ends by the entries' tags (8 bits of the key hash,
/// store format 5) and confirms them on the rows' own keys: a neighbouring key with the same
/// tag must neither join the run nor cut it short, and a key that is absent but shares a
/// present key's tag must find nothing.
@Test(arguments: [(6, 90, 8), (2, 3, 2)])
func aLookupReturnsExactlyTheRowsOfItsKey(shards: Int, years: Int, names: Int) throws {
    // Many small runs (8 names, 90 years: neighbours that share a tag) and a few runs of
    // thousands (2 names, 3 years: runs that end strides away from their start).
    let register = SyntheticRegister(count: 20_000, seed: 23, years: years, names: names)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/s", shards: shards)
        let store = try PopulationStore.open(dir + "/s")
        for key in BlockingKey.allCases {
            // The rows of each key hash, from the rows' own registered fields.
            var expected: [UInt64: [StoreRow]] = [:]
            for row in 0..<store.rowCount {
                if let hash = registeredKeyHash(key, store, row) { expected[hash, default: []].append(row) }
            }
            let hashes = expected.keys.sorted()
            // Keys next to each other in the index that share a tag: the case the tags alone
            // would get wrong. The data must hold some, or this test proves nothing.
            let sharedTags = zip(hashes, hashes.dropFirst()).filter { $0.0 & 0xFF == $0.1 & 0xFF }.count
            if names == 8 && key != .nameYear { #expect(sharedTags > 0, "\(key): no neighbouring keys share a tag") }
            for hash in hashes {
                var rows: [StoreRow] = []
                store.candidates(key, hash: hash, into: &rows)
                #expect(rows.sorted() == expected[hash]!, "\(key) \(hash): \(rows.count) rows, expected \(expected[hash]!.count)")
                // An absent key with the same tag (and so in the same place of the index
                // give or take a few entries) finds nothing.
                for absent in [hash &+ 0x100, hash &- 0x100] where expected[absent] == nil && absent < 1 << 44 {
                    var none: [StoreRow] = []
                    store.candidates(key, hash: absent, into: &none)
                    #expect(none.isEmpty, "\(key): absent \(absent) found \(none.count) rows")
                }
            }
        }
    }
}
