import Testing
import VaxCore
import VaxPassport

@Suite struct ZlibTests {
    @Test func roundTripsAndShrinksRepetitiveText() throws {
        let text = Array(String(repeating: "Nguyễn Văn An, 1985-03-14; ", count: 200).utf8)
        let packed = Zlib.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(packed.first == 0x78)  // a zlib header, not raw deflate
        #expect(try Zlib.decompress(packed) == text)
    }

    @Test func rejectsCorruptTruncatedAndOversizedStreams() throws {
        let packed = Zlib.compress(Array(repeating: 7, count: 10_000))
        #expect(throws: VaxError.self) { try Zlib.decompress(Array(packed.dropLast(3))) }
        var flipped = packed
        flipped[1] ^= 0xFF  // breaks the header checksum
        #expect(throws: VaxError.self) { try Zlib.decompress(flipped) }
        #expect(throws: VaxError.self) { try Zlib.decompress(packed, limit: 1000) }
    }

    @Test func rejectsBytesAfterTheStream() throws {
        let packed = Zlib.compress(Array("one message".utf8))
        #expect(try Zlib.decompress(packed) == Array("one message".utf8))
        #expect(throws: VaxError.self) { try Zlib.decompress(packed + [0]) }
        // A second stream behind the first is trailing data too.
        #expect(throws: VaxError.self) { try Zlib.decompress(packed + packed) }
    }

    @Test func crc32MatchesTheKnownCheckValue() {
        // The CRC-32/ISO-HDLC check value of "123456789".
        #expect(Zlib.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
