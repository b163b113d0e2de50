// ICAO Doc 9303 Part 3 (8th ed., 2021), §6 "Transliterations": Latin letters with diacritics
// lose them (Vietnamese ă â ê ô ơ ư and the five tones included, and the breves ĕ ĭ ŏ ŭ of
// Ê Đê and Jarai spelling), and the multi-letter
// equivalents of the Part 3 table apply (Æ → AE, Å → AA, Ä → AE, Ö → OE, Ü → UE, Ø → OE,
// Œ → OE, ß → SS, Þ → TH, Ĳ → IJ; Đ Ð → D, Ł → L, Ħ → H, ı → I). Letters that only look
// Latin (Cyrillic and Greek capitals and small letters typed on another keyboard layout,
// the African D Ɖ) are first replaced by the Latin letter they imitate.

/// ICAO Doc 9303 Part 3 transliteration of Vietnamese (Latin script with diacritics).
public enum ICAOTransliteration {
    /// Letters that imitate a Vietnamese or Latin letter, by the letter meant.
    static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [
            "\u{00D0}": "Đ", "\u{0189}": "Đ", "\u{00F0}": "đ", "\u{0256}": "đ",  // Eth, African D
            "’": "'", "ʼ": "'", "‘": "'", "`": "'",
        ]
        // Cyrillic and Greek letters drawn like Latin ones.
        let pairs: [(String, String)] = [
            ("АВЕКМНОРСТХУаеорсхуіІјЈ", "ABEKMHOPCTXYaeopcxyiIjJ"),
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo"),
        ]
        for (from, to) in pairs {
            for (a, b) in zip(from.unicodeScalars, to.unicodeScalars) { table[a] = b }
        }
        return table
    }()

    /// `text` with every look-alike letter replaced.
    static func replacingLookAlikes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { lookAlikes[$0] != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(lookAlikes[scalar] ?? scalar) }
        return String(scalars)
    }

    /// Letters with diacritics by the base letter they lose them to (NFC forms).
    private static let folds: [(String, String)] = [
        ("A", "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬāĀąĄ"),
        ("E", "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆëËēĒęĘěĚėĖĕĔ"),
        ("I", "ìíỉĩịÌÍỈĨỊîÎïÏīĪįĮıİĭĬ"),
        ("O", "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢōŌőŐŏŎ"),
        ("U", "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰûÛūŪůŮűŰųŲŭŬ"),
        ("Y", "ỳýỷỹỵỲÝỶỸỴÿŸ"),
        ("D", "đĐďĎ"), ("C", "çÇćĆčČ"), ("N", "ñÑńŃňŇ"), ("S", "śŚšŠşŞ"), ("Z", "źŹżŻžŽ"), ("R", "řŘ"),
        ("T", "ťŤţŢ"), ("G", "ğĞ"), ("L", "łŁľĽĺĹ"), ("H", "ħĦ"),
        ("AE", "æÆäÄ"), ("AA", "åÅ"), ("OE", "øØöÖœŒ"), ("UE", "üÜ"), ("SS", "ß"), ("TH", "þÞ"), ("IJ", "ĳĲ"),
    ]
    /// Scalar → ASCII capitals, built once.
    private static let table: [Unicode.Scalar: [UInt8]] = {
        var table: [Unicode.Scalar: [UInt8]] = [:]
        for (base, letters) in folds {
            for scalar in letters.unicodeScalars { table[scalar] = Array(base.utf8) }
        }
        return table
    }()

    /// The ASCII capitals a non-ASCII letter transliterates to, nil for any other scalar.
    static func letters(of scalar: Unicode.Scalar) -> [UInt8]? { table[scalar] }

    /// The ICAO form of `name`: look-alikes replaced, NFC, letters without diacritics in upper
    /// case, each run of spaces, hyphens or commas one "<", other characters (digits,
    /// apostrophes) dropped, no "<" at either end; at most 80 characters, cut after the last
    /// whole part that fits (a single longer part is cut at 80).
    /// - Complexity: O(length of `name`).
    public static func transliterate(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        for scalar in PassportName.nfc(replacingLookAlikes(name)).unicodeScalars {
            let letters: [UInt8]?
            switch scalar.value {
            case 0x41...0x5A: letters = [UInt8(scalar.value)]
            case 0x61...0x7A: letters = [UInt8(scalar.value) - 0x20]
            case 0x20, 0x09, 0x2D, 0x2C, 0x3C, 0xA0:  // space, tab, hyphen, comma, "<", no-break space
                pendingSeparator = true
                continue
            default: letters = table[scalar]  // nil: a mark left over, or anything else
            }
            guard let letters else { continue }
            if pendingSeparator && !out.isEmpty { out.append(UInt8(ascii: "<")) }
            pendingSeparator = false
            out += letters
        }
        let limit = PassportName.maxLength
        if out.count > limit {
            // Keep whole parts: cut before the "<" that ends the last part fitting in 80.
            let cut = out[...limit].lastIndex(of: UInt8(ascii: "<")) ?? limit
            out.removeSubrange(cut...)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
