// Names on a vaccine passport (DCC schema 1.3.0 "nam"): the register's name split into
// family name (fn, the first word of a Vietnamese name) and given names (gn, the rest), each
// also in the ICAO Doc 9303 Part 3 machine-readable form (fnt, gnt): diacritics stripped,
// Đ → D, upper case, spaces and hyphens → "<", only A-Z and "<", at most 80 characters.
// Example: "Nguyễn Bảo Duy" → fn "Nguyễn", gn "Bảo Duy", fnt "NGUYEN", gnt "BAO<DUY".

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

    /// Splits a registered full name at white space: the first word is the family name.
    /// - Complexity: O(length of `fullName`).
    public init(registered fullName: String) {
        let words = fullName.split(whereSeparator: { $0.isWhitespace })
        let family = words.first.map(String.init) ?? ""
        let given = words.dropFirst().joined(separator: " ")
        familyName = PassportName.truncated(family)
        givenName = PassportName.truncated(given)
        familyNameICAO = ICAOTransliteration.transliterate(family)
        givenNameICAO = ICAOTransliteration.transliterate(given)
    }

    /// At most `maxLength` Unicode scalars (the schema counts code points), cut at a character.
    static func truncated(_ text: String) -> String {
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

/// ICAO Doc 9303 Part 3 transliteration of Vietnamese (Latin script with diacritics).
public enum ICAOTransliteration {
    /// The Latin letters of Vietnamese with their diacritics, by the base letter they lose
    /// them to (NFC forms; NFD input loses its combining marks separately).
    private static let folds: [(Character, String)] = [
        ("A", "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
        ("E", "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
        ("I", "ìíỉĩịÌÍỈĨỊ"),
        ("O", "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
        ("U", "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
        ("Y", "ỳýỷỹỵỲÝỶỸỴ"),
        ("D", "đĐ"),
    ]
    /// Scalar → base letter (ASCII), built once.
    private static let table: [Unicode.Scalar: UInt8] = {
        var table: [Unicode.Scalar: UInt8] = [:]
        for (base, letters) in folds {
            for scalar in letters.unicodeScalars { table[scalar] = base.asciiValue! }
        }
        return table
    }()

    /// The ICAO form of `name`: letters without diacritics in upper case, each run of spaces,
    /// hyphens or commas one "<", other characters (digits, apostrophes, marks) dropped,
    /// no "<" at either end, at most 80 characters.
    /// - Complexity: O(length of `name`).
    public static func transliterate(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        for scalar in name.unicodeScalars {
            let letter: UInt8?
            switch scalar.value {
            case 0x41...0x5A: letter = UInt8(scalar.value)
            case 0x61...0x7A: letter = UInt8(scalar.value) - 0x20
            case 0x20, 0x09, 0x2D, 0x2C, 0x3C, 0xA0:  // space, tab, hyphen, comma, "<", no-break space
                pendingSeparator = true
                continue
            default: letter = table[scalar]  // nil: a combining mark (NFD) or anything else
            }
            guard let letter else { continue }
            if pendingSeparator && !out.isEmpty { out.append(UInt8(ascii: "<")) }
            pendingSeparator = false
            out.append(letter)
        }
        return String(decoding: out.prefix(PassportName.maxLength), as: UTF8.self)
    }
}
