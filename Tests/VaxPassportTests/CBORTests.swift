import Testing
import VaxCore
import VaxPassport
import VaxTestSupport

func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return out
}

/// RFC 8949 Appendix A: the examples this data model represents (undefined and other simple
/// values are refused by design, tested below).
enum RFC8949Examples {
    static func t(_ s: String) -> CBOR { .text(s) }
    static let oneToTwentyFive = CBOR.array((1...25).map { CBOR.unsigned(UInt64($0)) })
    static let nested = CBOR.array([
        .unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)]),
    ])
    static let ab = CBOR.map([
        CBORMapEntry(t("a"), .unsigned(1)), CBORMapEntry(t("b"), .array([.unsigned(2), .unsigned(3)])),
    ])
    static let aMap = CBOR.array([t("a"), .map([CBORMapEntry(t("b"), t("c"))])])

    /// Encode and decode: (hex, item).
    static let roundTrip: [(String, CBOR)] = [
        ("00", .unsigned(0)), ("01", .unsigned(1)), ("0a", .unsigned(10)), ("17", .unsigned(23)),
        ("1818", .unsigned(24)), ("1819", .unsigned(25)), ("1864", .unsigned(100)), ("1903e8", .unsigned(1000)),
        ("1a000f4240", .unsigned(1_000_000)), ("1b000000e8d4a51000", .unsigned(1_000_000_000_000)),
        ("1bffffffffffffffff", .unsigned(UInt64.max)),
        ("c249010000000000000000", .tagged(2, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        ("3bffffffffffffffff", .negative(UInt64.max)),
        ("c349010000000000000000", .tagged(3, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        ("20", .int(-1)), ("29", .int(-10)), ("3863", .int(-100)), ("3903e7", .int(-1000)),
        ("f90000", .double(0.0)), ("f93c00", .double(1.0)), ("fb3ff199999999999a", .double(1.1)),
        ("f93e00", .double(1.5)), ("f97bff", .double(65504.0)), ("fa47c35000", .double(100000.0)),
        ("fa7f7fffff", .double(3.4028234663852886e+38)), ("fb7e37e43c8800759c", .double(1.0e+300)),
        ("f90001", .double(5.960464477539063e-8)), ("f90400", .double(0.00006103515625)),
        ("f9c400", .double(-4.0)), ("fbc010666666666666", .double(-4.1)),
        ("f97c00", .double(.infinity)), ("f9fc00", .double(-.infinity)),
        ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null),
        ("c074323031332d30332d32315432303a30343a30305a", .tagged(0, t("2013-03-21T20:04:00Z"))),
        ("c11a514b67b0", .tagged(1, .unsigned(1_363_896_240))),
        ("c1fb41d452d9ec200000", .tagged(1, .double(1_363_896_240.5))),
        ("d74401020304", .tagged(23, .bytes([1, 2, 3, 4]))),
        ("d818456449455446", .tagged(24, .bytes([0x64, 0x49, 0x45, 0x54, 0x46]))),
        ("d82076687474703a2f2f7777772e6578616d706c652e636f6d", .tagged(32, t("http://www.example.com"))),
        ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])),
        ("60", t("")), ("6161", t("a")), ("6449455446", t("IETF")), ("62225c", t("\"\\")),
        ("62c3bc", t("\u{00fc}")), ("63e6b0b4", t("\u{6c34}")), ("64f0908591", t("\u{10151}")),
        ("80", .array([])), ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        ("8301820203820405", nested),
        ("98190102030405060708090a0b0c0d0e0f101112131415161718181819", oneToTwentyFive),
        ("a0", .map([])),
        ("a201020304", .map([CBORMapEntry(.unsigned(1), .unsigned(2)), CBORMapEntry(.unsigned(3), .unsigned(4))])),
        ("a26161016162820203", ab), ("826161a161626163", aMap),
        (
            "a56161614161626142616361436164614461656145",
            .map(["a", "b", "c", "d", "e"].map { CBORMapEntry(t($0), t($0.uppercased())) })
        ),
    ]

    /// Decode only: other widths of the same values, and indefinite lengths.
    static let decodeOnly: [(String, CBOR)] = [
        ("fa7f800000", .double(.infinity)), ("fb7ff0000000000000", .double(.infinity)),
        ("faff800000", .double(-.infinity)), ("f98000", .double(-0.0)),
        ("5f42010243030405ff", .bytes([1, 2, 3, 4, 5])), ("7f657374726561646d696e67ff", t("streaming")),
        ("9fff", .array([])), ("9f018202039f0405ffff", nested), ("9f01820203820405ff", nested),
        ("83018202039f0405ff", nested), ("83019f0203ff820405", nested),
        ("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", oneToTwentyFive),
        ("bf61610161629f0203ffff", ab), ("826161bf61626163ff", aMap),
        ("bf6346756ef563416d7421ff", .map([CBORMapEntry(t("Fun"), .bool(true)), CBORMapEntry(t("Amt"), .int(-2))])),
    ]
}

@Suite struct CBORTests {
    @Test(arguments: RFC8949Examples.roundTrip.indices)
    func encodesAndDecodesTheRFCExample(_ index: Int) throws {
        let (hex, item) = RFC8949Examples.roundTrip[index]
        #expect(hexString(item.encoded()) == hex)
        #expect(try CBOR.decode(bytes(hex: hex)) == item)
    }

    @Test(arguments: RFC8949Examples.decodeOnly.indices)
    func decodesTheRFCExample(_ index: Int) throws {
        let (hex, item) = RFC8949Examples.decodeOnly[index]
        #expect(try CBOR.decode(bytes(hex: hex)) == item)
    }

    @Test func nanAndNegativeZero() throws {
        #expect(hexString(CBOR.double(.nan).encoded()) == "f97e00")
        #expect(hexString(CBOR.double(-0.0).encoded()) == "f98000")
        for hex in ["f97e00", "fa7fc00000", "fb7ff8000000000000"] {
            guard case .double(let value) = try CBOR.decode(bytes(hex: hex)) else {
                Issue.record("\(hex) is not a float")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test func integersAndLookups() throws {
        #expect(CBOR.int(-260).encoded() == [0x39, 0x01, 0x03])
        #expect(CBOR.int(Int64.min).integerValue == Int64.min)
        #expect(CBOR.negative(UInt64.max).integerValue == nil)
        let map = CBOR.map([CBORMapEntry(.int(-260), .text("hcert")), CBORMapEntry(.text("ver"), .text("1.3.0"))])
        #expect(map[Int64(-260)] == .text("hcert"))
        #expect(map["ver"]?.textValue == "1.3.0")
        #expect(map["nam"] == nil)
        #expect(CBOR.array([])["ver"] == nil)
        #expect(CBOR.tagged(0, .text("x")).untagged == .text("x"))
    }

    /// RFC 8949 Appendix F / §3: items a strict decoder must refuse, each with a reason.
    static let refused: [(String, String)] = [
        ("", "empty input"), ("18", "truncated argument"), ("1901", "truncated argument"),
        ("62c3", "truncated string"), ("8301", "truncated array"), ("a10102a1", "truncated map"),
        ("1c", "reserved additional information 28"), ("1d", "reserved 29"), ("1e", "reserved 30"),
        ("1f", "indefinite integer"), ("3f", "indefinite negative integer"), ("df00", "indefinite tag"),
        ("ff", "a lone break"), ("f7", "undefined"), ("f0", "simple value 16"), ("f8ff", "simple value 255"),
        ("5f", "indefinite string without break"), ("5f41", "bad chunk"), ("5f6161ff", "text chunk in bytes"),
        ("5f5f4100ffff", "nested indefinite chunk"), ("9f01", "indefinite array without break"),
        ("bf6161ff", "indefinite map with a key and no value"), ("a20101", "missing entry"),
        ("62c328", "invalid UTF-8"), ("61ff", "invalid UTF-8 byte"), ("63eda080", "UTF-8 surrogate"),
        ("a2616101616102", "duplicate map key"), ("0000", "trailing bytes"),
        ("5bffffffffffffffff", "byte string longer than the input"), ("7b7fffffffffffffff", "huge text"),
        ("9bffffffffffffffff", "huge array"), ("bbffffffffffffffff", "huge map"),
        ("9a7fffffff00", "array count beyond the input"), ("ba40000000", "map count beyond the input"),
    ]

    @Test(arguments: refused.indices)
    func refusesMalformedInput(_ index: Int) {
        let (hex, reason) = Self.refused[index]
        #expect(throws: VaxError.self, "\(reason)") { try CBOR.decode(bytes(hex: hex)) }
    }

    @Test func everyTruncationOfAPayloadThrows() throws {
        let encoded = sampleDCC().encoded()
        for length in 0..<encoded.count {
            #expect(throws: VaxError.self) { try CBOR.decode(Array(encoded.prefix(length))) }
        }
        #expect(try CBOR.decode(encoded) == sampleDCC())
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() throws {
        // 100 000 nested arrays, tags and maps: the depth limit stops each long before the stack.
        for opener: [UInt8] in [[0x81], [0x9F], [0xC6], [0xA1, 0x00]] {
            var input: [UInt8] = []
            for _ in 0..<100_000 { input += opener }
            #expect(throws: VaxError.self) { try CBOR.decode(input + [0x00]) }
        }
        var ok: [UInt8] = Array(repeating: 0x81, count: CBOR.maximumDepth)
        ok.append(0x00)
        #expect(throws: Never.self) { try CBOR.decode(ok) }
    }

    @Test func randomBytesNeverTrap() {
        var random = makeTestRandom(seed: 0xCB02)
        var decoded = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 48)
            let input = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if (try? CBOR.decode(input)) != nil { decoded += 1 }
        }
        // Some short random inputs are valid items; the point is that none trapped.
        #expect(decoded > 0)
    }

    @Test func mutatedPayloadsNeverTrapAndReencodeWhenTheyDecode() {
        var random = makeTestRandom(seed: 0xCB03)
        let encoded = sampleDCC().encoded()
        for _ in 0..<5_000 {
            var input = encoded
            for _ in 0..<(1 + Int(random.next() % 3)) {
                input[Int(random.next() % UInt64(input.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            if let item = try? CBOR.decode(input) {
                // Whatever decodes re-decodes from its own encoding to the same item.
                #expect((try? CBOR.decode(item.encoded())) == item || containsNaN(item))
            }
        }
    }

    func containsNaN(_ item: CBOR) -> Bool {
        switch item {
        case .double(let d): return d.isNaN
        case .array(let items): return items.contains(where: containsNaN)
        case .map(let entries): return entries.contains { containsNaN($0.key) || containsNaN($0.value) }
        case .tagged(_, let inner): return containsNaN(inner)
        default: return false
        }
    }
}
