import VaxNames
import VaxStorage

/// A recorded name in its normalized and folded forms (as the shot carries it), with the
/// store's token IDs for each part where the register knows the token.
struct ShotName {
    private var normalizedBytes: [UInt8]
    private var foldedBytes: [UInt8]
    private var normalizedParts: NameTokens
    private var foldedParts: NameTokens
    /// Token IDs per part, -1 when the register does not know it.
    private var normalizedIDs = NameParts<Int32>.repeating(-1)
    private var foldedIDs = NameParts<Int32>.repeating(-1)

    /// Looks up the shot's name (normalized and folded when the shot was read) in the
    /// register's dictionaries.
    init(_ name: NormalizedName, index: TokenIndex) {
        normalizedBytes = name.normalized
        foldedBytes = name.folded
        normalizedParts = name.normalizedTokens
        foldedParts = name.foldedTokens
        normalizedIDs = NameParts { lookup(index, $0, folded: false) }
        foldedIDs = NameParts { lookup(index, $0, folded: true) }
        // A name typed in Telex or VNI with the input method off ("Traanf Phuwowng",
        // "Tra62n Phu7o7ng") folds to nothing the register knows: decode the keys and look
        // the words up again.
        if foldedIDs.values.contains(where: { $0 < 0 }), let decoded = decodeVNI(foldedBytes) ?? decodeTelex(foldedBytes),
           decoded != foldedBytes
        {
            let parts = NameTokens(decoded)
            if parts.wordCount == foldedParts.wordCount {
                let ids = decoded.withUnsafeBytes { raw in
                    NameParts { index.find($0, folded: true, UnsafeRawBufferPointer(rebasing: raw[parts[$0]])) }
                }
                let known = ids.values.filter { $0 >= 0 }.count
                if known == 3 || known > foldedIDs.values.filter({ $0 >= 0 }).count {
                    foldedBytes = decoded
                    foldedParts = parts
                    foldedIDs = ids
                }
            }
        }
    }

    /// A name known to be the registered one: built from the register's own token texts
    /// and IDs, without looking anything up.
    init(registered name: NormalizedName, normalizedIDs: NameParts<UInt32>, foldedIDs: NameParts<UInt32>) {
        normalizedBytes = name.normalized
        foldedBytes = name.folded
        normalizedParts = name.normalizedTokens
        foldedParts = name.foldedTokens
        self.normalizedIDs = normalizedIDs.map { Int32($0) }
        self.foldedIDs = foldedIDs.map { Int32($0) }
    }

    /// A name of two words read as middle and given name, its family name left out ("Thị
    /// Huyền" for "Lê Thị Huyền"); nil for any other word count.
    init?(familyOmitted name: NormalizedName, index: TokenIndex) {
        guard name.wordCount == 2 else { return nil }
        self.init(name, index: index)
        func shifted(_ tokens: NameTokens) -> NameTokens {
            var out = tokens
            let family = tokens[.family]
            out.ranges = NameParts(family: family.lowerBound..<family.lowerBound, middle: family, given: tokens[.given])
            return out
        }
        normalizedParts = shifted(normalizedParts)
        foldedParts = shifted(foldedParts)
        normalizedIDs = NameParts { lookup(index, $0, folded: false) }
        foldedIDs = NameParts { lookup(index, $0, folded: true) }
    }

    private func lookup(_ index: TokenIndex, _ part: NamePart, folded: Bool) -> Int32 {
        let bytes = folded ? foldedBytes : normalizedBytes
        let range = (folded ? foldedParts : normalizedParts)[part]
        return bytes.withUnsafeBytes { index.find(part, folded: folded, UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The number of words recorded.
    var wordCount: Int { normalizedParts.wordCount }
    /// The normalized bytes of `part` (middle words joined by a space).
    func normalized(_ part: NamePart) -> ArraySlice<UInt8> { normalizedBytes[normalizedParts[part]] }
    /// The folded bytes of `part`.
    func folded(_ part: NamePart) -> ArraySlice<UInt8> { foldedBytes[foldedParts[part]] }
    /// Whether `part` was recorded without any diacritics (plain ASCII, Telex keys included).
    func isDiacriticFree(_ part: NamePart) -> Bool { normalized(part).allSatisfy { $0 < 0x80 } }
    /// The store's normalized token ID of `part`, if the register knows the token.
    func normalizedID(_ part: NamePart) -> UInt32? { let v = normalizedIDs[part]; return v < 0 ? nil : UInt32(v) }
    /// The store's folded token ID of `part`, if the register knows the token.
    func foldedID(_ part: NamePart) -> UInt32? { let v = foldedIDs[part]; return v < 0 ? nil : UInt32(v) }
}
