import Testing
import VaxNames

/// Names with the shapes that take the normalizer's slow path or move marks around.
private let awkwardNames = [
    "Nguyễn Văn Hòa", "NGUYỄN   VĂN  HOÀ ", "Nguye\u{0302}\u{0303}n Va\u{0306}n Ho\u{0300}a", "Nguyê\u{0303}n\u{00A0}Văn\tHòa",
    "Ngu\u{200B}yễn Văn Hòa\u{FEFF}", "\u{0110}ặng Gìn", "d\u{0335}ỗ Hoàng", "François Lê", "Franc\u{0327}ois Lê",
    "Lê \u{0301}An", "e\u{0301}\u{0308} An", "İsmail Trần", "ΑΣ Nguyễn", "Lê 3 An", "Traanf Phuwowng", "", "   ",
]

@Test func aNormalizedNameHoldsBothFormsSplitIntoParts() {
    let name = NormalizedName(raw: Array("  TRẦN Thị Thúy  Hằng".utf8))
    #expect(String(decoding: name.normalized, as: UTF8.self) == "trần thị thuý hằng")
    #expect(String(decoding: name.folded, as: UTF8.self) == "tran thi thuy hang")
    #expect(String(decoding: name.normalized(.middle), as: UTF8.self) == "thị thuý")
    #expect(String(decoding: name.folded(.given), as: UTF8.self) == "hang")
    #expect(name.wordCount == 4)
}

/// On Vietnamese text, however it is typed, folding the normalized name (what a shot
/// carries) and folding the raw name agree.
@Test(arguments: 0..<awkwardNames.count)
func foldingTheNormalizedNameEqualsFoldingTheRawName(_ index: Int) {
    let raw = Array(awkwardNames[index].utf8)
    let folded = raw.withUnsafeBytes { foldName($0) }
    #expect(NormalizedName(raw: raw).folded == folded)
}

/// Where the two folds part: a zero-width space keeps a stray dot below off the s while
/// folding the raw text, and normalization drops the space, so NFC then composes ṣ. This is
/// why the rules across doses still group by the raw name folded.
@Test func foldingTheNormalizedNameCanDifferForStrayMarks() {
    let raw = Array("os\u{200B}\u{0323}".utf8)
    #expect(String(decoding: raw.withUnsafeBytes { foldName($0) }, as: UTF8.self) == "os")
    #expect(String(decoding: NormalizedName(raw: raw).folded, as: UTF8.self) == "o\u{1E63}")
}
