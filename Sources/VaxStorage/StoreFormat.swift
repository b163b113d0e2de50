/// Constants of the store's on-disk format (docs/store-format.md). On-disk raw values: frozen.
enum StoreFormat {
    /// Bump on any change to any file's layout or meaning.
    static let version: UInt32 = 3
    static let manifestMagic = "VAXSTOR\u{1}"
    static let shardMagic = "VAXSHRD\u{1}"
    static let manifestName = "manifest.vxs"
    static func shardName(_ i: Int) -> String {
        "shard-" + String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i) + ".vxs"
    }
}
