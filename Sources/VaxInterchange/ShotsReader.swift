public import VaxCore

// Reads shots.csv (docs/interchange.md "shots.csv") in batches, validating each row.
// Rejects (spec "Bad input" and "rejects.csv"): field_count, invalid_utf8, bad_quoting,
// record_too_long, control_character, line_break_in_field, bad_shot_id, missing_full_name,
// field_too_long, name_word_too_long, name_too_many_words, bad_province_code, bad_birth_date,
// bad_sex, bad_dose_number, bad_vaccinated_on, duplicate_shot_id (checked last, so only
// accepted rows claim a shot_id). A malformed citizen_id is data, not a reject.

/// Streams shots.csv as validated, columnar batches.
///
/// One owner; not thread-safe.
public final class ShotsReader {
    // Schema indices.
    private static let shotID = 0, citizenID = 1, fullName = 2, birthDate = 3, sex = 4, phone = 5,
        provinceCode = 6, facilityCode = 7, vaccine = 8, doseNumber = 9, vaccinatedOn = 10
    private static let schema: [TableColumn] = [
        TableColumn(name: "shot_id", isRequired: true),
        TableColumn(name: "citizen_id", isRequired: false),
        TableColumn(name: "full_name", isRequired: true),
        TableColumn(name: "birth_date", isRequired: false),
        TableColumn(name: "sex", isRequired: false),
        TableColumn(name: "phone", isRequired: false),
        TableColumn(name: "province_code", isRequired: true),
        TableColumn(name: "facility_code", isRequired: false),
        TableColumn(name: "vaccine", isRequired: false),
        TableColumn(name: "dose_number", isRequired: false),
        TableColumn(name: "vaccinated_on", isRequired: false),
    ]

    // spec: interchange.md "Limits": the free-text columns other than full_name.
    private static let boundedFields: [(Int, String, Int)] = [
        (citizenID, "citizen_id", NameLimits.maxCitizenIDBytes), (phone, "phone", NameLimits.maxPhoneBytes),
        (facilityCode, "facility_code", NameLimits.maxFacilityCodeBytes),
        (vaccine, "vaccine", NameLimits.maxVaccineBytes),
    ]

    private let core: TableReaderCore
    private var seen = ShotIDSet()
    // The shot ID fingerprints of the current batch's rows, checked in one pass at its end.
    private var fingerprints: [(UInt64, UInt64)] = []
    private var repeats: [(index: Int, earlier: Int)] = []

    /// Opens `path` and reads its header.
    /// - Parameters:
    ///   - bufferSize: the CSV read buffer; must exceed `maxRecordBytes`.
    ///   - maxRecordBytes: the longest row accepted.
    /// - Throws: `VaxError(.badInput)` naming the file, line 1 and column for an empty or
    ///   unreadable header or a missing required column; `VaxError` if the file cannot be read.
    ///   - hashingContent: hash every byte as it is read, for `contentSHA256`.
    ///   - hashingRecords: false leaves every row's raw digest (`rawSHA256`) zero, for a pass
    ///     that reads rows only to look at them (`ShotGroups.scan`); which rows are accepted
    ///     does not depend on it.
    public init(path: String, bufferSize: Int = 8 << 20, maxRecordBytes: Int = 1 << 20, hashingContent: Bool = false,
                hashingRecords: Bool = true) throws
    {
        core = try TableReaderCore(
            path: path, schema: ShotsReader.schema, keyColumn: ShotsReader.shotID,
            bufferSize: bufferSize, maxRecordBytes: maxRecordBytes, hashingContent: hashingContent,
            hashingRecords: hashingRecords)
    }

    /// SHA-256 of the whole file from the pass that parsed it, once every batch is read;
    /// nil before that or without `hashingContent` (see `CSVReader.contentSHA256`).
    public var contentSHA256: SHA256Digest? { core.csv.contentSHA256 }

    /// Warnings about the header (unknown columns), for the caller to print to stderr.
    public var warnings: [String] { core.warnings }

    /// The file offset reached, for progress reports.
    public var offset: Int { core.csv.offset }

    /// The number of distinct shot IDs accepted so far.
    public var acceptedCount: Int { seen.count }

    /// Reads up to `maxRows` accepted rows (and the rejects among them) into `batch`,
    /// replacing its contents.
    /// - Returns: false if the file had nothing more (then `batch` is empty).
    /// - Complexity: O(bytes read).
    public func readBatch(into batch: inout ShotBatch, maxRows: Int) throws -> Bool {
        precondition(maxRows > 0, "a batch holds at least one row")
        batch.removeAll()
        fingerprints.removeAll(keepingCapacity: true)
        while batch.count < maxRows {
            let more = try core.readRecord(
                { record, digest in
                    if let issue = accept(record, digest, into: &batch) { batch.issues.append(issue) }
                }, issue: { batch.issues.append($0) })
            if !more { break }
        }
        removeDuplicates(from: &batch)
        return !batch.isEmpty
    }

    // spec: interchange.md "Bad input": a duplicate shot_id rejects the later line, naming
    // the earlier one. Rows are checked in line order, so within a batch too the later is the
    // one rejected; a rejected row never claims its shot_id.
    private func removeDuplicates(from batch: inout ShotBatch) {
        repeats.removeAll(keepingCapacity: true)
        seen.insertAll(fingerprints, lines: batch.lines, repeats: &repeats)
        guard !repeats.isEmpty else { return }
        for (index, earlier) in repeats {
            batch.issues.append(
                RowIssue(
                    line: batch.lines[index], key: batch.shotID(index), code: "duplicate_shot_id",
                    message: "column shot_id repeats the shot_id of line \(earlier)", column: "shot_id",
                    rawSHA256: batch.rawSHA256[index]))
        }
        batch.issues.sort { $0.line < $1.line }
        batch.removeRows(repeats.map(\.index))
    }

    /// Reads the next batch of up to `maxRows` accepted rows; nil at the end of the file.
    public func readBatch(maxRows: Int) throws -> ShotBatch? {
        var batch = ShotBatch()
        return try readBatch(into: &batch, maxRows: maxRows) ? batch : nil
    }

    // Validates one sound record; appends it to `batch` or returns why not.
    private func accept(_ record: CSVRecord, _ digest: SHA256Digest, into batch: inout ShotBatch) -> RowIssue? {
        let core = self.core
        func reject(_ code: String, _ column: String, _ message: String) -> RowIssue {
            core.issue(record, digest, code: code, column: column, message)
        }
        let shotID = core.field(record, ShotsReader.shotID)
        guard isValidShotID(shotID) else {
            return reject("bad_shot_id", "shot_id", "column shot_id is not 1 to 64 characters of A-Z a-z 0-9 _ -")
        }
        guard hasVisibleContent(core.field(record, ShotsReader.fullName)) else {
            return reject("missing_full_name", "full_name", "column full_name is empty")
        }
        // spec: interchange.md "Limits": bounded fields, so no row costs unbounded work.
        if let (code, message) = nameLimitProblem(core.field(record, ShotsReader.fullName), column: "full_name") {
            return reject(code, "full_name", message)
        }
        for (k, column, limit) in ShotsReader.boundedFields where core.field(record, k).count > limit {
            return reject("field_too_long", column, "column \(column) is longer than \(limit) bytes")
        }
        guard let province = parseProvinceCode(core.field(record, ShotsReader.provinceCode)) else {
            return reject(
                "bad_province_code", "province_code", "column province_code is not one of the 63 province codes")
        }
        var birthDate: UInt32 = 0
        let birthText = core.field(record, ShotsReader.birthDate)
        if !birthText.isEmpty {
            guard let date = PartialDate.parse(birthText, allowsDayFirst: true) else {
                return reject(
                    "bad_birth_date", "birth_date",
                    "column birth_date is not a valid YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY date")
            }
            birthDate = date.packed
        }
        var sex: UInt8 = 0
        let sexText = core.field(record, ShotsReader.sex)
        if !sexText.isEmpty {
            guard let value = parseSex(sexText) else {
                return reject("bad_sex", "sex", "column sex is not M, F or empty")
            }
            sex = value.rawValue
        }
        var dose: UInt16 = 0
        let doseText = core.field(record, ShotsReader.doseNumber)
        if !doseText.isEmpty {
            guard doseText.count <= 3, let value = parseDigits(doseText), value >= 1 else {
                return reject("bad_dose_number", "dose_number", "column dose_number is not a number from 1 to 999")
            }
            dose = UInt16(value)
        }
        var vaccinated: UInt32 = 0
        let vaccinatedText = core.field(record, ShotsReader.vaccinatedOn)
        if !vaccinatedText.isEmpty {
            guard let date = PartialDate.parse(vaccinatedText), date.precision == .day else {
                return reject(
                    "bad_vaccinated_on", "vaccinated_on", "column vaccinated_on is not a valid YYYY-MM-DD date")
            }
            vaccinated = date.packed
        }
        fingerprints.append(ShotIDSet.fingerprint(shotID))
        batch.lines.append(record.line)
        batch.rawSHA256.append(digest)
        // In ShotBatch.TextColumn order; written out, as a loop over a static array paid a
        // lazy-global check and a retain per row.
        batch.text.append(shotID)
        batch.text.append(core.field(record, ShotsReader.citizenID))
        batch.text.append(core.field(record, ShotsReader.fullName))
        batch.text.append(birthText)
        batch.text.append(core.field(record, ShotsReader.phone))
        batch.text.append(core.field(record, ShotsReader.facilityCode))
        batch.text.append(core.field(record, ShotsReader.vaccine))
        batch.citizenIDs.append(RecordedID(bytes: core.field(record, ShotsReader.citizenID)))
        batch.birthDates.append(birthDate)
        batch.sexes.append(sex)
        batch.provinceCodes.append(province)
        batch.doseNumbers.append(dose)
        batch.vaccinatedOn.append(vaccinated)
        return nil
    }
}
