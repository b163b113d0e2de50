public import VaxCore

/// What `LedgerVerifier.verify` found.
public struct VerificationReport: Sendable {
    /// The first thing that does not hold: the entry (sequence number, shot_id) and what is wrong.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        /// The first entry that does not hold, when one can be named.
        public var seq: Int?
        /// That entry's shot_id, for a decision.
        public var shotID: String?
        /// What is wrong.
        public var message: String
        public var description: String {
            var out = ""
            if let seq { out += "entry \(seq)" }
            if let shotID { out += " (shot_id \(shotID))" }
            return out.isEmpty ? message : out + ": " + message
        }
    }

    /// Entries in the ledger.
    public var treeSize = 0
    /// Sealed batches, the header's included.
    public var batches = 0
    /// The latest checkpoint's chain head and Merkle root, once verified.
    public var chainHead: SHA256Digest?
    public var root: SHA256Digest?
    /// The latest checkpoint's text.
    public var latestCheckpoint: String?
    /// What the check was anchored to outside the file; set on a pass.
    public var trust = TrustRoots()
    /// nil if everything holds.
    public var failure: Failure?

    /// Whether everything holds.
    public var isValid: Bool { failure == nil }
}
