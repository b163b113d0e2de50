import VaxNames

// The store keeps each name part in three forms: as registered, normalized (the matcher's
// comparison form) and folded (diacritics-free). Both derived forms come from the one
// normalizer in VaxNames, so the store and the matcher can never disagree.

/// The normalized form of one name part's bytes.
func normalizedPart(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    Array(bytes).withUnsafeBytes { normalizeName($0) }
}

/// The folded form of one normalized name part.
func foldedPart(_ normalized: [UInt8]) -> [UInt8] {
    normalized.withUnsafeBytes { foldName($0) }
}
