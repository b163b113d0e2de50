import Testing
import VaxPassport

/// Passport names from the naming table (issue 14, finding 3).
@Suite struct VietnameseNameTableTests {
    // spec: issue 14 "compound family names ... tests from that table"
    @Test(arguments: VietnameseNameTable.compoundFamilyNames.indices)
    func compoundFamilyNamesStayWhole(index: Int) {
        let family = VietnameseNameTable.compoundFamilyNames[index]
        let name = PassportName(registered: family + " Thị Minh")
        #expect(name.familyName == family)
        #expect(name.givenName == "Thị Minh")
        #expect(name.familyNameICAO == ICAOTransliteration.transliterate(family))
        #expect(!name.familyNameICAO.contains("<") == !family.contains(" "))
        // Typed in lower case, it is the same name.
        #expect(PassportName(registered: (family + " thị minh").lowercased()) == name)
        // Alone, the words are a family name and a given name (nothing left to give).
        #expect(PassportName(registered: family).familyName == String(family.split(separator: " ")[0]))
    }

    @Test(arguments: VietnameseNameTable.edeClanNames.indices)
    func edeClanNamesComeLast(index: Int) {
        let clan = VietnameseNameTable.edeClanNames[index]
        let man = PassportName(registered: "Y Moan " + clan)
        #expect(man.familyName == clan && man.givenName == "Y Moan", "\(man)")
        #expect(man.givenNameICAO == "Y<MOAN")
        let woman = PassportName(registered: "H'Hen " + clan)
        #expect(woman.familyName == clan && woman.givenName == "H'Hen")
        #expect(woman.givenNameICAO == "HHEN")
        // The same clan word in a Kinh-order name (no gender word) is not moved.
        #expect(PassportName(registered: "Nguyễn Văn " + clan).familyName == "Nguyễn")
    }

    @Test func namingOrdersName() {
        let last = VietnameseNameTable.namingOrders.filter { $0.position == .last }.map(\.people)
        #expect(last == ["Ê Đê"])
        #expect(VietnameseNameTable.namingOrders.count >= 8)
        #expect(PassportName(registered: "Y Ngông Niê Kdăm").familyName == "Niê Kdăm")
        #expect(PassportName(registered: "Giàng A Páo").familyName == "Giàng")  // H'Mông: clan first
        #expect(PassportName(registered: "Rơ Mah Hlim").familyName == "Rơ Mah")  // Jarai: two-word clan first
    }

    // spec: issue 14 "every look-alike letter"
    @Test func lookAlikeLettersAreTheVietnameseLetter() {
        for d in ["\u{00D0}", "\u{0189}", "Đ"] {
            let name = PassportName(registered: "\(d)ỗ Văn An")
            #expect(name.familyName == "Đỗ" && name.familyNameICAO == "DO", "\(d): \(name)")
        }
        #expect(PassportName(registered: "Lê Văn \u{00F0}ức").givenName == "Văn Đức")
        // Cyrillic Т and А typed on a Russian layout.
        let mixed = PassportName(registered: "Đỗ \u{0422}hị \u{0410}n")
        #expect(mixed.givenName == "Thị An" && mixed.givenNameICAO == "THI<AN")
        // ICAO Part 3 multi-letter equivalents.
        #expect(ICAOTransliteration.transliterate("Ærø Müller Strauß") == "AEROE<MUELLER<STRAUSS")
    }

    // spec: issue 14 "NFC and register casing"
    @Test func nfdAndUpperCaseBecomeTheRegisterSpelling() {
        let nfc = PassportName(registered: "Nguyễn Thuỳ-Dương")
        #expect(PassportName(registered: "Nguye\u{0302}\u{0303}n Thuy\u{0300}-Du\u{031B}o\u{031B}ng") == nfc)
        #expect(PassportName(registered: "NGUYỄN THUỲ-DƯƠNG") == nfc)
        #expect(nfc.givenName.unicodeScalars.count == "Thuỳ-Dương".unicodeScalars.count)
        #expect(PassportName(registered: "h'hen niê").familyName == "Niê")
        #expect(PassportName(registered: "Trần McLean").givenName == "McLean")
    }

    // spec: issue 14 "truncation to 80 on a whole name part"
    @Test func longNamesKeepWholeParts() {
        let given = Array(repeating: "Nguyệt", count: 14).joined(separator: " ")  // 14 × 7 − 1 = 97
        let name = PassportName(registered: "Lê " + given)
        #expect(name.givenName == Array(repeating: "Nguyệt", count: 11).joined(separator: " "))  // 76
        #expect(name.givenName.unicodeScalars.count <= 80 && !name.givenName.hasSuffix(" "))
        #expect(name.givenNameICAO == Array(repeating: "NGUYET", count: 11).joined(separator: "<"))
        #expect(!name.givenNameICAO.hasSuffix("<") && name.givenNameICAO.count <= 80)
        // Exactly 80 in whole parts is kept whole.
        let exact = Array(repeating: "ABCDEFGHIJKLMNOP", count: 5).joined(separator: " ")  // 84
        #expect(ICAOTransliteration.transliterate(exact).count == 67)
        let eighty = String(repeating: "A", count: 39) + " " + String(repeating: "B", count: 40)
        #expect(ICAOTransliteration.transliterate(eighty).count == 80)
    }
}
