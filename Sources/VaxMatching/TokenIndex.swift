import VaxNames
import VaxStorage

/// Finds token IDs by their bytes in the register's dictionaries without allocating.
///
/// `@unchecked Sendable`: built once in init, read-only afterwards.
final class TokenIndex: @unchecked Sendable {
    private let normalized: [ByteInterner]
    private let folded: [ByteInterner]

    init(_ dictionaries: TokenDictionaries) {
        func interner(_ table: StringTable) -> ByteInterner {
            var interner = ByteInterner()
            table.bytes.withUnsafeBytes { raw in
                for id in 0..<table.count {
                    // Dictionary entries are distinct, so the interner's IDs equal the table's.
                    let got = interner.intern(UnsafeRawBufferPointer(rebasing: raw[table.range(id)]))
                    precondition(got == id, "dictionary entries must be distinct")
                }
            }
            return interner
        }
        normalized = NamePart.allCases.map { interner(dictionaries[$0].normalized) }
        folded = NamePart.allCases.map { interner(dictionaries[$0].folded) }
    }

    /// The ID of `bytes` in `part`'s normalized or folded dictionary, or -1.
    func find(_ part: NamePart, folded isFolded: Bool, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        let id = isFolded ? folded[part.rawValue].find(bytes) : normalized[part.rawValue].find(bytes)
        return id.map { Int32($0) } ?? -1
    }
}
