import VaxCore

// spec: ledger-format.md "Validity rules" R3, R5-R10: every body decodes canonically.

/// Part of phase 4: the rules one entry's own bytes must meet, whatever the hashes say (a
/// holder of the key can sign anything, so a signature is no proof of a well-formed body).
enum BodyRules {
    /// What is wrong with an entry of `kind` holding `body` and `shotID` (empty for NULL), or
    /// nil. Never traps, whatever the bytes.
    /// - Complexity: O(body); a decision is checked without allocating.
    static func problem(kind: EntryKind, body: UnsafeRawBufferPointer, shotID: UnsafeRawBufferPointer) -> String? {
        switch kind {
        case .decision:
            if shotID.isEmpty || shotID.count > 255 { return "the shot_id must have 1 to 255 bytes" }
            if !isValidUTF8(shotID) { return "the shot_id is not valid UTF-8" }
            guard body.count == DecisionBody.size else {
                return "a malformed decision: \(body.count) bytes, not \(DecisionBody.size)"
            }
            let outcome = DecisionBody.get(DecisionBody.outcome, in: body)
            if Outcome(rawValue: UInt8(outcome)) == nil { return "a decision with an undefined outcome \(outcome)" }
            let citizen = DecisionBody.get(DecisionBody.citizenID, in: body)
            if citizen != EntryCodec.noCitizen && citizen >= 1_000_000_000_000 {
                return "a decision whose citizen_id has more than 12 digits"
            }
            if DecisionBody.get(DecisionBody.corrections, in: body) & ~0x0F != 0 {
                return "a decision with undefined corrections bits"
            }
            return nil
        case .header, .reject, .seal, .evidence, .passport, .review, .complaint:
            // The codec rejects trailing bytes, bad flags, invalid UTF-8 and out-of-range values.
            if EntryCodec.decode(body: body, shotID: nil, evidence: { _ in "" }) == nil {
                return "a malformed \(kind) entry (it does not decode canonically)"
            }
            return nil
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (ASCII fast path).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        var decoded = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces invalid sequences, so the re-encoded bytes differ.
        return decoded.withUTF8 { $0.elementsEqual(bytes) }
    }
}
