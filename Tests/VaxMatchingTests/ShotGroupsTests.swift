import Testing
import VaxCore
@testable import VaxMatching

/// The grouping as it was first written: hash tables of every key, rows in order. Kept here
/// as the reference that the sorted-keys grouping must reproduce exactly, because the
/// groups decide which doses are decided together (and so decisions) and with the component
/// limit they depend on the order of the unions.
private func referenceGroups(phones: [UInt64], ids: [UInt64], nameDates: [UInt64], hubLimit: Int, componentLimit: Int)
    -> (component: [UInt32], last: [UInt32], hubs: Set<UInt64>)
{
    let n = phones.count
    func keys(_ r: Int) -> [UInt64] {
        [phones[r] == 0 ? 0 : phones[r] &* 4 | 1, ids[r] == 0 ? 0 : ids[r] &* 4 | 2, nameDates[r] == 0 ? 0 : nameDates[r] << 2 | 3]
    }
    var counts: [UInt64: Int] = [:]
    for r in 0..<n { for key in keys(r) where key != 0 { counts[key, default: 0] += 1 } }
    var parent = (0..<n).map { UInt32($0) }, size = [UInt32](repeating: 1, count: n)
    func find(_ x: UInt32) -> UInt32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        return root
    }
    var owner: [UInt64: UInt32] = [:], hubs = Set<UInt64>()
    for r in 0..<n {
        for key in keys(r) where key != 0 {
            guard counts[key]! <= hubLimit else {
                if key & 3 == 1 { hubs.insert(key >> 2) }
                continue
            }
            guard let other = owner[key] else { owner[key] = UInt32(r); continue }
            let a = find(UInt32(r)), b = find(other)
            guard a != b, Int(size[Int(a)]) + Int(size[Int(b)]) <= componentLimit else { continue }
            let (big, small) = size[Int(a)] > size[Int(b)] || (size[Int(a)] == size[Int(b)] && a < b) ? (a, b) : (b, a)
            parent[Int(small)] = big
            size[Int(big)] += size[Int(small)]
        }
    }
    var first = [UInt32](repeating: .max, count: n), component = [UInt32](repeating: 0, count: n)
    var last = [UInt32](repeating: 0, count: n)
    for r in 0..<n {
        let root = Int(find(UInt32(r)))
        if first[root] == .max { first[root] = UInt32(r) }
        component[r] = first[root]
        last[Int(first[root])] = UInt32(r)
    }
    return (component, last, hubs)
}

/// Few distinct keys make hubs and components that reach the limit; the sorted grouping
/// gives the same components, last rows and hub phones as the reference on every one.
@Test(arguments: [1, 2, 3, 4, 5, 6])
func theSortedGroupingEqualsTheReference(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed))
    let n = 4000
    let space = [40, 300, 2000, 4000][seed % 4]
    func key(_ zeroChance: Double) -> UInt64 { rng.chance(zeroChance) ? 0 : UInt64(rng.below(space)) + 1 }
    var phones: [UInt64] = [], ids: [UInt64] = [], nameDates: [UInt64] = []
    for _ in 0..<n {
        phones.append(key(0.3))
        ids.append(key(0.2))
        nameDates.append(key(0.4))
    }
    for (hubLimit, componentLimit) in [(4, 6), (64, 1024), (2, 3), (1000, 50)] {
        let groups = ShotGroups(phones: phones, ids: ids, nameDates: nameDates, hubLimit: hubLimit, componentLimit: componentLimit)
        let reference = referenceGroups(phones: phones, ids: ids, nameDates: nameDates, hubLimit: hubLimit,
                                        componentLimit: componentLimit)
        #expect(groups.component == reference.component, "hub limit \(hubLimit), component limit \(componentLimit)")
        #expect(groups.lastRow == reference.last)
        #expect(groups.hubPhones == reference.hubs)
    }
}

@Test func onePhoneTypedManyWaysIsOneNumber() {
    func number(_ s: String) -> UInt64 { phoneNumber(Array(s.utf8)[...]) }
    let forms = ["0912345678", "+84912345678", "0084912345678", "84912345678", "0912 345 678", "(+84) 912.345.678",
                 "091-234-5678", "+84 0912345678"]
    for form in forms { #expect(number(form) == 912_345_678, "\(form)") }
    // Not a phone: no number, so no evidence.
    for junk in ["", "+", "n/a", "0912x45678", "++84912345678", "0", String(repeating: "9", count: 30)] {
        #expect(number(junk) == 0, "\(junk)")
    }
    // A landline keeps its area code; a national number that merely starts with 84 is not international.
    #expect(number("024 3825 1234") == 2_438_251_234)
    #expect(number("0849123456") == 849_123_456)
}
