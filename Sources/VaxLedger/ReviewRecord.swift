public import VaxCore

/// A person's decision about a shot in review, recorded in the ledger (docs/ledger-format.md
/// "Review entries", entry kind 7). It settles the machine's `review` decision entry of the
/// same shot, named by its seq.
public struct ReviewRecord: Sendable, Equatable {
    /// The shot decided (1 to 255 bytes, as in its decision entry).
    public var shotID: String
    /// The seq of the machine's decision entry (outcome `review`) that this settles.
    public var settlesSeq: Int
    public var choice: ReviewChoice
    /// The chosen citizen for `link`; nil otherwise.
    public var citizenID: CitizenID?
    /// The shot's outcome from now on: verified, corrected or relinked for `link`,
    /// unmatched for `not_registered`, review for `defer`.
    public var outcome: Outcome
    /// For a link: the recorded fields that differ from the register.
    public var corrections: CorrectedFields
    /// decided_at in seconds since 1970 UTC, and as written (with its offset).
    public var decidedAtEpoch: Int64
    public var decidedAt: String
    public var reviewer: String
    public var reason: String
    /// The signing site's name and key id (16 hex), or empty when the file was not signed.
    public var signerSite: String
    public var signerKeyID: String
    /// SHA-256 of the review-decisions file the row came from, and the row's line in it.
    public var fileSHA256: SHA256Digest
    public var line: Int

    public init(
        shotID: String, settlesSeq: Int, choice: ReviewChoice, citizenID: CitizenID?, outcome: Outcome,
        corrections: CorrectedFields, decidedAtEpoch: Int64, decidedAt: String, reviewer: String,
        reason: String, signerSite: String, signerKeyID: String, fileSHA256: SHA256Digest, line: Int
    ) {
        self.shotID = shotID
        self.settlesSeq = settlesSeq
        self.choice = choice
        self.citizenID = citizenID
        self.outcome = outcome
        self.corrections = corrections
        self.decidedAtEpoch = decidedAtEpoch
        self.decidedAt = decidedAt
        self.reviewer = reviewer
        self.reason = reason
        self.signerSite = signerSite
        self.signerKeyID = signerKeyID
        self.fileSHA256 = fileSHA256
        self.line = line
    }

    /// Whether two records decide the same thing (choice, citizen), whatever file or time:
    /// importing the same decision again changes nothing.
    public func decidesLike(_ other: ReviewRecord) -> Bool {
        shotID == other.shotID && choice == other.choice && citizenID == other.citizenID
    }

    /// Why this record cannot be written, or nil: the rules that need no other entry.
    var problem: String? {
        let shot = shotID.utf8.count
        if shot == 0 || shot > 255 { return "a shot_id has 1 to 255 bytes" }
        if settlesSeq < 1 { return "a review entry settles a decision entry (seq >= 1)" }
        switch choice {
        case .link:
            guard let id = citizenID, id.rawValue < 1_000_000_000_000 else { return "a link names a 12-digit citizen" }
            if !outcome.isLink { return "a link's outcome is verified, corrected or relinked" }
        case .notRegistered:
            if citizenID != nil || outcome != .unmatched {
                return "not_registered has no citizen and outcome unmatched"
            }
        case .deferred:
            if citizenID != nil || outcome != .review { return "defer has no citizen and outcome review" }
        }
        if choice != .link && !corrections.isEmpty { return "only a link has corrections" }
        for s in [decidedAt, reviewer, reason, signerSite, signerKeyID] where s.utf8.count > 0xFFFF {
            return "a text field is longer than 65535 bytes"
        }
        if reviewer.isEmpty { return "a review entry names its reviewer" }
        if line < 2 || line > Int(UInt32.max) { return "a line is from 2 to 2^32-1" }
        return nil
    }
}
