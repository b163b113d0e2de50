// Facts about Vietnamese names that decide which words of a registered full name are the
// family name on a passport (fn). Data, copied in so that the build needs nothing outside
// the repository. Sources:
//   - Compound family names: Lê Trung Hoa, "Họ và tên người Việt" (NXB Khoa học Xã hội,
//     2005), ch. 2 (họ kép: Tôn Thất, Tôn Nữ, Công Tằng Tôn Nữ, Công Huyền Tôn Nữ, Âu
//     Dương, Tư Mã, Gia Cát, Hoàng Phủ, Thượng Quan, Lệnh Hồ, Tư Đồ, Đông Phương); the
//     Nguyễn Phước (Phúc) royal house's rules for its branches (Tôn Thất for men, Tôn Nữ,
//     Công Tằng Tôn Nữ, Công Huyền Tôn Nữ for women); Wikipedia "Vietnamese name", §Family
//     name (2024). "Nguyễn Phúc" is left out: Phúc is a common middle name, so the words
//     alone cannot tell the royal compound from Nguyễn + Phúc.
//   - Clan names of the Jarai (Gia Rai), written first like a Kinh family name, of which
//     several are two words: Ủy ban Dân tộc, "Tên người dân tộc thiểu số" guidance on
//     registering minority names (2020), and Wikipedia "Jarai people" (Rơ Châm, Rơ Mah,
//     Rah Lan, Rơ Ô, Ksor, Siu, Nay, Kpă, Puih, Rchăm).
//   - Ê Đê (Rhade) names: a gender word (Y for men, H' for women, written "H'Hen" or
//     "H' Hen"), the personal name, and the clan name LAST: "Y Moan Ênuôl", "H'Hen Niê",
//     "Y Ngông Niê Kdăm". Clans: Trương Bi, "Văn hoá dân gian Ê Đê" (2007) and Wikipedia
//     "Rhade people" (Niê, Niê Kdăm, Mlô, Mlô Duôn Du, Êban, Ênuôl / Êñuôl, Ayŭn, Byă, Buôn
//     Yă, Hwing, Ksơr, Knul, Kpă, Mdrang, Adrơng, Êya, Hđơk, Kbuôr, Bkrông, Êčăm, Buôn Krông).
//   - Other peoples put the family (clan) name first, as the Kinh do: Tày, Nùng, Thái (Lò,
//     Lường, Cầm, Quàng), H'Mông (Giàng, Sùng, Vàng, Thào, Mùa), Khmer (Thạch, Danh, Sơn),
//     Mường (Đinh, Quách, Bạch), Jarai (above). The table names them so that the rule for
//     each is written down, not assumed.
// Compared after NFC and case folding, whole words only.

/// Where a people's family (clan) name stands in a full name.
public enum FamilyNamePosition: Sendable, Equatable {
    /// First, as in Kinh names ("Nguyễn Văn An").
    case first
    /// Last, after a gender word and the personal name (Ê Đê: "Y Moan Ênuôl").
    case last
}

/// The naming facts the passport name split uses.
public enum VietnameseNameTable {
    /// Family names of two or more words, written first.
    public static let compoundFamilyNames: [String] = [
        "Công Tằng Tôn Nữ", "Công Huyền Tôn Nữ", "Công Tôn Nữ", "Tôn Thất", "Tôn Nữ", "Âu Dương", "Tư Mã", "Gia Cát",
        "Hoàng Phủ", "Thượng Quan", "Lệnh Hồ", "Tư Đồ", "Đông Phương",
        // Jarai clan names of two words.
        "Rơ Châm", "Rơ Mah", "Rah Lan", "Rơ Ô", "Rơ Lan",
    ]

    /// Peoples and where their family name stands (documentation and tests; `last` drives the split).
    public static let namingOrders: [(people: String, position: FamilyNamePosition)] = [
        ("Kinh", .first), ("Tày", .first), ("Thái", .first), ("Mường", .first), ("Khmer", .first),
        ("H'Mông", .first), ("Nùng", .first), ("Gia Rai", .first), ("Ê Đê", .last),
    ]

    /// The gender words that open an Ê Đê name: Y (men), H' (women, also fused: "H'Hen").
    public static let edeGenderWords: [String] = ["Y", "H'", "H’"]

    /// Ê Đê clan names, written last.
    public static let edeClanNames: [String] = [
        "Niê Kdăm", "Mlô Duôn Du", "Buôn Yă", "Buôn Krông", "Niê", "Mlô", "Êban", "Ênuôl", "Êñuôl", "Ayŭn", "Ayun",
        "Byă", "Hwing", "Ksơr", "Knul", "Kpă", "Mdrang", "Adrơng", "Êya", "Hđơk", "Kbuôr", "Bkrông", "Êčăm",
    ]

    /// Whether `words` (register-cased) open with an Ê Đê gender word.
    static func startsWithEdeGenderWord(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        return first == "Y" || first.hasPrefix("H'") || first.hasPrefix("H’")
    }

    /// The number of leading words of `words` that form a compound family name (0 if none),
    /// leaving at least one word for the given name.
    static func compoundFamilyLength(_ words: [String]) -> Int {
        let folded = words.map(fold)
        var best = 0
        for name in compoundFamilyFolded where name.count < words.count && name.count > best {
            if Array(folded.prefix(name.count)) == name { best = name.count }
        }
        return best
    }

    /// The number of trailing words of an Ê Đê name that form its clan name (0 if none),
    /// leaving the gender word and at least one personal-name word before it.
    static func edeClanLength(_ words: [String]) -> Int {
        guard startsWithEdeGenderWord(words) else { return 0 }
        // Before the clan: the gender word and a personal name, one word when fused ("H'Hen").
        let fused = words[0].count > 2 && words[0] != "Y"
        let before = fused ? 1 : 2
        let folded = words.map(fold)
        var best = 0
        for name in edeClanFolded where name.count + before <= words.count && name.count > best {
            if Array(folded.suffix(name.count)) == name { best = name.count }
        }
        return best
    }

    private static let compoundFamilyFolded: [[String]] = compoundFamilyNames.map {
        $0.split(separator: " ").map { fold(String($0)) }
    }
    private static let edeClanFolded: [[String]] = edeClanNames.map {
        $0.split(separator: " ").map { fold(String($0)) }
    }

    /// NFC, lower case: the comparison key of a word.
    static func fold(_ word: String) -> String { PassportName.nfc(word).lowercased() }
}
