import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// Hostile inputs for `HC1Verifier.verify` and its reports: whatever the text, a verdict and
/// never a trap (finding 6 of issue 14: arithmetic overflow on exp or iat near Int64.min).
@Suite struct HC1VerifierFuzzTests {
    /// The claims with exp and iat replaced by `exp` and `iat` (nil leaves the claim out).
    static func claims(exp: CBOR?, iat: CBOR?) -> [UInt8] {
        var entries = [CBORMapEntry(.unsigned(1), .text("VN"))]
        if let exp { entries.append(CBORMapEntry(.unsigned(4), exp)) }
        if let iat { entries.append(CBORMapEntry(.unsigned(6), iat)) }
        entries.append(CBORMapEntry(.int(-260), .map([CBORMapEntry(.unsigned(1), sampleDCC())])))
        return CBOR.map(entries).encoded()
    }

    static let hostileTimes: [CBOR] = [
        .int(Int64.min), .int(Int64.min + 1), .int(Int64.max), .int(-1), .int(0),
        .negative(UInt64.max), .negative(UInt64(Int64.max)), .unsigned(UInt64.max), .unsigned(UInt64(Int64.max)),
        .double(-1e300), .double(1e300), .double(.nan), .double(.infinity), .double(-.infinity),
        .double(-0.0), .double(-9.2e18), .double(9.99e14), .double(-9.99e14), .text("2021-01-01"), .null,
    ]

    static let clocks: [Int64] = [Int64.min, Int64.min + 1, -1, 0, TestSigner.midway, Int64.max - 1, Int64.max]

    /// Both reports render every result (they format the claimed times).
    static func render(_ result: HC1Verification) -> Int {
        result.textReport.utf8.count + result.jsonReport.render().utf8.count + result.verdict.utf8.count
    }

    // spec: issue 14 "verify never traps on any input"
    @Test func extremeExpAndIatNeverTrap() throws {
        let signer = try TestSigner()
        var judged = 0
        for exp in Self.hostileTimes + [.int(TestSigner.expiresAt)] {
            for iat in Self.hostileTimes + [.int(TestSigner.issuedAt)] {
                let message = try signer.signedMessage(
                    payload: Self.claims(exp: exp, iat: iat), protected: signer.protectedHeader)
                let text = TestSigner.wrap(message)
                for clock in Self.clocks {
                    let result = signer.verifier.verify(text, at: clock)
                    #expect(Self.render(result) > 0)
                    // Text and null are no NumericDate: the claims are refused, not misread.
                    if [CBOR.text("2021-01-01"), .null].contains(exp) { #expect(result.failedStage == .cwt) }
                    judged += 1
                }
            }
        }
        #expect(judged == 21 * 21 * Self.clocks.count)
    }

    @Test func formatsEveryInstantOfTheRange() {
        for time in [Int64.min, Int64.min + 1, -86_401, -86_400, -1, 0, 86_399, Int64.max] {
            #expect(!DCCTime.format(time).isEmpty)
        }
        #expect(DCCTime.format(-1) == "1969-12-31T23:59:59Z")
        #expect(DCCTime.format(-86_400) == "1969-12-31T00:00:00Z")
    }

    // spec: issue 14 "trailing data after the zlib stream is rejected"
    @Test func rejectsDataAfterTheZlibStream() throws {
        let signer = try TestSigner()
        let cose = try signer.signedMessage(
            payload: Self.claims(exp: .int(TestSigner.expiresAt), iat: .int(TestSigner.issuedAt)),
            protected: signer.protectedHeader)
        let packed = Zlib.compress(cose)
        #expect(signer.verifier.verify("HC1:" + Base45.encode(packed), at: TestSigner.midway).isValid)
        for tail: [UInt8] in [[0], [0x78, 0xDA], packed] {
            let result = signer.verifier.verify("HC1:" + Base45.encode(packed + tail), at: TestSigner.midway)
            #expect(result.failedStage == .decompression, "\(result.verdict)")
        }
    }

    /// Random edits of a valid text and of its COSE bytes: a verdict every time, and a changed
    /// text verifies only when it still carries the signed payload.
    @Test func randomMutationsGiveAVerdict() throws {
        let signer = try TestSigner()
        let text = try signer.issue()
        let original = signer.verifier.verify(text, at: TestSigner.midway)
        #expect(original.isValid)
        let cose = try Zlib.decompress(try Base45.decode(Array(text.utf8.dropFirst(4))))
        var random = makeTestRandom(seed: 0x1414)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8) + [0x00, 0xC3, 0xFF]
        for round in 0..<1_500 {
            let candidate: String
            if round % 2 == 0 {
                var bytes = Array(text.utf8)
                for _ in 0...random.below(4) {
                    let at = random.below(bytes.count)
                    switch random.below(3) {
                    case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                    }
                }
                candidate = String(decoding: bytes, as: UTF8.self)
            } else {
                var bytes = cose
                for _ in 0...random.below(3) { bytes[random.below(bytes.count)] ^= UInt8(1 + random.below(255)) }
                if random.chance(0.2) { bytes.removeLast(random.below(bytes.count)) }
                candidate = TestSigner.wrap(bytes)
            }
            let result = signer.verifier.verify(candidate, at: TestSigner.midway)
            #expect(Self.render(result) > 0)
            if result.isValid { #expect(result.message?.payload == original.message?.payload, "round \(round)") }
        }
    }

    /// spec: issue 14 "a bad line in a --file batch must not abort the file"
    @Test func aBadLineOfAFileFailsAloneAndTheRestIsChecked() throws {
        let signer = try TestSigner()
        let good = try signer.issue()
        let hostile = TestSigner.wrap(
            try signer.signedMessage(
                payload: Self.claims(exp: .int(Int64.min), iat: .negative(UInt64.max)),
                protected: signer.protectedHeader))
        let csv = "citizen_id,uvci,hc1\n1,U1,\(good)\r\n2,U2\n\n3,U3,\(hostile)\n4,U4,\(good)\n"
        let entries = try HC1TextFile.entries(Array(csv.utf8))
        #expect(entries.map(\.line) == [2, 3, 5, 6])
        let verdicts = entries.map { signer.verifier.verify($0.text, at: TestSigner.midway).isValid }
        #expect(verdicts == [true, false, false, true])
        let plain = try HC1TextFile.entries(Array("\(good)\nnot a passport\n\(good) \n".utf8))
        #expect(plain.map(\.text) == [good, "not a passport", good + " "])
        #expect(throws: VaxError.self) { try HC1TextFile.entries(Array("name,uvci\n1,2\n".utf8)) }
    }
}
