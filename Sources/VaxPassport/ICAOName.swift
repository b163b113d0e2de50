// Names on a vaccine passport (DCC schema 1.3.0 "nam"): the register's name, in NFC with its
// look-alike letters replaced (Ð U+00D0 → Đ, Cyrillic О → O, ...) and in register casing
// (each all-lower or all-upper word as "Nguyễn", "H'Hen", "Thuỳ-Dương"), split into family
// name (fn) and given names (gn) by VietnameseNameTable:
//   - an Ê Đê name (gender word Y / H', clan name last):  "Y Moan Ênuôl" → fn "Ênuôl", gn "Y Moan"
//   - a compound family name, longest first:              "Tôn Thất Thuyết" → fn "Tôn Thất"
//   - else the first word:                                "Nguyễn Bảo Duy" → fn "Nguyễn", gn "Bảo Duy"
// each also in the ICAO Doc 9303 Part 3 machine-readable form (fnt, gnt): diacritics
// stripped, Đ Ð → D, Æ → AE, ß → SS (Part 3 §6 table), upper case, spaces and hyphens
// → "<", only A-Z and "<".
//
// Truncation (DCC schema: at most 80 characters for fn, gn, fnt, gnt): a long name keeps
// its leading whole name parts (words for fn/gn, "<"-separated parts for fnt/gnt) that fit,
// never a cut word or a trailing separator; only a single part longer than 80 is cut.

/// A person's name as a DCC carries it.
public struct PassportName: Sendable, Equatable {
    /// The family name as registered (fn); empty if the name has no words.
    public var familyName: String
    /// The given names as registered (gn), single-spaced; empty for a one-word name.
    public var givenName: String
    /// `familyName` transliterated (fnt).
    public var familyNameICAO: String
    /// `givenName` transliterated (gnt).
    public var givenNameICAO: String

    /// The longest name field the DCC schema allows.
    public static let maxLength = 80

    /// Splits a registered full name (see the file header).
    /// - Complexity: O(length of `fullName` × table size).
    public init(registered fullName: String) {
        let cleaned = PassportName.nfc(ICAOTransliteration.replacingLookAlikes(fullName))
        let words = cleaned.split(whereSeparator: { $0.isWhitespace }).map { PassportName.registerCased(String($0)) }
        var family: ArraySlice<String> = words.prefix(1)
        var given: ArraySlice<String> = words.dropFirst()
        let clan = VietnameseNameTable.edeClanLength(words)
        if clan > 0 {
            family = words.suffix(clan)
            given = words.dropLast(clan)
        } else {
            let compound = VietnameseNameTable.compoundFamilyLength(words)
            if compound > 0 {
                family = words.prefix(compound)
                given = words.dropFirst(compound)
            }
        }
        familyName = PassportName.truncated(Array(family))
        givenName = PassportName.truncated(Array(given))
        familyNameICAO = ICAOTransliteration.transliterate(family.joined(separator: " "))
        givenNameICAO = ICAOTransliteration.transliterate(given.joined(separator: " "))
    }

    /// `text` in Unicode Normalization Form C. The standard library's own composition (the
    /// one `String ==` relies on), reached through its underscored `_nfcCodeUnits`: VaxPassport
    /// stays free of Foundation.
    public static func nfc(_ text: String) -> String {
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// Register casing: a word typed all in lower or all in upper case gets a capital first
    /// letter and a capital after an apostrophe or hyphen ("h'hen" → "H'Hen", "THUỲ-DƯƠNG" →
    /// "Thuỳ-Dương"); a word in mixed case is kept as registered ("McLean").
    static func registerCased(_ word: String) -> String {
        let hasLower = word.contains { $0.isLowercase }
        let hasUpper = word.contains { $0.isUppercase }
        guard !(hasLower && hasUpper) else { return word }
        var out = ""
        var capitalNext = true
        for character in word {
            out += capitalNext ? character.uppercased() : character.lowercased()
            capitalNext = character == "'" || character == "’" || character == "-"
        }
        return out
    }

    /// The leading whole `words` that fit in `maxLength` Unicode scalars (the schema counts
    /// code points), single-spaced; a first word longer than that is cut at a character.
    static func truncated(_ words: [String]) -> String {
        var out = ""
        var scalars = 0
        for word in words {
            let needed = word.unicodeScalars.count + (out.isEmpty ? 0 : 1)
            if scalars + needed > maxLength {
                if out.isEmpty { return cutAtCharacter(word) }
                break
            }
            out += out.isEmpty ? word : " " + word
            scalars += needed
        }
        return out
    }

    private static func cutAtCharacter(_ text: String) -> String {
        var out = ""
        var scalars = 0
        for character in text {
            let n = character.unicodeScalars.count
            if scalars + n > maxLength { break }
            out.append(character)
            scalars += n
        }
        return out
    }
}
