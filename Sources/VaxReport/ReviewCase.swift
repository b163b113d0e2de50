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
