public import VaxCore

// Reads population.csv (docs/interchange.md "population.csv") in batches, validating each
// row. Rejects: field_count, invalid_utf8, bad_quoting, record_too_long, bad_citizen_id
// (12 ASCII digits with the structure: leading 0, a province code, a sex/century digit
// 0-3), bad_legacy_id (empty or 9 digits), missing_full_name, bad_birth_date (YYYY-MM-DD,
// YYYY-MM or YYYY), bad_sex (M or F), bad_province_code. A duplicate citizen_id is not
// detected here: the store build owns that check and stops on it.

/// Streams population.csv as validated, columnar batches.
///
/// One owner; not thread-safe.
public final class PopulationReader {
    private static let citizenID = 0, legacyID = 1, fullName = 2, birthDate = 3, sex = 4, provinceCode = 5
    private static let schema: [TableColumn] = [
        TableColumn(name: "citizen_id", isRequired: true),
        TableColumn(name: "legacy_id", isRequired: false),
        TableColumn(name: "full_name", isRequired: true),
        TableColumn(name: "birth_date", isRequired: true),
        TableColumn(name: "sex", isRequired: true),
        TableColumn(name: "province_code", isRequired: true),
    ]

    private let core: TableReaderCore

    /// Opens `path` and reads its header.
    /// - Throws: `VaxError(.badInput)` naming the file, line 1 and column for an empty or
    ///   unreadable header or a missing required column; `VaxError` if the file cannot be read.
    /// - Parameter hashingContent: hash every byte as it is read, for `contentSHA256`.
    public init(path: String, bufferSize: Int = 8 << 20, maxRecordBytes: Int = 1 << 20, hashingContent: Bool = false)
        throws
    {
        core = try TableReaderCore(
            path: path, schema: PopulationReader.schema,
            keyColumn: PopulationReader.citizenID,
            bufferSize: bufferSize, maxRecordBytes: maxRecordBytes, hashingContent: hashingContent)
    }

    /// SHA-256 of the whole file from the pass that parsed it, once every batch is read;
    /// nil before that or without `hashingContent` (see `CSVReader.contentSHA256`).
    public var contentSHA256: SHA256Digest? { core.csv.contentSHA256 }

    /// Warnings about the header (unknown columns), for the caller to print to stderr.
    public var warnings: [String] { core.warnings }

    /// The file offset reached, for progress reports.
    public var offset: Int { core.csv.offset }

    /// Reads up to `maxRows` accepted rows (and the rejects among them) into `batch`,
    /// replacing its contents.
    /// - Returns: false if the file had nothing more.
    public func readBatch(into batch: inout PopulationBatch, maxRows: Int) throws -> Bool {
        precondition(maxRows > 0, "a batch holds at least one row")
        batch.removeAll()
        while batch.count < maxRows {
            let more = try core.readRecord(
                { record, digest in
                    if let issue = accept(record, digest, into: &batch) { batch.issues.append(issue) }
                }, issue: { batch.issues.append($0) })
            if !more { break }
        }
        return !batch.isEmpty
    }

    /// Reads the next batch of up to `maxRows` accepted rows; nil at the end of the file.
    public func readBatch(maxRows: Int) throws -> PopulationBatch? {
        var batch = PopulationBatch()
        return try readBatch(into: &batch, maxRows: maxRows) ? batch : nil
    }

    private func accept(_ record: CSVRecord, _ digest: SHA256Digest, into batch: inout PopulationBatch)
        -> RowIssue?
    {
        let core = self.core
        func reject(_ code: String, _ column: String, _ message: String) -> RowIssue {
            core.issue(record, digest, code: code, column: column, message)
        }
        guard let id = CitizenID(digits: core.field(record, PopulationReader.citizenID)),
            id.hasValidStructure
        else {
            return reject(
                "bad_citizen_id", "citizen_id",
                "column citizen_id is not 12 digits of the form 0PP S YY NNNNNN")
        }
        var legacy = PopulationBatch.noLegacyID
        let legacyText = core.field(record, PopulationReader.legacyID)
        if !legacyText.isEmpty {
            guard legacyText.count == 9, let value = parseDigits(legacyText) else {
                return reject("bad_legacy_id", "legacy_id", "column legacy_id is neither empty nor 9 digits")
            }
            legacy = UInt32(value)
        }
        let name = core.field(record, PopulationReader.fullName)
        guard hasVisibleContent(name) else {
            return reject("missing_full_name", "full_name", "column full_name is empty")
        }
        // spec: interchange.md "Limits": the register's names are bounded as the shots' are.
        if let (code, message) = nameLimitProblem(name, column: "full_name") { return reject(code, "full_name", message) }
        guard let birthDate = PartialDate.parse(core.field(record, PopulationReader.birthDate)) else {
            return reject(
                "bad_birth_date", "birth_date", "column birth_date is not a valid YYYY-MM-DD, YYYY-MM or YYYY date")
        }
        guard let sex = parseSex(core.field(record, PopulationReader.sex)) else {
            return reject("bad_sex", "sex", "column sex is not M or F")
        }
        guard let province = parseProvinceCode(core.field(record, PopulationReader.provinceCode)) else {
            return reject(
                "bad_province_code", "province_code", "column province_code is not one of the 63 province codes")
        }
        batch.lines.append(record.line)
        batch.rawSHA256.append(digest)
        batch.citizenIDs.append(id)
        batch.legacyIDs.append(legacy)
        batch.fullNames.append(name)
        batch.birthDates.append(birthDate.packed)
        batch.sexes.append(sex.rawValue)
        batch.provinceCodes.append(province)
        return nil
    }
}
