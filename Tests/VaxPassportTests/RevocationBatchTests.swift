import Testing
import VaxPassport

/// The EU DCC revocation batch, hash type UCI.
@Suite struct RevocationBatchTests {
    // spec: DCC revocation, hashType UCI: Base64 of the first 128 bits of SHA-256(UCI).
    @Test func hashesAreTheTruncatedSHA256OfTheUVCI() {
        // SHA-256("URN:UVCI:01:VN:ABC#X") computed with Python's hashlib, first 16 bytes, Base64.
        #expect(RevocationBatch.uciHash("URN:UVCI:01:VN:ABC#X") == Self.expected)
        let batch = RevocationBatch(country: "VN", expires: 1_700_000_000,
                                    uvcis: ["URN:UVCI:01:VN:ABC#X", "URN:UVCI:01:VN:DEF#Y", "URN:UVCI:01:VN:ABC#X"])
        #expect(batch.hashes.count == 2 && batch.hashes == batch.hashes.sorted())
        #expect(batch.hashes.allSatisfy { $0.count == 24 })
        #expect(batch.json.contains("\"hashType\": \"UCI\"") && batch.json.contains("\"country\": \"VN\""))
        #expect(batch.json.contains("\"expires\": \"2023-11-14T22:13:20Z\""))
        #expect(batch.json.contains("\"hash\": \"\(Self.expected)\""))
    }

    static let expected = "NkLC+i70uobR/xBxCzIhSQ=="
}
