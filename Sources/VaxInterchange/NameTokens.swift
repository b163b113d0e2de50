// The parts of a Vietnamese full name: family name first, given name last, middle names
// between ("Nguyễn Thị Thu Hà": family Nguyễn, middle Thị Thu, given Hà).

/// Byte ranges of the parts of a normalized name (single spaces, no leading or trailing).
///
/// A one-word name is a given name with no family name; two words are family and given.
public struct NameTokens: Sendable, Equatable {
    /// The family name (first word); empty for a one-word name.
    public var family: Range<Int>
    /// The middle names with the spaces between them; empty when there are none.
    public var middle: Range<Int>
    /// The given name (last word).
    public var given: Range<Int>
    /// The number of words.
    public var wordCount: Int
}

/// Splits a normalized name (see `normalizeName`) into family, middle and given parts.
/// - Complexity: O(name.count).
public func nameTokens(_ name: UnsafeRawBufferPointer) -> NameTokens {
    var firstSpace = -1
    var lastSpace = -1
    var words = name.isEmpty ? 0 : 1
    for (i, b) in name.enumerated() where b == 0x20 {
        if firstSpace < 0 { firstSpace = i }
        lastSpace = i
        words += 1
    }
    let n = name.count
    guard firstSpace >= 0 else {
        return NameTokens(family: 0..<0, middle: 0..<0, given: 0..<n, wordCount: words)
    }
    let middle = firstSpace == lastSpace ? (firstSpace + 1)..<(firstSpace + 1) : (firstSpace + 1)..<lastSpace
    return NameTokens(family: 0..<firstSpace, middle: middle, given: (lastSpace + 1)..<n, wordCount: words)
}

/// Splits a normalized name given as bytes.
public func nameTokens(_ name: [UInt8]) -> NameTokens {
    name.withUnsafeBytes { nameTokens($0) }
}
