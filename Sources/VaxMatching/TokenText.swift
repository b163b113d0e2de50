import VaxStorage

/// The register's tokens of one name part and form (original, normalized or folded) as raw
/// bytes, read on the scoring path without reference counting.
///
/// `@unchecked Sendable`: written once in init, freed in deinit, read-only in between.
final class TokenText: @unchecked Sendable {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ends: UnsafeMutableBufferPointer<UInt32>

    init(_ table: StringTable) {
        bytes = .allocate(capacity: max(table.bytes.count, 1))
        _ = bytes.initialize(from: table.bytes)
        ends = .allocate(capacity: max(table.ends.count, 1))
        _ = ends.initialize(from: table.ends)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// The bytes of token `id`.
    @inline(__always)
    func text(_ id: UInt32) -> UnsafeRawBufferPointer {
        let i = Int(id)
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(bytes)[start..<Int(ends[i])])
    }
}
