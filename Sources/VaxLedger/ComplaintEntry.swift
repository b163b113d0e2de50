import VaxCore

// Entry kind 8: a citizen's complaint about one shot (docs/ledger-format.md "Complaint entries").
//
// body = u8(8) ‖ str(complaint_id) ‖ u64(citizen_id) ‖ u8(kind) ‖ str(shot_id) ‖ u64(concerns_seq)
//      ‖ str(facility_code) ‖ u64(received_at, two's complement seconds UTC)
//      ‖ str(received_at as written) ‖ str(text) ‖ sha256(file) ‖ u32(line)
// The entry's shot_id column is NULL (the shot is in the body), as for every entry that is
// not a machine decision. Valid iff it decodes with no trailing bytes, passes
// ComplaintRecord.problem, concerns_seq < seq names a decision entry of the same shot, and no
// earlier complaint entry has the same complaint_id and shot_id.

extension EntryCodec {
    static func encode(_ c: ComplaintRecord, into w: inout ByteWriter) {
        w.u8(EntryKind.complaint.rawValue)
        w.string(c.complaintID)
        w.u64(c.citizenID.rawValue)
        w.u8(c.kind.rawValue)
        w.string(c.shotID)
        w.u64(UInt64(c.concernsSeq))
        w.string(c.facilityCode)
        w.u64(UInt64(bitPattern: c.receivedAtEpoch))
        w.string(c.receivedAt)
        w.string(c.text)
        w.digest(c.fileSHA256)
        w.u32(UInt32(c.line))
    }

    /// The complaint record after the kind byte, or nil if malformed.
    static func decodeComplaint(_ r: inout ByteReader) -> ComplaintRecord? {
        guard let id = r.string(), let citizen = r.u64(), citizen < 1_000_000_000_000,
            let kind = r.u8().flatMap(ComplaintKind.init(rawValue:)), let shot = r.string(),
            let concerns = r.u64(), concerns < 1 << 62, let facility = r.string(), let received = r.u64(),
            let receivedText = r.string(), let text = r.string(), let file = r.digest(), let line = r.u32()
        else { return nil }
        let record = ComplaintRecord(
            complaintID: id, citizenID: CitizenID(rawValue: citizen), kind: kind, shotID: shot,
            concernsSeq: Int(concerns), facilityCode: facility, receivedAtEpoch: Int64(bitPattern: received),
            receivedAt: receivedText, text: text, fileSHA256: file, line: Int(line))
        return record.problem == nil ? record : nil
    }
}
