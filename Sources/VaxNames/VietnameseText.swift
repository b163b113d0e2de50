// Decoding UTF-8 name text into packed letters (VietnameseAlphabet) and encoding them back
// in NFC or NFD. Precomposed and combining forms decode to the same letter; zero-width
// characters vanish; every kind of Unicode space becomes the separator 0x20.

/// Decoding and encoding of Vietnamese name text as packed letters.
public enum VietnameseText {
    /// Decodes UTF-8 text into packed letters, keeping letter case in the upper flag.
    /// - Returns: nil when the text holds invalid UTF-8 or a character that neither the
    ///   alphabet nor the raw ASCII range covers (the caller may fall back to Foundation).
    /// - Complexity: O(bytes.count).
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt32]? {
        guard !bytes.isEmpty else { return [] }
        var decoded = true
        let letters = [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            // safe: capacity == bytes.count > 0, and decode writes at most one letter per byte
            if let n = decode(bytes, into: buffer.baseAddress!, passthrough: false) {
                count = n
            } else {
                decoded = false
                count = 0
            }
        }
        return decoded ? letters : nil
    }

    /// Decodes `bytes` into `letters` (capacity at least `bytes.count`).
    /// - Parameter passthrough: copy characters outside the alphabet as raw letters instead of
    ///   failing (used on text that Foundation has already normalized).
    /// - Returns: the number of letters, or nil when the fast path cannot handle the text.
    @inline(__always)
    static func decode(
        _ bytes: UnsafeRawBufferPointer, into letters: UnsafeMutablePointer<UInt32>,
        passthrough: Bool
    ) -> Int? {
        let count = bytes.count
        var n = 0
        var i = 0
        while i < count {
            let b0 = UInt32(bytes[i])
            var scalar: UInt32
            if b0 < 0x80 {
                scalar = b0
                i += 1
            } else if b0 & 0xE0 == 0xC0 && i + 1 < count && bytes[i + 1] & 0xC0 == 0x80 {
                scalar = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                guard scalar >= 0x80 else { return nil }
                i += 2
            } else if b0 & 0xF0 == 0xE0 && i + 2 < count && bytes[i + 1] & 0xC0 == 0x80
                && bytes[i + 2] & 0xC0 == 0x80
            {
                scalar = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard scalar >= 0x800 && (scalar < 0xD800 || scalar > 0xDFFF) else { return nil }
                i += 3
            } else if b0 & 0xF8 == 0xF0 && i + 3 < count && bytes[i + 1] & 0xC0 == 0x80
                && bytes[i + 2] & 0xC0 == 0x80 && bytes[i + 3] & 0xC0 == 0x80
            {
                scalar =
                    (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                guard scalar >= 0x10000 && scalar <= 0x10FFFF else { return nil }
                i += 4
            } else {
                return nil
            }
            if scalar < VietnameseAlphabet.lookupLimit {
                // safe: scalar < lookupLimit == lookup.count
                let entry = VietnameseAlphabet.lookup.withUnsafeBufferPointer { $0[Int(scalar)] }
                if entry != 0 {
                    // safe: n <= number of scalars decoded so far <= bytes consumed <= capacity
                    letters[n] = entry
                    n += 1
                    continue
                }
            }
            if isSpace(scalar) {
                letters[n] = VietnameseAlphabet.space
                n += 1
                continue
            }
            if isIgnorable(scalar) { continue }
            if scalar >= 0x300 && scalar <= 0x36F, n > 0, combine(scalar, into: &letters[n - 1]) { continue }
            if scalar < 0x80 || passthrough {
                letters[n] = scalar | VietnameseAlphabet.rawFlag
                n += 1
                continue
            }
            return nil
        }
        return n
    }

    /// Whether the scalar separates words: ASCII and Unicode spaces, tabs, line breaks.
    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        s == 0x20 || (s >= 0x09 && s <= 0x0D) || s == 0xA0 || s == 0x1680 || (s >= 0x2000 && s <= 0x200A)
            || s == 0x2028 || s == 0x2029 || s == 0x202F || s == 0x205F || s == 0x3000
    }

    /// Whether the scalar is invisible and dropped: zero-width space/joiners, word joiner,
    /// byte order mark, soft hyphen, other ASCII controls.
    @inline(__always)
    static func isIgnorable(_ s: UInt32) -> Bool {
        (s >= 0x200B && s <= 0x200F) || s == 0x2060 || s == 0xFEFF || s == 0xAD || s < 0x09
            || (s > 0x0D && s < 0x20) || s == 0x7F
    }

    /// Applies a combining mark to the letter before it; false when it does not apply to it.
    @inline(__always)
    static func combine(_ mark: UInt32, into letter: inout UInt32) -> Bool {
        guard letter != VietnameseAlphabet.space && letter & VietnameseAlphabet.rawFlag == 0 else { return false }
        let base = letter & VietnameseAlphabet.baseMask
        let rest = letter & ~VietnameseAlphabet.baseMask
        var tone: UInt32 = 0
        switch mark {
        case 0x300, 0x340: tone = 1
        case 0x301, 0x341: tone = 2
        case 0x309: tone = 3
        case 0x303: tone = 4
        case 0x323: tone = 5
        default: break
        }
        if tone != 0 {
            guard VietnameseAlphabet.vowelIndex(base) >= 0 else { return false }
            let toneMask: UInt32 = 7 << VietnameseAlphabet.toneShift
            letter = (letter & ~toneMask) | tone << VietnameseAlphabet.toneShift
            return true
        }
        var newBase: UInt32 = 0
        switch (mark, base) {
        case (0x306, 0x61): newBase = 0x103
        case (0x302, 0x61): newBase = 0xE2
        case (0x302, 0x65): newBase = 0xEA
        case (0x302, 0x6F): newBase = 0xF4
        case (0x31B, 0x6F): newBase = 0x1A1
        case (0x31B, 0x75): newBase = 0x1B0
        case (0x335, 0x64), (0x336, 0x64): newBase = VietnameseAlphabet.dStroke
        default: return false
        }
        letter = rest | newBase
        return true
    }

    /// Appends packed letters as NFC UTF-8, in the case each letter carries.
    public static func appendNFC(_ letters: [UInt32], to out: inout [UInt8]) {
        for letter in letters {
            VietnameseAlphabet.appendUTF8(VietnameseAlphabet.composedScalar(letter), to: &out)
        }
    }

    /// Appends packed letters as NFD UTF-8: base letter, then its marks in canonical order
    /// (horn 216 before dot below 220 before breve/circumflex/tone marks 230).
    public static func appendNFD(_ letters: [UInt32], to out: inout [UInt8]) {
        for letter in letters {
            guard letter & VietnameseAlphabet.rawFlag == 0 && letter != VietnameseAlphabet.space else {
                VietnameseAlphabet.appendUTF8(VietnameseAlphabet.composedScalar(letter), to: &out)
                continue
            }
            let base = letter & VietnameseAlphabet.baseMask
            let tone = VietnameseTone(rawValue: UInt8((letter >> VietnameseAlphabet.toneShift) & 7)) ?? .none
            let quality = VietnameseAlphabet.qualityMark(base)
            let plain = quality?.plain ?? base
            let flags = letter & VietnameseAlphabet.upperFlag
            VietnameseAlphabet.appendUTF8(VietnameseAlphabet.composedScalar(plain | flags), to: &out)
            var marks: [(ccc: Int, scalar: UInt32)] = []
            if let quality { marks.append((quality.mark == 0x31B ? 216 : 230, quality.mark)) }
            if tone != .none { marks.append((tone == .dotBelow ? 220 : 230, tone.combiningMark)) }
            if marks.count == 2 && marks[1].ccc < marks[0].ccc { marks.swapAt(0, 1) }
            for mark in marks { VietnameseAlphabet.appendUTF8(mark.scalar, to: &out) }
        }
    }
}
