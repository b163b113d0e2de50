/// One shot in review as the site's page shows it: the record as typed, the candidates as
/// registered with the evidence, and any earlier deferral.
public struct ReviewCase: Sendable {
    /// The shot's fields as typed at the vaccination site (shots.csv); empty when the
    /// export was not given the shots file.
    public struct Typed: Sendable {
        public var citizenID = ""
        public var fullName = ""
        public var birthDate = ""
        public var sex = ""
        public var phone = ""
        public var provinceCode = ""
        public var facilityCode = ""
        public var vaccine = ""
        public var doseNumber = ""
        public var vaccinatedOn = ""
        public init() {}
    }

    /// A candidate citizen as registered (from the store) and how the record compares.
    public struct Candidate: Sendable {
        public var citizenID: String
        /// The match score in [0, 1] and the log2 match weight, as in review.csv.
        public var score: String
        public var weight: String
        /// review.csv's evidence: `fn=exact;mn=missing;...`.
        public var evidence: String
        /// False when the store does not hold the citizen (the register changed).
        public var isRegistered: Bool
        /// Whether this candidate is a complainant of the case.
        public var isComplainant = false
        public var fullName = ""
        public var birthDate = ""
        public var sex = ""
        public var provinceCode = ""

        public init(citizenID: String, score: String, weight: String, evidence: String, isRegistered: Bool) {
            self.citizenID = citizenID
            self.score = score
            self.weight = weight
            self.evidence = evidence
            self.isRegistered = isRegistered
        }
    }

    /// An earlier `defer` for the shot, shown with its reason.
    public struct Deferral: Sendable {
        public var reason: String
        public var reviewer: String
        public var decidedAt: String
        public init(reason: String, reviewer: String, decidedAt: String) {
            self.reason = reason
            self.reviewer = reviewer
            self.decidedAt = decidedAt
        }
    }

    /// A citizen's complaint about the shot (docs/interchange.md "complaints.csv"): the case
    /// is a complaint case, with its own 48-hour clock from `receivedAt`.
    public struct Complaint: Sendable {
        public var complaintID: String
        /// The complainant, 12 digits.
        public var citizenID: String
        /// `missing` (the citizen says this shot is theirs) or `wrong` (it is on their record
        /// and is not theirs).
        public var kind: String
        public var receivedAt: String
        public var text: String
        public init(complaintID: String, citizenID: String, kind: String, receivedAt: String, text: String) {
            self.complaintID = complaintID
            self.citizenID = citizenID
            self.kind = kind
            self.receivedAt = receivedAt
            self.text = text
        }
    }

    public var shotID: String
    /// The shot's line in shots.csv.
    public var line: Int
    public var provinceCode: Int
    public var facilityCode: String
    /// When the case entered review, seconds since 1970 UTC (the 48-hour clock starts here).
    public var openedAt: Int64
    public var typed: Typed?
    public var candidates: [Candidate]
    public var deferral: Deferral?
    /// The complaints that make this a complaint case (empty: a shot in review).
    public var complaints: [Complaint] = []
    /// The citizen the shot is linked to now (the effective decision), or empty: a decision
    /// on a complaint that does not keep this link withdraws it.
    public var currentLink = ""

    public init(
        shotID: String, line: Int, provinceCode: Int, facilityCode: String, openedAt: Int64,
        typed: Typed? = nil, candidates: [Candidate] = [], deferral: Deferral? = nil
    ) {
        self.shotID = shotID
        self.line = line
        self.provinceCode = provinceCode
        self.facilityCode = facilityCode
        self.openedAt = openedAt
        self.typed = typed
        self.candidates = candidates
        self.deferral = deferral
    }
}
