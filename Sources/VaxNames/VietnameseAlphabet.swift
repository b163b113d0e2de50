// The Vietnamese alphabet as tables, so that name text is handled byte by byte without
// Foundation on the common path.
//
// A letter is packed in a UInt32 ("packed letter"):
//
//   bits 0-20   the lowercase base letter's scalar: a ă â b c d đ e ê ... ơ ư y, or any other
//               scalar for a letter outside the alphabet
//   bits 24-26  the tone (VietnameseTone raw value, 0 = none)
//   bit 28      the letter was upper case (kept by `decode`; the normalizer clears it)
//   bit 29      "raw": a scalar outside the alphabet (digits, punctuation, other scripts),
//               copied as is and never given a tone
//
// The space between words is the packed value 0x20.

/// The tables behind the name functions: composition of (base, tone) to NFC scalars and the
/// reverse lookup from a precomposed scalar to its packed letter.
public enum VietnameseAlphabet {
    /// Mask of the base scalar in a packed letter.
    public static let baseMask: UInt32 = 0x1F_FFFF
    /// Shift of the tone in a packed letter.
    public static let toneShift: UInt32 = 24
    /// The upper-case flag of a packed letter.
    public static let upperFlag: UInt32 = 1 << 28
    /// The raw (outside the alphabet) flag of a packed letter.
    public static let rawFlag: UInt32 = 1 << 29
    /// The packed word separator.
    public static let space: UInt32 = 0x20
    /// đ, the only consonant with a mark.
    public static let dStroke: UInt32 = 0x111

    /// The 12 vowel bases in table order: a ă â e ê i o ô ơ u ư y.
    static let vowelBases: [UInt32] = [0x61, 0x103, 0xE2, 0x65, 0xEA, 0x69, 0x6F, 0xF4, 0x1A1, 0x75, 0x1B0, 0x79]

    // Row v lists vowel v with tones none, grave, acute, hook, tilde, dot below (NFC).
    private static let lowerForms =
        "aàáảãạ" + "ăằắẳẵặ" + "âầấẩẫậ" + "eèéẻẽẹ" + "êềếểễệ" + "iìíỉĩị"
        + "oòóỏõọ" + "ôồốổỗộ" + "ơờớởỡợ" + "uùúủũụ" + "ưừứửữự" + "yỳýỷỹỵ"

    /// composedLower[v * 6 + tone]: the NFC scalar of vowel v with that tone.
    static let composedLower: [UInt32] = lowerForms.unicodeScalars.map(\.value)
    /// composedUpper[v * 6 + tone]: the same in upper case.
    static let composedUpper: [UInt32] = lowerForms.unicodeScalars.map { scalar in
        // stdlib case mapping, run once when the table is built
        String(Character(scalar)).uppercased().unicodeScalars.first!.value
    }

    /// The size of `lookup`: every precomposed Vietnamese letter is below U+1F00.
    static let lookupLimit: UInt32 = 0x1F00

    /// lookup[scalar]: the packed letter (upper flag kept) or 0 when the scalar is not a letter
    /// of the alphabet (or a look-alike of one).
    static let lookup: [UInt32] = {
        var table = [UInt32](repeating: 0, count: Int(lookupLimit))
        for letter in UInt32(0x61)...0x7A {
            table[Int(letter)] = letter
            table[Int(letter - 0x20)] = letter | upperFlag
        }
        for (v, base) in vowelBases.enumerated() {
            for tone in 0..<6 {
                let packed = base | UInt32(tone) << toneShift
                table[Int(composedLower[v * 6 + tone])] = packed
                table[Int(composedUpper[v * 6 + tone])] = packed | upperFlag
            }
        }
        // Đ and its look-alikes: Latin D with stroke, Icelandic eth, African D.
        table[0x110] = dStroke | upperFlag
        table[0x111] = dStroke
        table[0xD0] = dStroke | upperFlag
        table[0xF0] = dStroke
        table[0x189] = dStroke | upperFlag
        table[0x256] = dStroke
        return table
    }()

    /// The index 0..<12 of a vowel base in `vowelBases`, or -1 for a consonant.
    @inline(__always)
    public static func vowelIndex(_ base: UInt32) -> Int {
        switch base {
        case 0x61: return 0
        case 0x103: return 1
        case 0xE2: return 2
        case 0x65: return 3
        case 0xEA: return 4
        case 0x69: return 5
        case 0x6F: return 6
        case 0xF4: return 7
        case 0x1A1: return 8
        case 0x75: return 9
        case 0x1B0: return 10
        case 0x79: return 11
        default: return -1
        }
    }

    /// Whether the base is a vowel with a quality mark: ă â ê ô ơ ư.
    @inline(__always)
    public static func hasQualityMark(_ base: UInt32) -> Bool {
        base == 0x103 || base == 0xE2 || base == 0xEA || base == 0xF4 || base == 0x1A1 || base == 0x1B0
    }

    /// The ASCII letter a base letter is written with when marks are stripped (đ → d).
    @inline(__always)
    public static func asciiBase(_ base: UInt32) -> UInt32 {
        switch base {
        case 0x103, 0xE2: return 0x61
        case 0xEA: return 0x65
        case 0xF4, 0x1A1: return 0x6F
        case 0x1B0: return 0x75
        case 0x111: return 0x64
        default: return base
        }
    }

    /// The quality mark of a base as a combining scalar (breve, circumflex, horn) and the
    /// base without it; nil when the base has none.
    public static func qualityMark(_ base: UInt32) -> (plain: UInt32, mark: UInt32)? {
        switch base {
        case 0x103: return (0x61, 0x306)
        case 0xE2: return (0x61, 0x302)
        case 0xEA: return (0x65, 0x302)
        case 0xF4: return (0x6F, 0x302)
        case 0x1A1: return (0x6F, 0x31B)
        case 0x1B0: return (0x75, 0x31B)
        default: return nil
        }
    }

    /// The scalar that shows a packed letter in NFC.
    @inline(__always)
    public static func composedScalar(_ packed: UInt32) -> UInt32 {
        let base = packed & baseMask
        if packed & rawFlag != 0 { return base }
        let tone = Int((packed >> toneShift) & 7)
        let upper = packed & upperFlag != 0
        let v = vowelIndex(base)
        if v >= 0 {
            // safe: v < 12 and tone < 6 by construction, so the index is < 72
            return upper ? composedUpper[v * 6 + tone] : composedLower[v * 6 + tone]
        }
        if upper {
            if base == dStroke { return 0x110 }
            if base >= 0x61 && base <= 0x7A { return base - 0x20 }
        }
        return base
    }

    /// Appends the UTF-8 encoding of `scalar` (a valid Unicode scalar value).
    @inline(__always)
    public static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(truncatingIfNeeded: scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            out.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        } else {
            out.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }
}
