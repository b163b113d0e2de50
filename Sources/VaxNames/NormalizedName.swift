/// A name in its two comparison forms, computed once from the bytes as typed: normalized
/// (see `normalizeName`) and folded (see `foldName`), each split into parts.
///
/// A recorded shot carries one, so that no later pass normalizes its name again.
public struct NormalizedName: Sendable, Equatable {
    /// The canonical form, UTF-8.
    public let normalized: [UInt8]
    /// The diacritics-free form of `normalized`, UTF-8.
    public let folded: [UInt8]
    /// The parts of `normalized`.
    public let normalizedTokens: NameTokens
    /// The parts of `folded`.
    public let foldedTokens: NameTokens

    /// Normalizes and folds `raw` (UTF-8 as typed).
    /// - Complexity: O(raw.count).
    public init(raw: [UInt8]) {
        let normalized = raw.withUnsafeBytes { normalizeName($0) }
        self.init(normalized: normalized, folded: normalized.withUnsafeBytes { foldName($0) })
    }

    /// A name whose two forms are known already (e.g. the register's own tokens joined).
    public init(normalized: [UInt8], folded: [UInt8]) {
        self.normalized = normalized
        self.folded = folded
        normalizedTokens = NameTokens(normalized)
        foldedTokens = NameTokens(folded)
    }

    /// The number of words.
    public var wordCount: Int { normalizedTokens.wordCount }
    /// The normalized bytes of `part` (middle words joined by a space).
    public func normalized(_ part: NamePart) -> ArraySlice<UInt8> { normalized[normalizedTokens[part]] }
    /// The folded bytes of `part`.
    public func folded(_ part: NamePart) -> ArraySlice<UInt8> { folded[foldedTokens[part]] }
}
