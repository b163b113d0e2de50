public import VaxCore
import VaxCrypto

/// One vaccine passport (EU Digital COVID Certificate) issued from this ledger's decisions.
///
/// On disk it is an entry of kind 6 (docs/ledger-format.md "Entries"), appended after the
/// run's decisions, so that an auditor can tie every passport to the decisions it rests on.
public struct PassportRecord: Sendable, Equatable {
    /// The certificate's unique identifier, `URN:UVCI:01:VN:…#c` (1 to 80 bytes of ASCII).
    public var uvci: String
    /// The citizen the certificate is for.
    public var citizenID: CitizenID
    /// SHA-256 of the CWT payload bytes that were signed.
    public var payloadSHA256: SHA256Digest
    /// The sequence numbers of the link decisions of `citizenID` the certificate rests on,
    /// strictly increasing.
    public var decisionSeqs: [Int]

    public init(uvci: String, citizenID: CitizenID, payloadSHA256: SHA256Digest, decisionSeqs: [Int]) {
        self.uvci = uvci
        self.citizenID = citizenID
        self.payloadSHA256 = payloadSHA256
        self.decisionSeqs = decisionSeqs
    }

    /// The longest UVCI the DCC schema allows (`certificate_id` maxLength).
    static let maxUVCIBytes = 80

    /// Why this record cannot be written, or nil if it can: the rules the verifier checks
    /// that do not need the rest of the ledger.
    var problem: String? {
        let bytes = uvci.utf8
        if bytes.isEmpty || bytes.count > PassportRecord.maxUVCIBytes || !bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return "a UVCI must be 1 to 80 printable ASCII characters"
        }
        if citizenID.rawValue >= 1_000_000_000_000 { return "a citizen ID has 12 digits" }
        if decisionSeqs.isEmpty { return "a passport rests on at least one decision" }
        if decisionSeqs.count > Int(UInt32.max) { return "too many decisions" }
        for (a, b) in zip(decisionSeqs, decisionSeqs.dropFirst()) where a >= b {
            return "a passport's decision seqs must be strictly increasing"
        }
        if decisionSeqs[0] < 0 { return "a decision seq is negative" }
        return nil
    }
}
