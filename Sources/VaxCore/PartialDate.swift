// A date that may be known only to the year or the month, as population registers hold
// many older citizens' birth dates (docs/interchange.md "population.csv").
//
// Packed layout (UInt32, on-disk columns may store it, so frozen):
//   bits 9...    year (1880...2030)
//   bits 5...8   month (1...12, 0 when unknown)
//   bits 0...4   day (1...31, 0 when unknown)
// A valid date never packs to 0, so 0 can mark "no date" in a column. Packed values
// order like the dates (year, then month, then day; a partial date sorts first).

/// A calendar date known to the year, the month or the day.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: UInt8, Sendable {
        case year = 1
        case month = 2
        case day = 3
    }

    /// The earliest and latest years accepted as plausible.
    public static let yearRange: ClosedRange<Int> = 1880...2030

    /// The packed form described at the top of this file; never 0.
    public let packed: UInt32

    /// A date from parts: `day` needs `month`.
    /// - Returns: nil if the year is outside `yearRange`, the month outside 1...12, or the day
    ///   not in the month (29 February only in leap years).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard PartialDate.yearRange.contains(year) else { return nil }
        var m = 0
        var d = 0
        if let month {
            guard (1...12).contains(month) else { return nil }
            m = month
            if let day {
                guard day >= 1 && day <= PartialDate.daysIn(month: month, year: year) else { return nil }
                d = day
            }
        } else if day != nil {
            return nil
        }
        packed = UInt32(year) << 9 | UInt32(m) << 5 | UInt32(d)
    }

    /// Unpacks a value made by `packed`; nil for 0 or anything that is not a valid date.
    public init?(packed: UInt32) {
        let year = Int(packed >> 9)
        let month = Int(packed >> 5 & 15)
        let day = Int(packed & 31)
        guard let date = PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day),
            date.packed == packed
        else { return nil }
        self = date
    }

    public var year: Int { Int(packed >> 9) }
    /// The month 1...12, or nil when only the year is known.
    public var month: Int? { packed >> 5 & 15 == 0 ? nil : Int(packed >> 5 & 15) }
    /// The day of the month, or nil when not known.
    public var day: Int? { packed & 31 == 0 ? nil : Int(packed & 31) }

    public var precision: Precision {
        if packed & 31 != 0 { return .day }
        return packed >> 5 & 15 != 0 ? .month : .year
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(year)"
        if let month { text += "-" + two(month) }
        if let day { text += "-" + two(day) }
        return text
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool { a.packed < b.packed }
}

extension PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` and, if `allowsDayFirst`, `DD/MM/YYYY`.
    ///
    /// Digits are ASCII and fixed-width; nothing else is accepted (no spaces, no signs).
    /// - Returns: nil for any other shape or an impossible date.
    public static func parse(_ bytes: UnsafeRawBufferPointer, allowsDayFirst: Bool = false) -> PartialDate? {
        // Reads `count` ASCII digits at `offset`; -1 if any is not a digit.
        func number(_ offset: Int, _ count: Int) -> Int {
            var value = 0
            for i in offset..<(offset + count) {
                let digit = bytes[i] &- 48
                guard digit < 10 else { return -1 }
                value = value * 10 + Int(digit)
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        let slash = UInt8(ascii: "/")
        switch bytes.count {
        case 4:
            let y = number(0, 4)
            return y < 0 ? nil : PartialDate(year: y)
        case 7:
            guard bytes[4] == dash else { return nil }
            let y = number(0, 4)
            let m = number(5, 2)
            return y < 0 || m < 0 ? nil : PartialDate(year: y, month: m)
        case 10:
            if bytes[4] == dash && bytes[7] == dash {
                let y = number(0, 4)
                let m = number(5, 2)
                let d = number(8, 2)
                return y < 0 || m < 0 || d < 0 ? nil : PartialDate(year: y, month: m, day: d)
            }
            if allowsDayFirst && bytes[2] == slash && bytes[5] == slash {
                let d = number(0, 2)
                let m = number(3, 2)
                let y = number(6, 4)
                return y < 0 || m < 0 || d < 0 ? nil : PartialDate(year: y, month: m, day: d)
            }
            return nil
        default:
            return nil
        }
    }

    /// Parses a string; see `parse(_:allowsDayFirst:)`.
    public static func parse(_ text: String, allowsDayFirst: Bool = false) -> PartialDate? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0), allowsDayFirst: allowsDayFirst) }
    }
}
