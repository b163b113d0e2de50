public import VaxCore

// Writes decisions.csv (docs/interchange.md "decisions.csv"), the one place that spells its
// header and row format; `DecisionsReader` reads it back. Both `vaxlink match` and
// `vaxlink ledger export` write through it, so a run's file and the ledger's export are
// byte-identical.
//
//     shot_id,outcome,citizen_id,score,corrections
//     S0000001,verified,001090000001,0.998812,
//     S0000002,corrected,001090000002,0.951234,full_name;birth_date
//
// citizen_id is empty for unmatched (and for a review without a candidate); score has
// exactly 6 decimals; corrections joins the corrected columns with ';' in column order.

/// Streams decisions.csv, one row per decided shot, in input order; the file appears under
/// its name only at `commit()`.
///
/// One owner; not thread-safe.
public final class DecisionsWriter {
    /// The columns of decisions.csv, in order.
    public static let header = ["shot_id", "outcome", "citizen_id", "score", "corrections"]

    private let csv: CSVWriter
    /// The row being spelled, reused.
    private var scratch: [UInt8] = []

    /// Starts `path` (created atomically at `commit()`) with the header.
    /// - Throws: `VaxError(.environment)` if the file cannot be created.
    public init(path: String) throws {
        // Formula-free by construction: shot_id is `A-Z a-z 0-9 _ -` (one starting with `-` can at
        // most be read as arithmetic on cell names, never a function call or DDE, which need
        // `(`, `|` or `!`), outcome a word, citizen_id digits, score in [0, 1], corrections
        // field names; and the file is read back by programs byte for byte (ledger export).
        csv = try CSVWriter(path: path, header: Self.header, audience: .programs)
    }

    /// Rows written so far.
    public var rowCount: Int { csv.rowCount }

    /// Writes one decision's row.
    /// - Parameters:
    ///   - citizenID: the linked citizen, or the best candidate of a review; nil writes an empty field.
    ///   - score: the match score in [0, 1], written with 6 decimals.
    /// - Throws: `VaxError(.environment)` for a write fault.
    public func write(shotID: String, outcome: Outcome, citizenID: CitizenID?, score: Double,
                      corrections: CorrectedFields) throws {
        // Spelled whole into one reused buffer and handed over at once: a national run writes
        // 80 M rows, and a String per field (score, citizen, corrections) and a call per field
        // were most of a microsecond a row. A shot_id the reader would not accept
        // (`isValidShotID`) takes the field-by-field path, which quotes.
        scratch.removeAll(keepingCapacity: true)
        var id = shotID
        let plain = id.withUTF8 { bytes in
            guard isValidShotID(UnsafeRawBufferPointer(bytes)) else { return false }
            scratch.append(contentsOf: bytes)
            return true
        }
        guard plain else {
            return try writeFieldByField(shotID: shotID, outcome: outcome, citizenID: citizenID, score: score,
                                         corrections: corrections)
        }
        scratch.append(UInt8(ascii: ","))
        scratch.append(contentsOf: outcome.name.utf8)
        scratch.append(UInt8(ascii: ","))
        citizenID?.appendDigits(to: &scratch)
        scratch.append(UInt8(ascii: ","))
        if score.isFinite { appendFixed(score, 6, to: &scratch) } else { scratch.append(contentsOf: formatFixed(score, 6).utf8) }
        scratch.append(UInt8(ascii: ","))
        scratch.append(contentsOf: corrections.text.utf8)
        try scratch.withUnsafeBytes { try csv.appendRow(spelled: $0, fields: Self.header.count) }
    }

    /// The same row written a field at a time, quoting where a field needs it.
    private func writeFieldByField(shotID: String, outcome: Outcome, citizenID: CitizenID?, score: Double,
                                   corrections: CorrectedFields) throws {
        csv.field(shotID)
        csv.field(outcome.name)
        csv.field(citizenID?.description ?? "")
        csv.field(formatFixed(score, 6))
        csv.field(corrections.text)
        try csv.endRow()
    }

    /// Writes the row of a ledger decision.
    /// - Throws: `VaxError(.environment)` for a write fault.
    public func write(_ decision: Decision) throws {
        try write(shotID: decision.shotID, outcome: decision.outcome, citizenID: decision.citizenID,
                  score: decision.score, corrections: decision.corrections)
    }

    /// Flushes, syncs and renames the file into place.
    /// - Throws: `VaxError(.environment)` for a write or rename fault.
    public func commit() throws { try csv.commit() }
}
