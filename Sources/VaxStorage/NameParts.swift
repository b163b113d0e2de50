/// The three parts of a Vietnamese full name, as the store keeps them.
public enum NamePart: Int, CaseIterable, Sendable {
    /// The first word (họ), e.g. Nguyễn.
    case family = 0
    /// The words between the first and the last (tên đệm), e.g. Thị Thu; may be empty.
    case middle = 1
    /// The last word (tên), e.g. Hương.
    case given = 2
}

/// Splits a full name on ASCII spaces into family, middle (joined by single spaces) and
/// given. A one-word name is a given name alone. Returns byte ranges into `name`, and
/// whether joining the non-empty parts with single spaces gives `name` back exactly.
func splitNameParts(_ name: UnsafeRawBufferPointer) -> (family: Range<Int>, middle: Range<Int>, given: Range<Int>, exact: Bool) {
    // Allocation-free: find the first and last words, and whether every gap is one space.
    let n = name.count
    var first = 0
    while first < n && name[first] == 0x20 { first += 1 }
    var end = n
    while end > first && name[end - 1] == 0x20 { end -= 1 }
    guard first < end else { return (0..<0, 0..<0, 0..<0, n == 0) }
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
        return (0..<0, 0..<0, first..<end, singleSpaces)
    }
    var middleStart = firstEnd
    while middleStart < lastStart && name[middleStart] == 0x20 { middleStart += 1 }
    var middleEnd = lastStart
    while middleEnd > middleStart && name[middleEnd - 1] == 0x20 { middleEnd -= 1 }
    let middle = middleStart < middleEnd ? middleStart..<middleEnd : firstEnd..<firstEnd
    return (first..<firstEnd, middle, lastStart..<end, singleSpaces)
}
