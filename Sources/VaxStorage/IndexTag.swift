/// A blocking-index entry's tag: the low 8 bits of its key hash (store format 5). The 16
/// entries between two samples have their tags in one cache line, so a search finds where a
/// key's run begins and ends by reading them, and recomputes an entry's key from its row
/// (several cache misses in a national register) only to confirm a tag that matches: one
/// entry of another key in 256 shares the tag.
enum IndexTag {
    @inline(__always)
    static func of(hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash) }
}
