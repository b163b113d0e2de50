/// A 12-digit personal identification number, held as an integer.
///
/// Structure (docs/interchange.md): digits 1-3 the province of birth registration
/// (`0` + 2-digit code), digit 4 sex and century (0 male / 1 female 1900s, 2 / 3 2000s),
/// digits 5-6 the birth year's last two digits, digits 7-12 a serial.
public struct CitizenID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        precondition(rawValue < 1_000_000_000_000, "a citizen ID has 12 digits")
        self.rawValue = rawValue
    }

    /// Parses exactly 12 ASCII digits; nil for anything else.
    public init?(digits bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 12 else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            guard b &- 48 < 10 else { return nil }
            value = value &* 10 &+ UInt64(b &- 48)
        }
        rawValue = value
    }

    /// Parses exactly 12 ASCII digits; nil for anything else.
    public init?(_ text: String) {
        var text = text
        guard let id = text.withUTF8({ CitizenID(digits: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// The registration province code (digits 2-3).
    public var provinceCode: Int { Int(rawValue / 1_000_000_000 % 100) }
    /// Whether the leading digit is 0, as every valid ID's is.
    public var hasValidLead: Bool { rawValue / 100_000_000_000 == 0 }
    /// Whether the number has an ID's structure: the leading 0, a sex and century digit
    /// 0-3 and an existing province. The register holds no other (PopulationReader).
    public var hasValidStructure: Bool { hasValidLead && sex != nil && Province.isValid(code: provinceCode) }
    /// The sex/century digit (digit 4).
    public var sexCenturyDigit: Int { Int(rawValue / 100_000_000 % 10) }
    /// The birth year's last two digits (digits 5-6).
    public var yearDigits: Int { Int(rawValue / 1_000_000 % 100) }
    /// The serial (digits 7-12).
    public var serial: Int { Int(rawValue % 1_000_000) }

    /// The sex the ID encodes, or nil for a digit outside 0-3.
    public var sex: Sex? {
        switch sexCenturyDigit {
        case 0, 2: return .male
        case 1, 3: return .female
        default: return nil
        }
    }

    /// The birth year the ID encodes, or nil for a digit outside 0-3.
    public var birthYear: Int? {
        switch sexCenturyDigit {
        case 0, 1: return 1900 + yearDigits
        case 2, 3: return 2000 + yearDigits
        default: return nil
        }
    }

    /// Builds an ID from its parts.
    public static func make(provinceCode: Int, sex: Sex, birthYear: Int, serial: Int) -> CitizenID {
        precondition((1900...2099).contains(birthYear) && (0..<1_000_000).contains(serial))
        let digit = (birthYear >= 2000 ? 2 : 0) + (sex == .female ? 1 : 0)
        let value = UInt64(provinceCode) * 1_000_000_000 + UInt64(digit) * 100_000_000
            + UInt64(birthYear % 100) * 1_000_000 + UInt64(serial)
        return CitizenID(rawValue: value)
    }

    /// The 12 digits with leading zeros.
    public var description: String {
        var digits: [UInt8] = []
        appendDigits(to: &digits)
        return String(decoding: digits, as: UTF8.self)
    }

    /// Appends the 12 digits with leading zeros to `buffer` (no allocation beyond its growth).
    public func appendDigits(to buffer: inout [UInt8]) {
        let end = buffer.count + 12
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 12))
        var v = rawValue
        for i in stride(from: end - 1, through: end - 12, by: -1) { buffer[i] = UInt8(48 + v % 10); v /= 10 }
    }

    public static func < (a: CitizenID, b: CitizenID) -> Bool { a.rawValue < b.rawValue }
}

/// Sex as registered: `M` or `F`.
public enum Sex: UInt8, Sendable, Hashable {
    case male = 1
    case female = 2

    /// `M` or `F`.
    public var code: String { self == .male ? "M" : "F" }
}
