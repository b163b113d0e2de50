/// One share of a partitioned run: partition `index` of `count` (0 <= index < count).
/// The single run is partition 0 of 1.
public struct ShotPartition: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole file.
    public static let whole = ShotPartition(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "partition index must be in 0..<count")
        self.index = index
        self.count = count
    }

    /// `I/N`, as on the command line.
    public var description: String { "\(index)/\(count)" }

    /// Whether the shot at accepted row `row` is this partition's.
    public func owns(row: Int, in groups: ShotGroups) -> Bool {
        count == 1 || groups.partition(ofRow: row, count: count) == index
    }

    /// Whether the rejected row at `line` is this partition's.
    public func owns(rejectAtLine line: Int) -> Bool {
        count == 1 || ShotGroups.partition(ofRejectAtLine: line, count: count) == index
    }
}
