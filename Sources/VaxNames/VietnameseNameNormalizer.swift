// The canonical text of a name, used for every comparison of names (store and matcher):
//
//   normalizeName: NFC; lower case (Vietnamese folding, Đ → đ, look-alike D-with-stroke
//     letters U+0110 U+00D0 U+0189 U+0111 U+00F0 U+0256 → đ); zero-width characters and
//     other controls removed; every run of spaces (any Unicode space, tab, line break)
//     collapsed to one ASCII space; leading and trailing spaces trimmed; tone marks placed
//     in the MODERN style (VietnameseToneRule: hoà, khoẻ, thuý; quý, gìn unchanged).
//   foldName: normalizeName, then every mark stripped (ă â → a, ê → e, ô ơ → o, ư → u,
//     đ → d, tones dropped): the diacritics-free key "nguyen van an". Characters outside
//     the Vietnamese alphabet keep their (lower-cased, NFC) form minus combining marks.
//
// Fast path: own UTF-8 decoder and alphabet tables, no Foundation, no heap allocation besides
// the output. Text with a character outside the alphabet and outside ASCII (e.g. "ç", or a
// combining mark that does not apply to a Vietnamese letter) takes the slow path once:
// Foundation's canonical composition and the stdlib's lower-casing, then the fast path again.
import Foundation

/// The canonical form of a name (see the file header), appended to `out` as UTF-8.
/// - Complexity: O(bytes.count).
public func normalizeName(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    withNameLetters(bytes) { letters in
        VietnameseNameEmitter.emit(letters, into: &out, fold: false)
    }
}

/// The canonical form of a name (see the file header) as UTF-8 bytes.
public func normalizeName(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 4)
    normalizeName(bytes, into: &out)
    return out
}

/// The canonical form of a name as a String.
public func normalizeName(_ text: String) -> String {
    var text = text
    return text.withUTF8 { String(decoding: normalizeName(UnsafeRawBufferPointer($0)), as: UTF8.self) }
}

/// The diacritics-free key of a name (see the file header), appended to `out`.
/// - Complexity: O(bytes.count).
public func foldName(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    withNameLetters(bytes) { letters in
        VietnameseNameEmitter.emit(letters, into: &out, fold: true)
    }
}

/// The diacritics-free key of a name as UTF-8 bytes.
public func foldName(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    foldName(bytes, into: &out)
    return out
}

/// The diacritics-free key of a name as a String.
public func foldName(_ text: String) -> String {
    var text = text
    return text.withUTF8 { String(decoding: foldName(UnsafeRawBufferPointer($0)), as: UTF8.self) }
}

/// Decodes a name into packed letters on the stack, taking the Foundation path only when the
/// fast decoder cannot handle the text.
@inline(__always)
private func withNameLetters(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeMutableBufferPointer<UInt32>) -> Void) {
    let handled = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bytes.count + 1) { scratch -> Bool in
        // safe: capacity >= bytes.count + 1 >= 1, so baseAddress is non-nil
        guard let n = VietnameseText.decode(bytes, into: scratch.baseAddress!, passthrough: false) else {
            return false
        }
        body(UnsafeMutableBufferPointer(rebasing: scratch[0..<n]))
        return true
    }
    guard !handled else { return }
    let composed = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased()
    var utf8 = Array(composed.utf8)
    utf8.withUnsafeBytes { text in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: text.count + 1) { scratch in
            // safe: valid UTF-8 from String, and passthrough accepts every scalar
            let n = VietnameseText.decode(text, into: scratch.baseAddress!, passthrough: true) ?? 0
            body(UnsafeMutableBufferPointer(rebasing: scratch[0..<n]))
        }
    }
    utf8.removeAll()
}

/// Writes decoded letters as canonical text.
enum VietnameseNameEmitter {
    @inline(__always)
    static func emit(_ letters: UnsafeMutableBufferPointer<UInt32>, into out: inout [UInt8], fold: Bool) {
        let n = letters.count
        var k = 0
        var wroteWord = false
        while k < n {
            if letters[k] == VietnameseAlphabet.space {
                k += 1
                continue
            }
            var e = k + 1
            while e < n && letters[e] != VietnameseAlphabet.space { e += 1 }
            if wroteWord { out.append(0x20) }
            wroteWord = true
            if fold {
                for i in k..<e { emitFolded(letters[i], into: &out) }
            } else {
                for i in k..<e { letters[i] &= ~VietnameseAlphabet.upperFlag }
                VietnameseToneRule.place(letters, k, e, style: .modern)
                for i in k..<e {
                    VietnameseAlphabet.appendUTF8(VietnameseAlphabet.composedScalar(letters[i]), to: &out)
                }
            }
            k = e
        }
    }

    @inline(__always)
    static func emitFolded(_ letter: UInt32, into out: inout [UInt8]) {
        let base = letter & VietnameseAlphabet.baseMask
        if letter & VietnameseAlphabet.rawFlag == 0 {
            VietnameseAlphabet.appendUTF8(VietnameseAlphabet.asciiBase(base), to: &out)
        } else if base < 0x300 || base > 0x36F {
            VietnameseAlphabet.appendUTF8(base, to: &out)
        }
    }
}
