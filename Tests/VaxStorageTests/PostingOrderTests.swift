import Testing
import VaxCore
import VaxNames
@testable import VaxStorage
import VaxTestSupport

// spec: store-format.md "Date order inside a run"

/// A random row of `store`, its birth date and the hash of its family + given + year key.
private func randomNameYearKey(_ store: PopulationStore, _ rng: inout SplitMix64) -> (StoreRow, PartialDate, UInt64) {
    let row = rng.below(store.rowCount)
    return (row, store.birthDate(row), registeredKeyHash(.nameYear, store, row)!)
}

/// Runs `body` on a store built from `register` with `shards` shards.
private func withStore(_ register: SyntheticRegister, shards: Int, _ body: (PopulationStore) throws -> Void) throws {
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/s", shards: shards)
        try body(try PopulationStore.open(dir + "/s"))
    }
}

/// The rows of `rows` whose birth date's date order lies in `window`: what a lookup of the
/// window must return, by a filter of the whole run.
private func filtered(_ rows: [StoreRow], _ store: PopulationStore, _ window: PostingOrder.Window) -> [StoreRow] {
    let ranges = PostingOrder.ranges(window)
    return rows.filter { n in
        let order = PostingOrder.of(storedDate: PackedFields.packDate(packed: store.birthDate(n).packed))
        return ranges.contains { $0.contains(order) }
    }
}

/// The near and far windows of a recorded date split every run of a blocking key: nothing
/// is found twice, nothing is lost, and a row born on the recorded date is always near.
/// Few names and years make large runs, so the per-window binary searches are exercised.
/// One shard reads a run's windows in one walk, several merge them window by window.
@Test(arguments: [1, 2])
func nearAndFarSplitEveryRunWithoutLossOrOverlap(shards: Int) throws {
    try withStore(SyntheticRegister(count: 6000, seed: 5, years: 6, names: 3), shards: shards) { store in
        var rng = SplitMix64(seed: 9)
        var longRuns = 0
        for _ in 0..<150 {
            let (row, date, hash) = randomNameYearKey(store, &rng)
            var all: [StoreRow] = []
            store.candidates(.nameYear, hash: hash, dates: .all, into: &all)
            if all.count > 64 { longRuns += 1 }
            // Recorded dates: the row's own, and others of nearby years, full, partial and 01/01.
            let recorded = [date, PartialDate(year: date.year + 1, month: 3, day: 7)!, PartialDate(year: date.year)!,
                            PartialDate(year: date.year - 1, month: 1, day: 1)!, PartialDate(year: date.year, month: 5)!]
            for r in recorded {
                var near: [StoreRow] = [], far: [StoreRow] = []
                store.candidates(.nameYear, hash: hash, dates: .near(r), into: &near)
                store.candidates(.nameYear, hash: hash, dates: .far(r), into: &far)
                // Exactly the rows whose date order lies in a near range (the searches inside a
                // run, narrowed on the index's samples, against a filter of the whole run).
                #expect(near.sorted() == filtered(all, store, .near(r)).sorted())
                #expect(Set(near).isDisjoint(with: far))
                #expect((near + far).sorted() == all.sorted())
                for n in all where store.birthDate(n) == r { #expect(near.contains(n), "same date must be near") }
            }
            #expect(all.contains(row))
        }
        #expect(longRuns > 0, "the register must make runs long enough for the binary searches")
    }
}

/// A given name and birth date key's run holds one date, so a window either holds the whole
/// run or none of it (the run's first and last date orders settle it without a search):
/// the near rows of each recorded date are exactly those a filter of the run keeps.
@Test(arguments: [1, 2])
func windowsOfAOneDateRunAreAllOrNothing(shards: Int) throws {
    try withStore(SyntheticRegister(count: 40_000, seed: 8, years: 1, names: 2), shards: shards) { store in
        var rng = SplitMix64(seed: 4)
        var checked = 0
        while checked < 100 {
            let row = rng.below(store.rowCount)
            let date = store.birthDate(row)
            guard let month = date.month, let day = date.day else { continue }
            checked += 1
            let hash = registeredKeyHash(.givenDate, store, row)!
            var all: [StoreRow] = []
            store.candidates(.givenDate, hash: hash, dates: .all, into: &all)
            #expect(all.contains(row) && all.count > 32, "runs long enough to be searched in each shard, not scanned")
            let recorded = [date, PartialDate(year: date.year, month: day <= 12 ? day : month, day: day <= 12 ? month : day)!,
                            PartialDate(year: date.year + 1, month: month, day: day)!, PartialDate(year: date.year)!,
                            PartialDate(year: date.year + 3, month: month, day: day)!]
            for r in recorded {
                var near: [StoreRow] = []
                store.candidates(.givenDate, hash: hash, dates: .near(r), into: &near)
                #expect(near.sorted() == filtered(all, store, .near(r)).sorted(), "\(r)")
            }
        }
    }
}

/// Within a run, entries come in date order (partial dates first), so a window is contiguous.
@Test func aRunIsInDateOrder() throws {
    let register = SyntheticRegister(count: 2000, seed: 6, years: 4, names: 2)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/s", shards: 1)
        let store = try PopulationStore.open(dir + "/s")
        let row = 0
        let folded = NameParts { store.foldedToken($0, row) }
        let hash = BlockingKey.nameYear(family: folded.family, given: folded.given, year: store.birthDate(row).year)
        var rows: [StoreRow] = []
        store.candidates(.nameYear, hash: hash, into: &rows)
        #expect(rows.count > 16)
        let orders = rows.map { PostingOrder.of(storedDate: PackedFields.packDate(packed: store.birthDate($0).packed)) }
        #expect(orders == orders.sorted())
    }
}

/// The near windows are merged and ascending, and the far windows are their complement.
@Test func farIsTheComplementOfNear() {
    let dates = [PartialDate(year: 1990, month: 4, day: 12)!, PartialDate(year: 1880, month: 1, day: 1)!,
                 PartialDate(year: 2030, month: 12, day: 31)!, PartialDate(year: 1975)!, PartialDate(year: 1960, month: 2)!]
    for d in dates {
        let near = PostingOrder.ranges(.near(d)), far = PostingOrder.ranges(.far(d))
        #expect(zip(near, near.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        let covered = (near + far).sorted { $0.lowerBound < $1.lowerBound }
        var at: UInt64 = 0
        for r in covered {
            #expect(r.lowerBound == at)
            at = r.upperBound
        }
        #expect(at == 1 << 18)
    }
}

/// A lookup returns the same rows in the same order however many shards the store was built
/// with, and so does any cut at `maxCount`: a search scores at most a fixed number of rows,
/// and which ones it keeps must not depend on how the register was split (the store on a
/// 2-core machine and on a 64-core one decide every shot alike). Before the shards' windows
/// were merged, a cut kept shard 0's rows first and one shot in 800 k changed with the shard count.
@Test func aLookupAndItsCutDoNotDependOnTheShardCount() throws {
    let register = SyntheticRegister(count: 3000, seed: 11, years: 5, names: 3)
    try withTemporaryDirectory { dir in
        let stores = try [1, 2, 3].map { shards -> PopulationStore in
            _ = try register.build(at: dir + "/s\(shards)", shards: shards)
            return try PopulationStore.open(dir + "/s\(shards)")
        }
        let one = stores[0]
        var rng = SplitMix64(seed: 12)
        var longWindows = 0
        for _ in 0..<60 {
            let (_, date, hash) = randomNameYearKey(one, &rng)
            let windows: [PostingOrder.Window] = [.all, .near(date), .far(date), .near(PartialDate(year: date.year)!)]
            for window in windows {
                for cut in [1, 7, 16, 40, Int.max] {
                    var expected: [StoreRow] = []
                    one.candidates(.nameYear, hash: hash, dates: window, into: &expected, maxCount: cut)
                    if cut == .max && expected.count > 40 { longWindows += 1 }
                    // Rows are numbered in citizen-ID order whatever the sharding: compare IDs to be plain.
                    let ids = expected.map { one.citizenID($0) }
                    for store in stores.dropFirst() {
                        var rows: [StoreRow] = []
                        store.candidates(.nameYear, hash: hash, dates: window, into: &rows, maxCount: cut)
                        #expect(rows.map { store.citizenID($0) } == ids, "window \(window), cut \(cut)")
                    }
                }
            }
        }
        #expect(longWindows > 0, "some windows must be longer than the largest cut tried")
    }
}
