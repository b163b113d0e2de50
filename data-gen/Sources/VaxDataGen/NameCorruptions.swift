import VaxCore
import VaxNames

// Slips made when a name is typed at a vaccination site, applied to packed letters
// (VietnameseAlphabet). Each returns whether it changed the name, so that a tag is written
// only for a real change.

/// Name corruptions on packed letters.
enum NameCorruptions {
    typealias A = VietnameseAlphabet

    @inline(__always)
    static func isLetter(_ l: UInt32) -> Bool { l != A.space && l & A.rawFlag == 0 }

    /// Word ranges (runs between spaces).
    static func words(_ letters: [UInt32]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var k = 0
        while k < letters.count {
            if letters[k] == A.space {
                k += 1
                continue
            }
            var e = k + 1
            while e < letters.count && letters[e] != A.space { e += 1 }
            result.append(k..<e)
            k = e
        }
        return result
    }

    /// Strips every mark, keeping case: Nguyễn → Nguyen, Đức → Duc.
    static func stripDiacritics(_ letters: inout [UInt32]) -> Bool {
        var changed = false
        for i in letters.indices where isLetter(letters[i]) {
            let base = letters[i] & A.baseMask
            let plain = A.asciiBase(base) | (letters[i] & A.upperFlag)
            if plain != letters[i] {
                letters[i] = plain
                changed = true
            }
        }
        return changed
    }

    /// Writes the tones in the other placement style (hòa ↔ hoà).
    static func switchTonePlacement(_ letters: inout [UInt32]) -> Bool {
        var modern = letters
        VietnameseToneRule.place(&modern, style: .modern)
        if modern != letters {
            letters = modern
            return true
        }
        var traditional = letters
        VietnameseToneRule.place(&traditional, style: .traditional)
        if traditional != letters {
            letters = traditional
            return true
        }
        return false
    }

    /// The words with a tone or a letter mark: what an input method types with extra keys.
    private static func markedWords(_ letters: [UInt32]) -> [Range<Int>] {
        words(letters).filter { range in
            range.contains { i in
                let l = letters[i]
                return isLetter(l) && (l >> A.toneShift & 7 != 0 || A.asciiBase(l & A.baseMask) != l & A.baseMask)
            }
        }
    }

    /// Leaves one syllable (or, one time in four, every syllable) as the Telex keys that type
    /// it: ă aw, â aa, ê ee, ô oo, ơ ow, ư uw, đ dd, tone key f s r x j at the end of the
    /// syllable. One time in three only the tone key is left, the vowel marks applied
    /// (a partly applied Telex sequence: Nguyễn → Nguyênx).
    static func telex(_ letters: inout [UInt32], _ rng: inout SplitMix64) -> Bool {
        let marked = markedWords(letters)
        guard !marked.isEmpty else { return false }
        let everyWord = rng.chance(0.25)
        let toneOnly = rng.chance(0.33)
        let chosen = everyWord ? marked : [marked[rng.below(marked.count)]]
        // Rebuild from the back so earlier ranges stay valid.
        for range in chosen.reversed() {
            let wordIsUpper =
                range.allSatisfy { !isLetter(letters[$0]) || letters[$0] & A.upperFlag != 0 } && range.count > 1
            let keyCase: UInt32 = wordIsUpper ? A.upperFlag : 0
            var out: [UInt32] = []
            var toneKey: UInt8? = nil
            for i in range {
                let l = letters[i]
                guard isLetter(l) else {
                    out.append(l)
                    continue
                }
                let tone = VietnameseTone(rawValue: UInt8(l >> A.toneShift & 7)) ?? .none
                if let key = tone.telexKey { toneKey = key }
                let base = l & A.baseMask
                let upper = l & A.upperFlag
                if toneOnly {
                    out.append(base | upper)
                    continue
                }
                switch base {
                case 0x103: out += [0x61 | upper, 0x77 | keyCase]
                case 0xE2: out += [0x61 | upper, 0x61 | keyCase]
                case 0xEA: out += [0x65 | upper, 0x65 | keyCase]
                case 0xF4: out += [0x6F | upper, 0x6F | keyCase]
                case 0x1A1: out += [0x6F | upper, 0x77 | keyCase]
                case 0x1B0: out += [0x75 | upper, 0x77 | keyCase]
                case A.dStroke: out += [0x64 | upper, 0x64 | keyCase]
                default: out.append(base | upper)
                }
            }
            if let toneKey { out.append(UInt32(toneKey) | keyCase) }
            letters.replaceSubrange(range, with: out)
        }
        return true
    }

    /// Leaves one syllable (or, one time in four, every syllable) as the VNI keys that type
    /// it: a mark as a digit after its letter (ă a8, â a6, ê e6, ô o6, ơ o7, ư u7, đ d9), the
    /// tone as a digit at the end of the syllable (sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5).
    static func vni(_ letters: inout [UInt32], _ rng: inout SplitMix64) -> Bool {
        let marked = markedWords(letters)
        guard !marked.isEmpty else { return false }
        let chosen = rng.chance(0.25) ? marked : [marked[rng.below(marked.count)]]
        let digit = { (d: UInt8) -> UInt32 in UInt32(UInt8(ascii: "0") + d) }
        for range in chosen.reversed() {
            var out: [UInt32] = []
            var toneKey: UInt32? = nil
            for i in range {
                let l = letters[i]
                guard isLetter(l) else {
                    out.append(l)
                    continue
                }
                switch VietnameseTone(rawValue: UInt8(l >> A.toneShift & 7)) ?? .none {
                case .none: break
                case .acute: toneKey = digit(1)
                case .grave: toneKey = digit(2)
                case .hook: toneKey = digit(3)
                case .tilde: toneKey = digit(4)
                case .dotBelow: toneKey = digit(5)
                }
                let base = l & A.baseMask
                let upper = l & A.upperFlag
                switch base {
                case 0x103: out += [0x61 | upper, digit(8)]
                case 0xE2: out += [0x61 | upper, digit(6)]
                case 0xEA: out += [0x65 | upper, digit(6)]
                case 0xF4: out += [0x6F | upper, digit(6)]
                case 0x1A1: out += [0x6F | upper, digit(7)]
                case 0x1B0: out += [0x75 | upper, digit(7)]
                case A.dStroke: out += [0x64 | upper, digit(9)]
                default: out.append(base | upper)
                }
            }
            if let toneKey { out.append(toneKey) }
            letters.replaceSubrange(range, with: out)
        }
        return true
    }

    // Neighbours on a QWERTY keyboard, for a..z.
    private static let neighbours: [String] = [
        "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop",
        "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji", "cfgb", "qase", "zsdc", "tghu", "asx",
    ]

    /// One keyboard slip on an unmarked letter: an adjacent key, a dropped letter, a doubled
    /// letter, or two letters swapped.
    static func typo(_ letters: inout [UInt32], _ rng: inout SplitMix64) -> Bool {
        let plain = letters.indices.filter { i in
            let l = letters[i]
            let base = l & A.baseMask
            return isLetter(l) && base >= 0x61 && base <= 0x7A && l >> A.toneShift & 7 == 0
        }
        guard !plain.isEmpty else { return false }
        let i = plain[rng.below(plain.count)]
        let l = letters[i]
        let base = l & A.baseMask
        switch rng.below(4) {
        case 0:
            let keys = Array(neighbours[Int(base - 0x61)].utf8)
            letters[i] = UInt32(keys[rng.below(keys.count)]) | (l & A.upperFlag)
            return true
        case 1:
            // Keep at least one letter in the word.
            let before = i > 0 && isLetter(letters[i - 1])
            let after = i + 1 < letters.count && isLetter(letters[i + 1])
            guard before || after else { return false }
            letters.remove(at: i)
            return true
        case 2:
            letters.insert(base | (l & A.upperFlag), at: i + 1)
            return true
        default:
            guard i + 1 < letters.count, isLetter(letters[i + 1]),
                letters[i + 1] & ~A.upperFlag != l & ~A.upperFlag
            else { return false }
            // The case stays with the position (a shifted first key stays first).
            let firstCase = l & A.upperFlag
            let secondCase = letters[i + 1] & A.upperFlag
            let a = l & ~A.upperFlag
            let b = letters[i + 1] & ~A.upperFlag
            letters[i] = b | firstCase
            letters[i + 1] = a | secondCase
            return true
        }
    }

    /// Leaves out the middle names of a name of three words or more.
    static func dropMiddle(_ letters: inout [UInt32]) -> Bool {
        let w = words(letters)
        guard w.count >= 3 else { return false }
        letters = Array(letters[w[0]]) + [A.space] + Array(letters[w[w.count - 1]])
        return true
    }

    /// Keeps only the given name (the last word) of a name of two words or more.
    static func keepGivenOnly(_ letters: inout [UInt32]) -> Bool {
        let w = words(letters)
        guard w.count >= 2 else { return false }
        letters = Array(letters[w[w.count - 1]])
        return true
    }

    /// Leaves out the family name (the first word) of a name of three words or more, so
    /// that a middle and a given name remain.
    static func dropFamily(_ letters: inout [UInt32]) -> Bool {
        let w = words(letters)
        guard w.count >= 3 else { return false }
        letters = Array(letters[w[1].lowerBound..<w[w.count - 1].upperBound])
        return true
    }

    /// Upper case, lower case, random case, or extra spaces.
    static func caseSpacing(_ letters: inout [UInt32], _ rng: inout SplitMix64) -> Bool {
        let before = letters
        switch rng.below(4) {
        case 0:
            for i in letters.indices where isLetter(letters[i]) { letters[i] |= A.upperFlag }
        case 1:
            for i in letters.indices where isLetter(letters[i]) { letters[i] &= ~A.upperFlag }
        case 2:
            for i in letters.indices where isLetter(letters[i]) {
                letters[i] = rng.chance(0.5) ? letters[i] | A.upperFlag : letters[i] & ~A.upperFlag
            }
        default:
            let spaces = letters.indices.filter { letters[$0] == A.space }
            if spaces.isEmpty || rng.chance(0.3) {
                if rng.chance(0.5) { letters.append(A.space) } else { letters.insert(A.space, at: 0) }
            } else {
                letters.insert(A.space, at: spaces[rng.below(spaces.count)])
            }
        }
        return letters != before
    }

    /// Whether encoding in NFD would differ from NFC (some letter carries a mark).
    static func hasMarks(_ letters: [UInt32]) -> Bool {
        letters.contains { l in
            isLetter(l) && (l >> A.toneShift & 7 != 0 || A.qualityMark(l & A.baseMask) != nil)
        }
    }
}
