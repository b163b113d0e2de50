import Testing
import VaxNames

@Test func namePartsReadAndWriteByPart() {
    var ids = NameParts(family: 1, middle: 2, given: 3)
    #expect(NamePart.allCases.map { ids[$0] } == [1, 2, 3])
    ids[.middle] = 20
    #expect(ids.values == [1, 20, 3])
    #expect(ids.map { $0 * 10 } == NameParts(family: 10, middle: 200, given: 30))
    #expect(NameParts { $0.rawValue } == NameParts(family: 0, middle: 1, given: 2))
    #expect(NameParts.repeating(7).values == [7, 7, 7])
}

@Test func registeredNamesSplitIntoFamilyMiddleGiven() {
    func split(_ s: String) -> (parts: [String], exact: Bool) {
        let bytes = Array(s.utf8)
        let split = bytes.withUnsafeBytes { RegisteredNameSplit($0) }
        return (split.ranges.values.map { String(decoding: bytes[$0], as: UTF8.self) }, split.isExact)
    }
    #expect(split("Nguyễn Thị Thu Hà") == (["Nguyễn", "Thị Thu", "Hà"], true))
    #expect(split("Lê An") == (["Lê", "", "An"], true))
    #expect(split("An") == (["", "", "An"], true))
    #expect(split("  Lê  Văn   An ") == (["Lê", "Văn", "An"], false))
    #expect(split("") == (["", "", ""], true))
    #expect(split("   ") == (["", "", ""], false))
}

@Test func normalizedTokensSplitOnSingleSpaces() {
    let name = Array("nguyễn thị thu hà".utf8)
    let tokens = NameTokens(name)
    #expect(tokens.ranges.values.map { String(decoding: name[$0], as: UTF8.self) } == ["nguyễn", "thị thu", "hà"])
    #expect(tokens.wordCount == 4)
}
