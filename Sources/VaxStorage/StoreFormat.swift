/// Constants of the store's on-disk format (docs/store-format.md). On-disk raw values: frozen.
enum StoreFormat {
    /// Bump on any change to any file's layout or meaning.
    /// 3: the manifest records every shard file's SHA-256 (section 5), values are range-checked.
    /// 4: a blocking key's postings are ordered by birth date (the search reads near dates first).
    /// 5: a tag (8 bits of the key hash) per blocking-index entry (sections 126-128).
    static let version: UInt32 = 5
    static let manifestMagic = "VAXSTOR\u{1}"
    static let shardMagic = "VAXSHRD\u{1}"
    static let manifestName = "manifest.vxs"
    static func shardName(_ i: Int) -> String {
        "shard-" + String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i) + ".vxs"
    }
}
