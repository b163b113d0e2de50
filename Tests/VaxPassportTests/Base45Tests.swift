import Testing
import VaxCore
import VaxPassport
import VaxTestSupport

@Suite struct Base45Tests {
    /// RFC 9285 §4.3 and §4.4.
    static let examples: [(String, String)] = [
        ("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0"),
        ("", ""),
    ]

    @Test(arguments: examples.indices)
    func encodesAndDecodesTheRFCExample(_ index: Int) throws {
        let (plain, encoded) = Self.examples[index]
        #expect(Base45.encode(Array(plain.utf8)) == encoded)
        #expect(try Base45.decode(encoded) == Array(plain.utf8))
    }

    @Test func allByteValuesRoundTrip() throws {
        var random = makeTestRandom(seed: 45)
        for count in 0..<200 {
            let input = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(try Base45.decode(Base45.encode(input)) == input)
        }
        #expect(Base45.encode([0xFF, 0xFF]) == "FGW")
        #expect(Base45.encode([0xFF]) == "U5")
    }

    /// Strict decoding: RFC 9285 §4.4 "GGW" exceeds two bytes; other malformed texts.
    static let refused: [(String, String)] = [
        ("GGW", "a triple above 65535"), (":::", "the largest triple"), ("A", "one character left over"),
        ("ABCD", "3k+1 characters"), ("V6", "a pair above 255"), ("::", "the largest pair"),
        ("bb8", "lowercase"), ("BB=", "not in the alphabet"), ("BB\n", "a line break"), ("ÄB8", "non-ASCII"),
    ]

    @Test(arguments: refused.indices)
    func refusesMalformedText(_ index: Int) {
        let (text, reason) = Self.refused[index]
        #expect(throws: VaxError.self, "\(reason)") { try Base45.decode(text) }
    }
}
