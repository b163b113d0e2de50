/// Variable-length byte strings stored back to back in one array, addressed by index.
///
/// Entry `k` is `bytes[ends[k-1] ..< ends[k]]` (from 0 for `k == 0`). A batch of rows keeps
/// all its text in one arena, so a million rows cost two allocations, not millions.
public struct TextArena: Sendable {
    /// The concatenated entries.
    public private(set) var bytes: [UInt8] = []
    /// The end offset of each entry.
    public private(set) var ends: [UInt32] = []

    public init() {}

    /// The number of entries.
    public var count: Int { ends.count }

    /// Appends one entry.
    public mutating func append(_ entry: UnsafeRawBufferPointer) {
        // A typed buffer appends with one memcpy; a raw one would append byte by byte.
        // safe: UInt8 is a trivial type, so viewing any initialized bytes as UInt8 is valid
        bytes.append(
            contentsOf: UnsafeBufferPointer(
                start: entry.baseAddress?.assumingMemoryBound(to: UInt8.self),
                count: entry.count))
        precondition(bytes.count <= Int(UInt32.max), "a batch holds at most 4 GiB of text")
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Entry `index`'s byte range in `bytes`.
    public func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// Entry `index` (a view sharing the arena's storage).
    public subscript(index: Int) -> ArraySlice<UInt8> { bytes[range(index)] }

    /// Calls `body` with entry `index`'s bytes. O(1), no copy.
    public func withBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let r = range(index)
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[r])) }
    }

    /// Entry `index` as a String (allocates).
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// Empties the arena, keeping its capacity for the next batch.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
