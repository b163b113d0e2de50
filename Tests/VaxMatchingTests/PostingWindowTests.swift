import Testing
import VaxCore
import VaxTestSupport
@testable import VaxMatching
@testable import VaxStorage

// spec: store-format.md "Date order inside a run"

/// Every registered date that the comparator grades near a recorded one (exact, swapped,
/// partialAgree, placeholder, yearOff) lies in the near windows the search reads: reading
/// only them loses no candidate that near-first scoring would have scored first.
@Test func everyNearDateIsInsideTheNearWindows() throws {
    try withTemporaryDirectory { dir in
    let comparator = Comparator(store: try Fixture().build(at: dir + "/s"), model: .standard)
    var dates: [PartialDate] = []
    for year in [1899, 1900, 1901, 1960, 1961, 1962] {
        dates.append(PartialDate(year: year)!)
        for month in [1, 2, 7, 12] {
            dates.append(PartialDate(year: year, month: month)!)
            for day in [1, 2, 7, 12, 28] { dates.append(PartialDate(year: year, month: month, day: day)!) }
        }
    }
    var checked = 0
    for recorded in dates {
        let near = PostingOrder.ranges(.near(recorded))
        for registered in dates {
            switch comparator.compareDate(recorded, registered) {
            case .exact, .swapped, .partialAgree, .placeholder, .yearOff:
                let order = PostingOrder.of(storedDate: PackedFields.packDate(packed: registered.packed))
                #expect(near.contains { $0.contains(order) }, "\(registered) near \(recorded) but outside the windows")
                checked += 1
            case .yearOnly, .missing, .different:
                break
            }
        }
    }
    #expect(checked > 1000)
    }
}
