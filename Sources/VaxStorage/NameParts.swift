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
    var words: [Range<Int>] = []
    var start = -1
    for i in 0..<name.count {
        if name[i] == 0x20 {
            if start >= 0 { words.append(start..<i); start = -1 }
        } else if start < 0 {
            start = i
        }
    }
    if start >= 0 { words.append(start..<name.count) }
    guard let last = words.last else { return (0..<0, 0..<0, 0..<0, name.count == 0) }
    if words.count == 1 { return (0..<0, 0..<0, last, last == 0..<name.count) }
    let first = words[0]
    let middle = words.count > 2 ? words[1].lowerBound..<words[words.count - 2].upperBound : first.upperBound..<first.upperBound
    // Exact iff single spaces everywhere and no leading/trailing space.
    let exact = first.lowerBound == 0 && last.upperBound == name.count
        && zip(words, words.dropFirst()).allSatisfy { $1.lowerBound == $0.upperBound + 1 }
    return (first, middle, last, exact)
}
