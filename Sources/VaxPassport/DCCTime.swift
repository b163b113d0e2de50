// RFC 3339 dates and times (the `date` and `date-time` formats of the DCC schema, and the
// verifier's --at clock), parsed on bytes without Foundation.
//
//   full-date = YYYY "-" MM "-" DD                     (month 01-12, day valid for the month)
//   date-time = full-date ("T" | "t" | " ") HH ":" MM ":" SS [ "." 1*DIGIT ] ("Z" | "z" | ("+" | "-") HH ":" MM)

/// Calendar checks and conversions for certificate dates and the validation clock.
public enum DCCTime {
    /// Days from 1970-01-01 to a proleptic Gregorian date.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * Int64((month + 9) % 12) + 2) / 5 + Int64(day) - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The Unix time of midnight UTC at the start of an RFC 3339 full-date, or nil if `text`
    /// is not exactly one valid `YYYY-MM-DD` date.
    public static func parseDate(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let days = parseDate(bytes, at: 0) else { return nil }
        return days * 86_400
    }

    /// The Unix time (whole seconds, fraction dropped) of an RFC 3339 date-time, or nil if
    /// `text` is not one.
    public static func parseDateTime(_ text: String) -> Int64? {
        parseDateTime(Array(text.utf8), strict: true)
    }

    /// RFC 3339 when `strict`; else also the ISO 8601 forms operators and test suites write:
    /// no zone (taken as UTC), and offsets as ±HHMM or ±HH.
    static func parseDateTime(_ b: [UInt8], strict: Bool) -> Int64? {
        guard b.count >= 19, let days = parseDate(b, at: 0), [0x54, 0x74, 0x20].contains(b[10]),
            let hour = digits(b, 11, 2), b[13] == 0x3A, let minute = digits(b, 14, 2), b[16] == 0x3A,
            let second = digits(b, 17, 2), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        if index < b.count, b[index] == 0x2E {  // "." fraction: at least one digit
            index += 1
            let start = index
            while index < b.count, b[index] >= 0x30, b[index] <= 0x39 { index += 1 }
            guard index > start else { return nil }
        }
        guard index < b.count else {
            return strict ? nil : days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        }
        var offset: Int64 = 0
        switch b[index] {
        case 0x5A, 0x7A:  // Z z
            guard index + 1 == b.count else { return nil }
        case 0x2B, 0x2D:  // + -
            let rest = b.count - index - 1
            let colon = rest == 5 && b[index + 3] == 0x3A
            guard colon || (!strict && (rest == 4 || rest == 2)), let oh = digits(b, index + 1, 2), oh <= 23 else {
                return nil
            }
            let om = rest == 2 ? 0 : digits(b, index + (colon ? 4 : 3), 2) ?? 60
            guard om <= 59 else { return nil }
            offset = Int64(oh * 3600 + om * 60) * (b[index] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - offset
    }

    /// The Unix time of an ISO 8601 instant as `--at` takes it: an RFC 3339 date-time, an ISO 8601
    /// date-time without zone (UTC) or with a ±HHMM / ±HH offset, or a full date (midnight UTC).
    public static func parseInstant(_ text: String) -> Int64? {
        parseDateTime(Array(text.utf8), strict: false) ?? parseDate(text)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
    public static func format(_ time: Int64) -> String {
        let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        let seconds = Int(time - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):"
            + "\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))Z"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01.
    static func civil(fromDays count: Int64) -> (Int, Int, Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// Days since the epoch of a `YYYY-MM-DD` starting at `start`, or nil if invalid.
    static func parseDate(_ b: [UInt8], at start: Int) -> Int64? {
        guard b.count >= start + 10, let year = digits(b, start, 4), b[start + 4] == 0x2D,
            let month = digits(b, start + 5, 2), b[start + 7] == 0x2D, let day = digits(b, start + 8, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return daysSinceEpoch(year: year, month: month, day: day)
    }

    /// The decimal value of `count` ASCII digits at `start`, or nil if any is not a digit.
    static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
        }
        return value
    }
}
