public import VaxCore

/// A batch of shots.csv rows that passed validation, stored by column, plus the rows of
/// the same stretch of the file that were rejected.
///
/// Text columns live in one `TextArena` (`ShotBatch.textColumnCount` entries per row);
/// parsed values in flat arrays. Reuse a batch across `ShotsReader.readBatch(into:maxRows:)`
/// calls to keep its capacity.
public struct ShotBatch: Sendable {
    /// The text columns kept per row, in arena order.
    public enum TextColumn: Int, CaseIterable, Sendable {
        case shotID = 0
        case citizenID, fullName, birthDate, phone, facilityCode, vaccine
    }

    // A literal, not allCases.count, so row accessors pay no lazy-global check.
    static let textColumnCount = 7

    /// The physical line where each row starts.
    public internal(set) var lines: [Int] = []
    /// SHA-256 of each row's raw bytes as read.
    public internal(set) var rawSHA256: [SHA256Digest] = []
    /// The text columns, `textColumnCount` entries per row.
    public internal(set) var text = TextArena()
    /// Recorded citizen IDs, classified.
    public internal(set) var citizenIDs: [RecordedID] = []
    /// Birth dates packed as `PartialDate.packed`, 0 when empty.
    public internal(set) var birthDates: [UInt32] = []
    /// `Sex.rawValue`, 0 when empty.
    public internal(set) var sexes: [UInt8] = []
    /// The province where the dose was given.
    public internal(set) var provinceCodes: [UInt8] = []
    /// The dose number, 0 when empty.
    public internal(set) var doseNumbers: [UInt16] = []
    /// The vaccination date packed as `PartialDate.packed`, 0 when empty.
    public internal(set) var vaccinatedOn: [UInt32] = []
    /// Rows of this stretch of the file that were rejected, in line order.
    public internal(set) var issues: [RowIssue] = []

    public init() {}

    /// The number of accepted rows.
    public var count: Int { lines.count }

    /// Whether the batch holds neither rows nor issues.
    public var isEmpty: Bool { lines.isEmpty && issues.isEmpty }

    /// Row `i`'s text column `column` as bytes (shares the arena's storage).
    public func bytes(_ column: TextColumn, _ i: Int) -> ArraySlice<UInt8> {
        text[i * ShotBatch.textColumnCount + column.rawValue]
    }

    /// Calls `body` with row `i`'s text column `column` without copying.
    public func withBytes<R>(_ column: TextColumn, _ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R)
        rethrows -> R
    {
        try text.withBytes(i * ShotBatch.textColumnCount + column.rawValue, body)
    }

    /// Row `i`'s shot_id.
    public func shotID(_ i: Int) -> String { text.string(i * ShotBatch.textColumnCount) }

    /// Row `i`'s full_name as recorded (valid UTF-8, not normalized).
    public func fullName(_ i: Int) -> ArraySlice<UInt8> { bytes(.fullName, i) }

    /// Row `i`'s citizen_id as recorded.
    public func citizenID(_ i: Int) -> RecordedID { citizenIDs[i] }

    /// Row `i`'s birth date, or nil if the field was empty.
    public func birthDate(_ i: Int) -> PartialDate? { PartialDate(packed: birthDates[i]) }

    /// Row `i`'s sex, or nil if the field was empty.
    public func sex(_ i: Int) -> Sex? { Sex(rawValue: sexes[i]) }

    /// Row `i`'s province_code.
    public func provinceCode(_ i: Int) -> Int { Int(provinceCodes[i]) }

    /// Row `i`'s dose_number, or nil if the field was empty.
    public func doseNumber(_ i: Int) -> Int? { doseNumbers[i] == 0 ? nil : Int(doseNumbers[i]) }

    /// Row `i`'s vaccinated_on date, or nil if the field was empty.
    public func vaccinationDate(_ i: Int) -> PartialDate? { PartialDate(packed: vaccinatedOn[i]) }

    /// Removes the rows at `indices` (ascending), keeping the others in order. O(count).
    mutating func removeRows(_ indices: [Int]) {
        var drop = [Bool](repeating: false, count: count)
        for i in indices { drop[i] = true }
        func kept<T>(_ column: [T]) -> [T] { column.indices.filter { !drop[$0] }.map { column[$0] } }
        var newText = TextArena()
        for row in 0..<count where !drop[row] {
            for k in 0..<ShotBatch.textColumnCount {
                text.withBytes(row * ShotBatch.textColumnCount + k) { newText.append($0) }
            }
        }
        lines = kept(lines)
        rawSHA256 = kept(rawSHA256)
        citizenIDs = kept(citizenIDs)
        birthDates = kept(birthDates)
        sexes = kept(sexes)
        provinceCodes = kept(provinceCodes)
        doseNumbers = kept(doseNumbers)
        vaccinatedOn = kept(vaccinatedOn)
        text = newText
    }

    /// Empties the batch, keeping its capacity.
    public mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        rawSHA256.removeAll(keepingCapacity: true)
        text.removeAll()
        citizenIDs.removeAll(keepingCapacity: true)
        birthDates.removeAll(keepingCapacity: true)
        sexes.removeAll(keepingCapacity: true)
        provinceCodes.removeAll(keepingCapacity: true)
        doseNumbers.removeAll(keepingCapacity: true)
        vaccinatedOn.removeAll(keepingCapacity: true)
        issues.removeAll(keepingCapacity: true)
    }
}
