/// A birth date at the precision it was registered: year, year-month or full date,
/// packed into 21 bits as `year << 9 | month << 5 | day` (month, day 0 when absent).
public struct StoredDate: Hashable, Sendable {
    public let packed: UInt32

    public init(packed: UInt32) { self.packed = packed }

    /// A date from its parts; `month`/`day` 0 mean not registered.
    public init(year: Int, month: Int = 0, day: Int = 0) {
        precondition((0..<4096).contains(year) && (0...12).contains(month) && (0...31).contains(day))
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    public var year: Int { Int(packed >> 9) }
    /// 1...12, or 0 when only the year is registered.
    public var month: Int { Int(packed >> 5 & 15) }
    /// 1...31, or 0 when the day is not registered.
    public var day: Int { Int(packed & 31) }
    /// Whether year, month and day are all registered.
    public var isFull: Bool { month != 0 && day != 0 }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var text: String {
        var out: [UInt8] = []
        appendText(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func appendText(to out: inout [UInt8]) {
        appendDigits(UInt64(year), width: 4, to: &out)
        if month != 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(UInt64(month), width: 2, to: &out)
            if day != 0 {
                out.append(UInt8(ascii: "-"))
                appendDigits(UInt64(day), width: 2, to: &out)
            }
        }
    }
}
