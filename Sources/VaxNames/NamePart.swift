/// The three parts of a Vietnamese full name, as the store keeps them.
public enum NamePart: Int, CaseIterable, Sendable {
    /// The first word (họ), e.g. Nguyễn.
    case family = 0
    /// The words between the first and the last (tên đệm), e.g. Thị Thu; may be empty.
    case middle = 1
    /// The last word (tên), e.g. Hương.
    case given = 2
}
