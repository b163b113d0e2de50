import Testing
import VaxPassport

@Suite struct ICAONameTests {
    /// (registered full name, fn, gn, fnt, gnt)
    static let cases: [(String, String, String, String, String)] = [
        ("Nguyễn Bảo Duy", "Nguyễn", "Bảo Duy", "NGUYEN", "BAO<DUY"),  // the published VN certificate
        ("Đặng Thị Ngọc Ánh", "Đặng", "Thị Ngọc Ánh", "DANG", "THI<NGOC<ANH"),
        ("  trần   văn   đức ", "Trần", "Văn Đức", "TRAN", "VAN<DUC"),  // register casing
        ("Lê", "Lê", "", "LE", ""),
        ("Phạm Thuỳ-Dương", "Phạm", "Thuỳ-Dương", "PHAM", "THUY<DUONG"),
        ("Hồ Ngọc Hà", "Hồ", "Ngọc Hà", "HO", "NGOC<HA"),
        ("Vũ Thị Mỹ Ưng", "Vũ", "Thị Mỹ Ưng", "VU", "THI<MY<UNG"),
    ]

    @Test(arguments: 0..<7)
    func splitsAndTransliterates(index: Int) {
        let (full, fn, gn, fnt, gnt) = Self.cases[index]
        let name = PassportName(registered: full)
        #expect(name.familyName == fn)
        #expect(name.givenName == gn)
        #expect(name.familyNameICAO == fnt)
        #expect(name.givenNameICAO == gnt)
    }

    @Test func decomposedInputGivesTheSameICAOForm() {
        // NFD: base letters followed by combining marks (U+0303 tilde, U+0302 circumflex, U+0301 acute).
        let nfd = "Nguye\u{0302}\u{0303}n Ba\u{0309}o Duy"
        #expect(ICAOTransliteration.transliterate(nfd) == "NGUYEN<BAO<DUY")
    }

    @Test func keepsOnlyLettersAndFillersWithinEightyCharacters() {
        #expect(ICAOTransliteration.transliterate("O'Neil 3rd, Jr.") == "ONEIL<RD<JR")
        #expect(ICAOTransliteration.transliterate("-- An --") == "AN")
        let long = String(repeating: "Nguyễn ", count: 20)
        let icao = ICAOTransliteration.transliterate(long)
        #expect(icao.count == 76 && !icao.hasSuffix("<"))  // 11 whole parts of NGUYEN, not a cut 12th
        #expect(icao.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == 60 })
        let name = PassportName(registered: "A " + String(repeating: "ễ", count: 100))
        #expect(name.givenName.unicodeScalars.count == 80)
    }
}
