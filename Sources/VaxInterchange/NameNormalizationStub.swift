// Interim normalizer until the Vietnamese name normalizer lands: ASCII lowercase only.
// Replaced at merge by VietnameseName*.swift.

/// The normalized comparison form of a name.
public func normalizeNameBytes(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
}

/// The diacritics-free key of a normalized name.
public func foldNameBytes(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    Array(bytes)
}
