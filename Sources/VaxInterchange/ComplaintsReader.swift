public import VaxCore

// Reads complaints.csv (docs/interchange.md "complaints.csv"), the citizens' complaints as
// the desk took them. Streaming: rows are handed over one at a time, so a national file
// costs memory only for the complaint IDs seen (to refuse a duplicate). Rejects, besides the
// shared checks (quoting, field count, UTF-8, control characters, record length):
//   bad_complaint_id        not 1 to 64 of A-Z a-z 0-9 _ -
//   bad_citizen_id          not exactly 12 digits
//   bad_kind                not missing or wrong
//   bad_shot_id             given, but not 1 to 64 of A-Z a-z 0-9 _ -
//   bad_vaccinated_on       given, but not a valid YYYY-MM-DD date
//   bad_dose_number         given, but not a number from 1 to 999
//   field_too_long          facility_code over 64 bytes, vaccine over 128 (as in shots.csv)
//   missing_description     no shot_id, and vaccinated_on, facility_code or vaccine empty
//   bad_received_at         not ISO 8601 with a UTC offset
//   bad_text                over 500 characters, or a control / format character
//   duplicate_complaint_id  a second row with the same complaint_id (names the first line)

/// Reads a complaints.csv, checking every row.
public enum ComplaintsReader {
    private static let schema: [TableColumn] = [
        TableColumn(name: "complaint_id", isRequired: true),
        TableColumn(name: "citizen_id", isRequired: true),
        TableColumn(name: "kind", isRequired: true),
        TableColumn(name: "shot_id", isRequired: false),
        TableColumn(name: "vaccinated_on", isRequired: false),
        TableColumn(name: "facility_code", isRequired: false),
        TableColumn(name: "vaccine", isRequired: false),
        TableColumn(name: "dose_number", isRequired: false),
        TableColumn(name: "received_at", isRequired: true),
        TableColumn(name: "text", isRequired: false),
    ]

    /// The columns in the order docs/interchange.md lists them (a writer's header).
    public static let header = schema.map(\.name)
    /// The longest text, in Unicode scalars.
    public static let maxTextLength = 500

    /// Reads `path` row by row: each good row goes to `row`, each bad one to `issue`, in file
    /// order.
    /// - Returns: warnings about the header (unknown columns).
    /// - Throws: `VaxError(.badInput)` for an empty or unreadable header or a missing column;
    ///   `.environment` if the file cannot be read; what `row` throws.
    /// - Complexity: O(rows); memory O(complaint IDs).
    public static func forEachRow(
        path: String, _ row: (ComplaintRow) throws -> Void, issue: (RowIssue) -> Void
    ) throws -> [String] {
        let core = try TableReaderCore(
            path: path, schema: schema, keyColumn: 0, bufferSize: 1 << 20, maxRecordBytes: 1 << 16)
        var firstLine: [String: Int] = [:]
        func text(_ record: CSVRecord, _ k: Int) -> String {
            core.positions[k] < 0 ? "" : record.string(core.positions[k])
        }
        func bytes(_ record: CSVRecord, _ k: Int) -> UnsafeRawBufferPointer { core.field(record, k) }
        while try core.readRecord(
            { record, digest in
                func reject(_ code: String, _ column: String, _ message: String) {
                    issue(core.issue(record, digest, code: code, column: column, message))
                }
                // spec: interchange.md "complaints.csv"
                guard isValidShotID(core.field(record, 0)) else {
                    return reject(
                        "bad_complaint_id", "complaint_id",
                        "column complaint_id is not 1 to 64 characters of A-Z a-z 0-9 _ -")
                }
                let complaintID = record.string(core.positions[0])
                guard let citizen = CitizenID(digits: core.field(record, 1)) else {
                    return reject("bad_citizen_id", "citizen_id", "column citizen_id is not exactly 12 digits")
                }
                guard let kind = ComplaintKind(name: record.string(core.positions[2])) else {
                    return reject("bad_kind", "kind", "column kind is not missing or wrong")
                }
                var shotID: String?
                if !bytes(record, 3).isEmpty {
                    guard isValidShotID(bytes(record, 3)) else {
                        return reject(
                            "bad_shot_id", "shot_id", "column shot_id is not 1 to 64 characters of A-Z a-z 0-9 _ -")
                    }
                    shotID = text(record, 3)
                }
                var day: Int?
                if !bytes(record, 4).isEmpty {
                    guard let date = PartialDate.parse(bytes(record, 4)), date.precision == .day else {
                        return reject(
                            "bad_vaccinated_on", "vaccinated_on", "column vaccinated_on is not a valid YYYY-MM-DD date")
                    }
                    day = CivilDate(year: date.year, month: date.month!, day: date.day!).dayNumber
                }
                if bytes(record, 5).count > 64 {
                    return reject("field_too_long", "facility_code", "column facility_code is longer than 64 bytes")
                }
                if bytes(record, 6).count > 128 {
                    return reject("field_too_long", "vaccine", "column vaccine is longer than 128 bytes")
                }
                var dose: Int?
                if !bytes(record, 7).isEmpty {
                    guard bytes(record, 7).count <= 3, let value = parseDigits(bytes(record, 7)), value >= 1 else {
                        return reject(
                            "bad_dose_number", "dose_number", "column dose_number is not a number from 1 to 999")
                    }
                    dose = Int(value)
                }
                let facility = text(record, 5)
                let vaccine = text(record, 6)
                if shotID == nil && (day == nil || facility.isEmpty || vaccine.isEmpty) {
                    return reject(
                        "missing_description", "shot_id",
                        "without a shot_id the complaint needs vaccinated_on, facility_code and vaccine")
                }
                let receivedAt = record.string(core.positions[8])
                guard let epoch = ReviewFieldChecks.parseTimestamp(receivedAt) else {
                    return reject(
                        "bad_received_at", "received_at",
                        "column received_at is not an ISO 8601 time with a UTC offset (2022-04-20T09:15:00+07:00)")
                }
                let said = text(record, 9)
                let scalars = said.unicodeScalars
                guard scalars.count <= maxTextLength, scalars.allSatisfy(ReviewFieldChecks.isPrintable) else {
                    return reject(
                        "bad_text", "text", "column text is longer than 500 characters or holds a control character")
                }
                if let earlier = firstLine[complaintID] {
                    return reject(
                        "duplicate_complaint_id", "complaint_id",
                        "the complaint is already on line \(earlier) of this file")
                }
                firstLine[complaintID] = record.line
                try row(
                    ComplaintRow(
                        line: record.line, complaintID: complaintID, citizenID: citizen, kind: kind, shotID: shotID,
                        vaccinatedOn: day, facilityCode: facility, vaccine: vaccine, doseNumber: dose,
                        receivedAt: receivedAt, receivedAtEpoch: epoch, text: said))
            }, issue: issue)
        {}
        return core.warnings
    }
}
