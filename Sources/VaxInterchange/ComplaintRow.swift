public import VaxCore

/// One row of complaints.csv (docs/interchange.md "complaints.csv"), checked.
public struct ComplaintRow: Sendable, Equatable {
    /// The physical line where the row starts (the header is line 1).
    public var line: Int
    /// The desk's number for the complaint: 1 to 64 of `A-Z a-z 0-9 _ -`.
    public var complaintID: String
    /// The complainant, as verified at the desk.
    public var citizenID: CitizenID
    public var kind: ComplaintKind
    /// The shot named, or nil when the complaint describes it (date, site, vaccine, dose).
    public var shotID: String?
    /// The description, used when `shotID` is nil: vaccinated_on as a day number
    /// (`CivilDate.dayNumber`), the site and the vaccine as written, the dose or nil.
    public var vaccinatedOn: Int?
    public var facilityCode: String
    public var vaccine: String
    public var doseNumber: Int?
    /// received_at as written (ISO 8601 with its UTC offset) and in seconds since 1970 UTC.
    public var receivedAt: String
    public var receivedAtEpoch: Int64
    /// What the citizen said, free text (may be empty).
    public var text: String

    public init(
        line: Int = 0, complaintID: String, citizenID: CitizenID, kind: ComplaintKind, shotID: String?,
        vaccinatedOn: Int? = nil, facilityCode: String = "", vaccine: String = "", doseNumber: Int? = nil,
        receivedAt: String, receivedAtEpoch: Int64, text: String = ""
    ) {
        self.line = line
        self.complaintID = complaintID
        self.citizenID = citizenID
        self.kind = kind
        self.shotID = shotID
        self.vaccinatedOn = vaccinatedOn
        self.facilityCode = facilityCode
        self.vaccine = vaccine
        self.doseNumber = doseNumber
        self.receivedAt = receivedAt
        self.receivedAtEpoch = receivedAtEpoch
        self.text = text
    }
}
