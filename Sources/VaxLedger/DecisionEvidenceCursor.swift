public import VaxCore

// What passport issuance needs to judge whether a link is strong enough for a certificate
// (VaxPassport's LinkEvidence): besides the fixed fields of `DecisionCursor`, the decision's
// corrected fields and its evidence code. The code indexes `LedgerReader.evidenceTexts()`, a
// vocabulary of a few hundred texts per ledger, so a caller judges each text once, not once
// per shot. Kind 2 body (docs/ledger-format.md "Entries"): u8 kind, u32 line, u8 province,
// u8 outcome, u64 citizen_id, f64 score, f64 match_weight, u8 corrections, u32 evidence_code,
// digest raw_row_sha256.

/// A decision with its corrections and evidence code.
public struct DecisionEvidence: Sendable, Equatable {
    /// Where the decision is and whom it links.
    public var summary: DecisionSummary
    /// The recorded fields that differ from the register.
    public var corrections: CorrectedFields
    /// The evidence code: an index into `LedgerReader.evidenceTexts()`.
    public var evidenceCode: Int
}

/// Streams the decisions of a ledger in sequence order with their corrections and evidence
/// codes. One owner; not thread-safe.
public final class DecisionEvidenceCursor {
    private let statement: SQLiteStatement
    private let path: String
    private let codes: Int

    init(database: SQLiteDatabase, codes: Int) throws {
        statement = try database.prepare("SELECT seq, body FROM entry WHERE shot_id IS NOT NULL ORDER BY seq")
        path = database.path
        self.codes = codes
    }

    /// The next decision, or nil after the last.
    /// - Throws: `.corruption` for an entry that is not a well-formed decision, or whose
    ///   evidence code is not defined.
    public func next() throws -> DecisionEvidence? {
        guard try statement.step() else { return nil }
        let seq = Int(statement.int64(0))
        let codes = self.codes
        let decoded = statement.withBytes(1) { body -> DecisionEvidence? in
            var r = ByteReader(body)
            guard r.u8() == EntryKind.decision.rawValue, let line = r.u32(), r.u8() != nil,
                let outcome = r.u8().flatMap(Outcome.init(rawValue:)), let citizen = r.u64(),
                citizen == EntryCodec.noCitizen || citizen < 1_000_000_000_000,
                r.u64() != nil, r.u64() != nil, let corrections = r.u8(), corrections & 0xF0 == 0,
                let code = r.u32(), Int(code) < codes
            else { return nil }
            return DecisionEvidence(
                summary: DecisionSummary(
                    seq: seq, line: Int(line), outcome: outcome,
                    citizenID: citizen == EntryCodec.noCitizen ? nil : CitizenID(rawValue: citizen)),
                corrections: CorrectedFields(rawValue: corrections), evidenceCode: Int(code))
        }
        guard let decoded else {
            throw VaxError(
                .corruption, "entry \(seq) is not a well-formed decision; run 'vaxlink ledger verify'", file: path)
        }
        return decoded
    }
}

extension LedgerReader {
    /// The ledger's evidence texts by code (its evidence definitions, kind 5), read once.
    /// O(entries without shot_id).
    /// - Throws: `.corruption` if the codes are out of order.
    public func evidenceTexts() throws -> [String] { try evidenceTable().texts }

    /// A cursor over the ledger's decisions with their corrections and evidence codes.
    public func decisionsWithEvidence() throws -> DecisionEvidenceCursor {
        try DecisionEvidenceCursor(database: database, codes: evidenceTable().texts.count)
    }
}
