public import VaxCore

/// A batch of population.csv rows that passed validation, stored by column, plus the
/// rejected rows of the same stretch of the file.
public struct PopulationBatch: Sendable {
    /// The physical line where each row starts.
    public internal(set) var lines: [Int] = []
    /// SHA-256 of each row's raw bytes as read.
    public internal(set) var rawSHA256: [SHA256Digest] = []
    /// Each row's citizen_id.
    public internal(set) var citizenIDs: [CitizenID] = []
    /// Each row's legacy_id (9 digits), `PopulationBatch.noLegacyID` when empty.
    public internal(set) var legacyIDs: [UInt32] = []
    /// Full names as registered (valid UTF-8, not normalized), one arena entry per row.
    public internal(set) var fullNames = TextArena()
    /// Birth dates packed as `PartialDate.packed` (never 0: the column is required).
    public internal(set) var birthDates: [UInt32] = []
    /// `Sex.rawValue`.
    public internal(set) var sexes: [UInt8] = []
    /// The province of permanent residence.
    public internal(set) var provinceCodes: [UInt8] = []
    /// Rejected rows of this stretch of the file, in line order.
    public internal(set) var issues: [RowIssue] = []

    /// The `legacyIDs` value for an empty legacy_id.
    public static let noLegacyID = UInt32.max

    public init() {}

    /// The number of accepted rows.
    public var count: Int { lines.count }

    /// Whether the batch holds neither rows nor issues.
    public var isEmpty: Bool { lines.isEmpty && issues.isEmpty }

    /// Row `i`'s legacy_id, or nil if empty.
    public func legacyID(_ i: Int) -> UInt32? { legacyIDs[i] == PopulationBatch.noLegacyID ? nil : legacyIDs[i] }

    /// Row `i`'s full_name bytes (shares the arena's storage).
    public func fullName(_ i: Int) -> ArraySlice<UInt8> { fullNames[i] }

    /// Row `i`'s birth date.
    public func birthDate(_ i: Int) -> PartialDate {
        // safe to force: only validated dates are stored
        PartialDate(packed: birthDates[i])!
    }

    /// Row `i`'s sex.
    public func sex(_ i: Int) -> Sex {
        // safe to force: only M or F is stored
        Sex(rawValue: sexes[i])!
    }

    /// Row `i`'s province_code.
    public func provinceCode(_ i: Int) -> Int { Int(provinceCodes[i]) }

    /// Empties the batch, keeping its capacity.
    public mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        rawSHA256.removeAll(keepingCapacity: true)
        citizenIDs.removeAll(keepingCapacity: true)
        legacyIDs.removeAll(keepingCapacity: true)
        fullNames.removeAll()
        birthDates.removeAll(keepingCapacity: true)
        sexes.removeAll(keepingCapacity: true)
        provinceCodes.removeAll(keepingCapacity: true)
        issues.removeAll(keepingCapacity: true)
    }
}
