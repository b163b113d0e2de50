import Foundation
import Testing
import VaxNames

// spec: interchange.md "Names are Vietnamese in Unicode": NFC or NFD, either tone placement,
// any case, extra spaces all denote the same name.
@Suite struct NameNormalizationTests {
    static let variants: [(String, String)] = [
        ("Nguyễn Văn Hòa", "nguyễn văn hoà"),
        ("NGUYỄN   VĂN  HOÀ ", "nguyễn văn hoà"),
        ("  nguyễn văn hoà", "nguyễn văn hoà"),
        ("Nguye\u{0302}\u{0303}n Va\u{0306}n Ho\u{0300}a", "nguyễn văn hoà"),
        ("Nguyê\u{0303}n\u{00A0}Văn\tHòa", "nguyễn văn hoà"),
        ("Ngu\u{200B}yễn Văn Hòa\u{FEFF}", "nguyễn văn hoà"),
        ("Trần Thị Thúy", "trần thị thuý"),
        ("TRẦN THỊ THUÝ", "trần thị thuý"),
        ("Lê Khỏe", "lê khoẻ"),
        ("Lê Khoẻ", "lê khoẻ"),
        ("Đặng Quý", "đặng quý"),
        ("\u{0110}ặng Gìn", "đặng gìn"),
        ("\u{00D0}ặng Giữ", "đặng giữ"),
        ("\u{0189}ỗ Huỳnh", "đỗ huỳnh"),
        ("d\u{0335}ỗ Hoàng", "đỗ hoàng"),
        ("Ngô Ngoài Người", "ngô ngoài người"),
        ("Phạm Thủy Tiên", "phạm thuỷ tiên"),
        ("Bùi Mùa Hài", "bùi mùa hài"),
        ("François Lê", "françois lê"),
        ("Franc\u{0327}ois Lê", "françois lê"),
        ("", ""),
        ("   ", ""),
    ]

    @Test(arguments: 0..<variants.count)
    func normalizesToCanonicalForm(_ index: Int) {
        let (input, expected) = Self.variants[index]
        #expect(normalizeName(input) == expected)
    }

    @Test func everyVariantOfANameNormalizesEqual() {
        let forms = [
            "Nguyễn Thị Thúy Hòa", "nguyễn thị thuý hoà", "NGUYỄN THỊ THÚY HÒA",
            "Nguye\u{0302}\u{0303}n Thi\u{0323} Thu\u{0301}y Ho\u{0300}a", "  Nguyễn  Thị Thuý   Hoà ",
            "Nguyễn\u{200D} Thị Thúy Hòa",
        ]
        let canonical = Set(forms.map { normalizeName($0) })
        #expect(canonical.count == 1)
    }

    @Test func foldStripsEveryMark() {
        #expect(foldName("Nguyễn Văn Đức") == "nguyen van duc")
        #expect(foldName("TRƯƠNG THỊ THÚY HẰNG") == "truong thi thuy hang")
        #expect(foldName("Ngô Ơn Ưng Ấn Ê") == "ngo on ung an e")
        let all = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        let folded = foldName(all + " " + all.uppercased())
        #expect(folded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(
            folded == String(repeating: "a", count: 18) + String(repeating: "e", count: 12)
                + String(repeating: "i", count: 6) + String(repeating: "o", count: 18)
                + String(repeating: "u", count: 12)
                + String(repeating: "y", count: 6) + "d" + " " + String(repeating: "a", count: 18)
                + String(repeating: "e", count: 12) + String(repeating: "i", count: 6)
                + String(repeating: "o", count: 18)
                + String(repeating: "u", count: 12) + String(repeating: "y", count: 6) + "d")
    }

    @Test func tokensSplitFamilyMiddleGiven() {
        let name = Array(normalizeName("Nguyễn Thị Thu Hà").utf8)
        let tokens = NameTokens(name)
        #expect(String(decoding: name[tokens[.family]], as: UTF8.self) == "nguyễn")
        #expect(String(decoding: name[tokens[.middle]], as: UTF8.self) == "thị thu")
        #expect(String(decoding: name[tokens[.given]], as: UTF8.self) == "hà")
        #expect(tokens.wordCount == 4)
        let two = Array("lê an".utf8)
        let t2 = NameTokens(two)
        #expect(t2[.middle].isEmpty && String(decoding: two[t2[.given]], as: UTF8.self) == "an")
        let one = NameTokens(Array("an".utf8))
        #expect(one[.family].isEmpty && one[.given] == 0..<2)
    }

    @Test func traditionalStylePlacesOnFirstVowelOfOpenPairs() throws {
        for (modern, traditional) in [
            ("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("quý", "quý"),
            ("gìn", "gìn"), ("hoàng", "hoàng"),
        ] {
            var letters = try #require(Array(modern.utf8).withUnsafeBytes { VietnameseText.decode($0) })
            VietnameseToneRule.place(&letters, style: .traditional)
            var out: [UInt8] = []
            VietnameseText.appendNFC(letters, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == traditional)
        }
    }

    @Test func nfdEncodingRoundTrips() throws {
        let name = "Nguyễn Thị Hương Đặng Ợ"
        let letters = try #require(Array(name.utf8).withUnsafeBytes { VietnameseText.decode($0) })
        var nfd: [UInt8] = []
        VietnameseText.appendNFD(letters, to: &nfd)
        #expect(nfd != Array(name.utf8))
        #expect(String(decoding: nfd, as: UTF8.self) == name)  // canonical equivalence
        #expect(
            String(decoding: nfd, as: UTF8.self).unicodeScalars.elementsEqual(
                name.decomposedStringWithCanonicalMapping.unicodeScalars))
    }
}
