// Where the tone mark sits in a syllable. Vietnamese writes it on one vowel of the nucleus;
// two conventions differ only for the open syllables oa, oe, uy:
//
//   traditional ("old style"): hòa, khỏe, thúy   (mark on the first vowel)
//   modern ("new style"):      hoà, khoẻ, thuý   (mark on the second vowel)
//
// The canonical form of vaxlink is MODERN. The rule, applied to one syllable (a run of
// alphabet letters between spaces or raw characters):
//
//   1. The nucleus is the first run of vowels. A leading "qu" keeps its u, and a leading "gi"
//      followed by another vowel keeps its i, as part of the initial consonant (quý, giữ;
//      but gìn, where i is the only vowel, keeps the mark on i).
//   2. If the nucleus has a vowel with a quality mark (ă â ê ô ơ ư), the tone goes on the
//      last such vowel (ươ → ơ: người; ưu → ư: cứu).
//   3. Otherwise a nucleus of 3 vowels takes it on the middle one (ngoài, khuỷu).
//   4. A nucleus of 2 vowels takes it on the second vowel when a final consonant follows
//      (hoàng, huỳnh, toán); in an open syllable on the second for oa, oe, uy in the modern
//      style (first in the traditional style) and on the first for every other pair
//      (hài, mùa, tùi, mía).
//   5. A single vowel takes it.
//
// A syllable that is not Vietnamese in shape (more than 3 vowels, or vowels after the final
// consonant) keeps its marks where they are. Two tones in one syllable keep the last one.

/// The tone-placement rule (see the file header).
public enum VietnameseToneRule {
    /// Moves each syllable's tone to its place under `style`.
    /// - Parameter letters: packed letters (VietnameseAlphabet), words separated by 0x20.
    /// - Complexity: O(letters.count).
    public static func place(_ letters: inout [UInt32], style: VietnameseToneStyle) {
        letters.withUnsafeMutableBufferPointer { buffer in
            place(buffer, 0, buffer.count, style: style)
        }
    }

    /// Moves the tones of the syllables in `letters[start..<end]`.
    @inline(__always)
    static func place(
        _ letters: UnsafeMutableBufferPointer<UInt32>, _ start: Int, _ end: Int,
        style: VietnameseToneStyle
    ) {
        var k = start
        while k < end {
            // A syllable: a run of alphabet letters (not space, not raw).
            if letters[k] == VietnameseAlphabet.space || letters[k] & VietnameseAlphabet.rawFlag != 0 {
                k += 1
                continue
            }
            var e = k + 1
            while e < end && letters[e] != VietnameseAlphabet.space
                && letters[e] & VietnameseAlphabet.rawFlag == 0
            { e += 1 }
            placeInSyllable(letters, k, e, style: style)
            k = e
        }
    }

    /// Applies the rule to one syllable `letters[start..<end]` of alphabet letters.
    @inline(__always)
    static func placeInSyllable(
        _ letters: UnsafeMutableBufferPointer<UInt32>, _ start: Int, _ end: Int,
        style: VietnameseToneStyle
    ) {
        let toneMask: UInt32 = 7 << VietnameseAlphabet.toneShift
        var tone: UInt32 = 0
        for i in start..<end where letters[i] & toneMask != 0 {
            tone = letters[i] & toneMask
        }
        guard tone != 0 else { return }
        @inline(__always) func base(_ i: Int) -> UInt32 { letters[i] & VietnameseAlphabet.baseMask }
        var vStart = start
        while vStart < end && VietnameseAlphabet.vowelIndex(base(vStart)) < 0 { vStart += 1 }
        var vEnd = vStart
        while vEnd < end && VietnameseAlphabet.vowelIndex(base(vEnd)) >= 0 { vEnd += 1 }
        for i in vEnd..<end where VietnameseAlphabet.vowelIndex(base(i)) >= 0 { return }
        guard vEnd > vStart else { return }
        // qu- and gi- before another vowel belong to the initial consonant.
        if vEnd - vStart >= 2 && vStart == start + 1 {
            let first = base(start)
            let vowel = base(vStart)
            if (first == 0x71 && vowel == 0x75) || (first == 0x67 && vowel == 0x69) { vStart += 1 }
        }
        let count = vEnd - vStart
        guard count <= 3 else { return }
        var target = -1
        for i in vStart..<vEnd where VietnameseAlphabet.hasQualityMark(base(i)) { target = i }
        if target < 0 {
            switch count {
            case 3:
                target = vStart + 1
            case 2:
                if vEnd < end {
                    target = vStart + 1
                } else {
                    let a = base(vStart)
                    let b = base(vStart + 1)
                    let isPair = (a == 0x6F && (b == 0x61 || b == 0x65)) || (a == 0x75 && b == 0x79)
                    target = isPair && style == .modern ? vStart + 1 : vStart
                }
            default:
                target = vStart
            }
        }
        for i in start..<end { letters[i] &= ~toneMask }
        letters[target] |= tone
    }
}
