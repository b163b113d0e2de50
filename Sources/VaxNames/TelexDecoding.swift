// Telex is the common Vietnamese keyboard input method: a tone or a letter mark is typed as
// an extra key ("nguyeenx" for nguyễn). With the input method off, the keys stay in the text.

/// Decodes Telex keystrokes left in a folded name when the input method was off: a final
/// tone key (s f r x j; no Vietnamese syllable ends in one), doubled vowels and dd (â ê ô đ),
/// and w after a, o, u (ă ơ ư). Returns nil when nothing changed.
public func decodeTelex(_ folded: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(folded.count)
    var changed = false
    let words = folded.split(separator: 0x20, omittingEmptySubsequences: false)
    for (w, word) in words.enumerated() {
        if w > 0 { out.append(0x20) }
        var letters = Array(word)
        if letters.count > 2, let last = letters.last, "sfrxj".utf8.contains(last) {
            letters.removeLast()
            changed = true
        }
        var i = 0
        while i < letters.count {
            let c = letters[i]
            let next = i + 1 < letters.count ? letters[i + 1] : 0
            if next == c && (c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "o") || c == UInt8(ascii: "d")) {
                out.append(c)
                i += 2
                changed = true
                continue
            }
            if c == UInt8(ascii: "w") {
                // "uw", "ow", "aw" drop the w; a lone w stands for ư.
                if let previous = out.last, previous == UInt8(ascii: "u") || previous == UInt8(ascii: "o") || previous == UInt8(ascii: "a") {
                    i += 1
                } else {
                    out.append(UInt8(ascii: "u"))
                    i += 1
                }
                changed = true
                continue
            }
            out.append(c)
            i += 1
        }
    }
    return changed ? out : nil
}
