import Testing
import VaxCore
@testable import VaxMatching

/// The search's table of rows taken answers as a `Set` would, through its growth, for rows
/// near each other, far apart and repeated.
@Test func theRowSetTellsNewRowsAsASetDoes() {
    var rng = SplitMix64(seed: 3)
    var table = RowSet()
    var reference = Set<Int>()
    for step in 0..<5000 {
        let row = step % 3 == 0 ? rng.below(200) : rng.below(100_000_000)
        let new = table.insert(row)
        #expect(new == reference.insert(row).inserted)
        #expect(table.count == reference.count)
    }
    #expect(reference.count > 3000)
    // Rows that differ only in high bits land apart and are told apart.
    var wide = RowSet()
    let first = (0..<300).map { wide.insert($0 << 32) }
    let again = (0..<300).map { wide.insert($0 << 32) }
    #expect(first.allSatisfy { $0 } && again.allSatisfy { !$0 } && wide.count == 300)
}
