// How the register's full names are split into parts for the store: on ASCII spaces, the
// first word is the family name, the last the given name, the words between (joined by
// single spaces) the middle name. A one-word name is a given name alone.

/// The parts of a registered full name as byte ranges into it, and whether joining the
/// non-empty parts with single spaces gives the name back exactly (else the store keeps
/// the exact bytes beside the tokens).
public struct RegisteredNameSplit: Sendable, Equatable {
    /// Byte ranges of family, middle and given name in the full name.
    public var ranges: NameParts<Range<Int>>
    /// Whether the parts joined by single spaces are the full name byte for byte.
    public var isExact: Bool

    /// Splits `name` (allocation-free: finds the first and last words, and whether every
    /// gap is one space).
    /// - Complexity: O(name.count).
    public init(_ name: UnsafeRawBufferPointer) {
        let n = name.count
        var first = 0
        while first < n && name[first] == 0x20 { first += 1 }
        var end = n
        while end > first && name[end - 1] == 0x20 { end -= 1 }
        guard first < end else {
            self.init(ranges: NameParts.repeating(0..<0), isExact: n == 0)
            return
        }
        var firstEnd = first
        while firstEnd < end && name[firstEnd] != 0x20 { firstEnd += 1 }
        var lastStart = end
        while lastStart > first && name[lastStart - 1] != 0x20 { lastStart -= 1 }
        var singleSpaces = first == 0 && end == n
        var i = first
        while singleSpaces && i + 1 < end {
            if name[i] == 0x20 && name[i + 1] == 0x20 { singleSpaces = false }
            i += 1
        }
        if firstEnd == end {  // one word: a given name alone
            self.init(ranges: NameParts(family: 0..<0, middle: 0..<0, given: first..<end), isExact: singleSpaces)
            return
        }
        var middleStart = firstEnd
        while middleStart < lastStart && name[middleStart] == 0x20 { middleStart += 1 }
        var middleEnd = lastStart
        while middleEnd > middleStart && name[middleEnd - 1] == 0x20 { middleEnd -= 1 }
        let middle = middleStart < middleEnd ? middleStart..<middleEnd : firstEnd..<firstEnd
        self.init(ranges: NameParts(family: first..<firstEnd, middle: middle, given: lastStart..<end), isExact: singleSpaces)
    }

    /// The split of the given parts (for tests and callers that have them).
    public init(ranges: NameParts<Range<Int>>, isExact: Bool) {
        self.ranges = ranges
        self.isExact = isExact
    }
}
