// The parts of a Vietnamese full name: family name first, given name last, middle names
// between ("Nguyễn Thị Thu Hà": family Nguyễn, middle Thị Thu, given Hà).

/// Byte ranges of the parts of a normalized name (single spaces, no leading or trailing).
///
/// A one-word name is a given name with no family name; two words are family and given.
public struct NameTokens: Sendable, Equatable {
    /// The byte range of each part; the middle range holds the spaces between its words and
    /// is empty when there are none.
    public var ranges: NameParts<Range<Int>>
    /// The number of words.
    public var wordCount: Int

    /// Splits a normalized name (see `normalizeName`) into family, middle and given parts.
    /// - Complexity: O(name.count).
    public init(_ name: UnsafeRawBufferPointer) {
        var firstSpace = -1
        var lastSpace = -1
        var words = name.isEmpty ? 0 : 1
        for (i, b) in name.enumerated() where b == 0x20 {
            if firstSpace < 0 { firstSpace = i }
            lastSpace = i
            words += 1
        }
        let n = name.count
        wordCount = words
        guard firstSpace >= 0 else {
            ranges = NameParts(family: 0..<0, middle: 0..<0, given: 0..<n)
            return
        }
        let middle = firstSpace == lastSpace ? (firstSpace + 1)..<(firstSpace + 1) : (firstSpace + 1)..<lastSpace
        ranges = NameParts(family: 0..<firstSpace, middle: middle, given: (lastSpace + 1)..<n)
    }

    /// Splits a normalized name given as bytes.
    public init(_ name: [UInt8]) {
        self = name.withUnsafeBytes { NameTokens($0) }
    }

    /// The byte range of `part`.
    @inlinable
    public subscript(part: NamePart) -> Range<Int> { ranges[part] }
}
