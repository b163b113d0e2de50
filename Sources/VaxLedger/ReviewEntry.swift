import VaxCore

// Entry kind 7: a human review decision (docs/ledger-format.md "Review entries").
//
// body = u8(7) ‖ str(shot_id) ‖ u64(settles_seq) ‖ u8(choice) ‖ u64(citizen_id | 2^64-1)
//      ‖ u8(outcome) ‖ u8(corrections) ‖ u64(decided_at, two's complement seconds UTC)
//      ‖ str(decided_at as written) ‖ str(reviewer) ‖ str(reason) ‖ str(signer_site)
//      ‖ str(signer_key_id) ‖ sha256(file) ‖ u32(line)
// str(s) = u16be(len) ‖ UTF-8. The entry's shot_id column is NULL (the shot is in the body),
// as for every entry that is not a machine decision.
// Valid iff it decodes with no trailing bytes, passes ReviewRecord.problem, settles_seq < seq
// names a decision entry of the same shot whose outcome is review, no earlier review entry of
// the shot is final (link or not_registered), and a link's citizen is a 12-digit number.

extension EntryCodec {
    static let noCitizenInReview = UInt64.max

    static func encode(_ r: ReviewRecord, into w: inout ByteWriter) {
        w.u8(EntryKind.review.rawValue)
        w.string(r.shotID)
        w.u64(UInt64(r.settlesSeq))
        w.u8(r.choice.rawValue)
        w.u64(r.citizenID?.rawValue ?? noCitizenInReview)
        w.u8(r.outcome.rawValue)
        w.u8(r.corrections.rawValue)
        w.u64(UInt64(bitPattern: r.decidedAtEpoch))
        w.string(r.decidedAt)
        w.string(r.reviewer)
        w.string(r.reason)
        w.string(r.signerSite)
        w.string(r.signerKeyID)
        w.digest(r.fileSHA256)
        w.u32(UInt32(r.line))
    }

    /// The review record after the kind byte, or nil if malformed.
    static func decodeReview(_ r: inout ByteReader) -> ReviewRecord? {
        guard let shot = r.string(), let settles = r.u64(), settles < 1 << 62,
            let choice = r.u8().flatMap(ReviewChoice.init(rawValue:)), let citizen = r.u64(),
            let outcome = r.u8().flatMap(Outcome.init(rawValue:)), let corrections = r.u8(), corrections & 0xF0 == 0,
            let decidedAt = r.u64(), let decidedText = r.string(), let reviewer = r.string(), let reason = r.string(),
            let site = r.string(), let keyID = r.string(), let file = r.digest(), let line = r.u32()
        else { return nil }
        let record = ReviewRecord(
            shotID: shot, settlesSeq: Int(settles), choice: choice,
            citizenID: citizen == noCitizenInReview ? nil : CitizenID(rawValue: citizen), outcome: outcome,
            corrections: CorrectedFields(rawValue: corrections), decidedAtEpoch: Int64(bitPattern: decidedAt),
            decidedAt: decidedText, reviewer: reviewer, reason: reason, signerSite: site, signerKeyID: keyID,
            fileSHA256: file, line: Int(line))
        return record.problem == nil ? record : nil
    }
}
