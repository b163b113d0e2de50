// VNI is the other common Vietnamese keyboard input method: a tone or a letter mark is typed
// as a digit after the letter ("Nguye64n" for Nguyễn: 6 the circumflex, 4 the tilde; "d9"
// for đ). With the input method off, the digits stay in the text.

/// Decodes VNI keystrokes left in a folded name: every digit 1-9 that follows a letter of a
/// word is a mark key, and the folded name has no marks, so the digits are dropped. Returns
/// nil when the name has no such digit. (No Vietnamese name has a digit; a word that is all
/// digits is left as it is, since it is no VNI spelling of anything.)
public func decodeVNI(_ folded: [UInt8]) -> [UInt8]? {
    func isMarkKey(_ b: UInt8) -> Bool { b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9") }
    func isLetter(_ b: UInt8) -> Bool { (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b >= 0x80 }
    guard folded.contains(where: isMarkKey) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(folded.count)
    var changed = false
    var previousWasLetterOrKey = false
    for b in folded {
        if isMarkKey(b) && previousWasLetterOrKey {
            changed = true
            continue
        }
        out.append(b)
        previousWasLetterOrKey = isLetter(b)
    }
    return changed ? out : nil
}
