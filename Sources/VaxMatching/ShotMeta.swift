public import VaxCore

/// What the run needs to know about a shot besides what the matcher compares.
public struct ShotMeta: Sendable {
    public var shotID: String
    /// The physical line of shots.csv where the record starts.
    public var line: Int
    public var provinceCode: Int
    public var facilityCode: String
    public var rawSHA256: SHA256Digest

    public init(shotID: String, line: Int, provinceCode: Int, facilityCode: String, rawSHA256: SHA256Digest) {
        self.shotID = shotID
        self.line = line
        self.provinceCode = provinceCode
        self.facilityCode = facilityCode
        self.rawSHA256 = rawSHA256
    }
}
