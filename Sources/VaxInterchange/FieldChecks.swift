import VaxCore

// Byte-level checks of single field values (docs/interchange.md column formats).
// Each works on the field's bytes and allocates nothing.

/// Whether `bytes` is well-formed UTF-8 (Unicode 15, table 3-7: no overlongs, no
/// surrogates, nothing above U+10FFFF). ASCII runs are checked 8 bytes at a time.
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let p = bytes.baseAddress else { return true }
    let n = bytes.count
    var i = 0
    while i < n {
        while i + 8 <= n {
            // safe: i + 8 <= n
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        guard i < n else { return true }
        let b0 = p.load(fromByteOffset: i, as: UInt8.self)
        if b0 < 0x80 {
            i += 1
            continue
        }
        // The allowed range of the second byte, and the sequence length, by lead byte.
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xED:
            length = 3
            high = 0x9F
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return false
        }
        guard i + length <= n else { return false }
        // safe: i + length <= n
        let b1 = p.load(fromByteOffset: i + 1, as: UInt8.self)
        guard b1 >= low && b1 <= high else { return false }
        for k in 2..<length where p.load(fromByteOffset: i + k, as: UInt8.self) & 0xC0 != 0x80 { return false }
        i += length
    }
    return true
}

/// Whether `bytes` is a shot_id: 1 to 64 of `A-Z a-z 0-9 _ -`.
func isValidShotID(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard (1...64).contains(bytes.count) else { return false }
    for b in bytes {
        let letter = (b | 0x20) &- 0x61 < 26  // a-z after folding A-Z onto it
        guard letter || b &- 0x30 < 10 || b == 0x5F || b == 0x2D else { return false }
    }
    return true
}

/// The value of 1 to 18 ASCII digits, or nil.
func parseDigits(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
    guard (1...18).contains(bytes.count) else { return nil }
    var value: UInt64 = 0
    for b in bytes {
        guard b &- 0x30 < 10 else { return nil }
        value = value * 10 + UInt64(b &- 0x30)
    }
    return value
}

/// A province_code: exactly two ASCII digits naming one of the 63 provinces; nil otherwise.
func parseProvinceCode(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
    guard bytes.count == 2, let value = parseDigits(bytes), Province.isValid(code: Int(value)) else { return nil }
    return UInt8(value)
}

/// `M` or `F`; nil otherwise.
func parseSex(_ bytes: UnsafeRawBufferPointer) -> Sex? {
    guard bytes.count == 1 else { return nil }
    switch bytes[0] {
    case UInt8(ascii: "M"): return .male
    case UInt8(ascii: "F"): return .female
    default: return nil
    }
}

/// Whether the field has a byte other than an ASCII space or tab.
func hasVisibleContent(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for b in bytes where b != 0x20 && b != 0x09 { return true }
    return false
}

/// The first C0 control (U+0000-U+001F, which includes TAB, CR and LF) or DEL in `bytes`,
/// or nil. spec: interchange.md "Limits": no field may hold one. 8 bytes at a time.
func firstControlByte(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
    guard let p = bytes.baseAddress else { return nil }
    let n = bytes.count
    var i = 0
    while i + 8 <= n {
        // safe: i + 8 <= n
        let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // A byte below 0x20 (high bit clear, borrows past 0x20) or equal to 0x7F (zero after xor).
        let below = (x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080
        let del = x ^ 0x7F7F_7F7F_7F7F_7F7F
        let isDEL = (del &- 0x0101_0101_0101_0101) & ~del & 0x8080_8080_8080_8080
        if below | isDEL != 0 { break }
        i += 8
    }
    while i < n {
        let b = p.load(fromByteOffset: i, as: UInt8.self)
        if b < 0x20 || b == 0x7F { return b }
        i += 1
    }
    return nil
}

/// Why a name breaks the limits of interchange.md "Limits", as (code, message), or nil: at
/// most `maxNameBytes` bytes, `maxNameWords` words (runs of non-space bytes) of at most
/// `maxNameWordBytes` bytes each. These bound the work a name can cost the matcher.
func nameLimitProblem(_ bytes: UnsafeRawBufferPointer, column: String) -> (code: String, message: String)? {
    if bytes.count > NameLimits.maxNameBytes {
        return ("field_too_long", "column \(column) is longer than \(NameLimits.maxNameBytes) bytes")
    }
    var words = 0
    var wordBytes = 0
    for b in bytes {
        if b == 0x20 {
            wordBytes = 0
            continue
        }
        if wordBytes == 0 { words += 1 }
        wordBytes += 1
        if wordBytes > NameLimits.maxNameWordBytes {
            return (
                "name_word_too_long", "column \(column) has a word longer than \(NameLimits.maxNameWordBytes) bytes"
            )
        }
    }
    if words > NameLimits.maxNameWords {
        return ("name_too_many_words", "column \(column) has more than \(NameLimits.maxNameWords) words")
    }
    return nil
}

/// The limits of interchange.md "Limits" on free-text fields, in UTF-8 bytes.
public enum NameLimits {
    /// A full_name's bytes.
    public static let maxNameBytes = 256
    /// A full_name's words (separated by spaces).
    public static let maxNameWords = 16
    /// One word's bytes: 64 bytes hold any Vietnamese syllable in NFD several times over.
    public static let maxNameWordBytes = 64
    /// A shots.csv citizen_id as recorded, phone, facility_code and vaccine.
    public static let maxCitizenIDBytes = 32
    public static let maxPhoneBytes = 32
    public static let maxFacilityCodeBytes = 64
    public static let maxVaccineBytes = 128
}
