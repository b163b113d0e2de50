public import VaxCore

/// A citizen's complaint about one shot, recorded in the ledger (docs/ledger-format.md
/// "Complaint entries", entry kind 8): a complaint case for the shot's site, opened at
/// `receivedAtEpoch`, until a person's final review decision on the shot settles it.
public struct ComplaintRecord: Sendable, Equatable {
    /// The desk's number for the complaint (1 to 64 of `A-Z a-z 0-9 _ -`).
    public var complaintID: String
    /// The complainant, as verified at the desk.
    public var citizenID: CitizenID
    public var kind: ComplaintKind
    /// The shot the complaint may concern (one entry per shot found).
    public var shotID: String
    /// The seq of the machine's decision entry (kind 2) of this shot, whatever its outcome.
    public var concernsSeq: Int
    /// The shot's vaccination site as recorded in shots.csv (the page it goes on).
    public var facilityCode: String
    /// received_at in seconds since 1970 UTC (the case's 48-hour clock starts here), and as written.
    public var receivedAtEpoch: Int64
    public var receivedAt: String
    /// What the citizen said.
    public var text: String
    /// SHA-256 of the complaints file the row came from, and the row's line in it.
    public var fileSHA256: SHA256Digest
    public var line: Int

    public init(
        complaintID: String, citizenID: CitizenID, kind: ComplaintKind, shotID: String, concernsSeq: Int,
        facilityCode: String, receivedAtEpoch: Int64, receivedAt: String, text: String,
        fileSHA256: SHA256Digest, line: Int
    ) {
        self.complaintID = complaintID
        self.citizenID = citizenID
        self.kind = kind
        self.shotID = shotID
        self.concernsSeq = concernsSeq
        self.facilityCode = facilityCode
        self.receivedAtEpoch = receivedAtEpoch
        self.receivedAt = receivedAt
        self.text = text
        self.fileSHA256 = fileSHA256
        self.line = line
    }

    /// Why this record cannot be written, or nil: the rules that need no other entry.
    var problem: String? {
        let id = complaintID.utf8
        if id.isEmpty || id.count > 64
            || !id.allSatisfy({ $0 &- 0x41 < 26 || $0 &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x5F || $0 == 0x2D })
        {
            return "a complaint_id has 1 to 64 characters of A-Z a-z 0-9 _ -"
        }
        if citizenID.rawValue >= 1_000_000_000_000 { return "a complainant is a 12-digit citizen ID" }
        let shot = shotID.utf8.count
        if shot == 0 || shot > 255 { return "a shot_id has 1 to 255 bytes" }
        if concernsSeq < 1 { return "a complaint concerns a decision entry (seq >= 1)" }
        if facilityCode.utf8.count > 64 { return "a facility_code has at most 64 bytes" }
        if receivedAt.isEmpty { return "a complaint names when it was received" }
        for s in [receivedAt, text] where s.utf8.count > 0xFFFF { return "a text field is longer than 65535 bytes" }
        if line < 2 || line > Int(UInt32.max) { return "a line is from 2 to 2^32-1" }
        return nil
    }
}
