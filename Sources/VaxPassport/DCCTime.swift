// RFC 3339 dates and times (the `date` and `date-time` formats of the DCC schema, and the
// verifier's --at clock), parsed on bytes without Foundation.
//
//   full-date = YYYY "-" MM "-" DD                     (month 01-12, day valid for the month)
//   date-time = full-date ("T" | "t" | " ") HH ":" MM ":" SS [ "." 1*DIGIT ] ("Z" | "z" | ("+" | "-") HH ":" MM)

import VaxCore

/// Calendar checks and conversions for certificate dates and the validation clock.
public enum DCCTime {
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
        // Floor division without `time - 86_399`, which overflows near Int64.min (a CWT's
        // exp or iat is any 64-bit integer an attacker chooses).
        var days = time / 86_400
        var remainder = time % 86_400
        if remainder < 0 {
            days -= 1
            remainder += 86_400
        }
        let seconds = Int(remainder)
        let date = CivilDate(dayNumber: Int(days))
        let (year, month, day) = (date.year, date.month, date.day)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):"
            + "\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))Z"
    }

    /// Days since the epoch of a `YYYY-MM-DD` starting at `start`, or nil if invalid.
    static func parseDate(_ b: [UInt8], at start: Int) -> Int64? {
        guard b.count >= start + 10, let year = digits(b, start, 4), b[start + 4] == 0x2D,
            let month = digits(b, start + 5, 2), b[start + 7] == 0x2D, let day = digits(b, start + 8, 2),
            CivilDate(year: year, month: month, day: day).isValid
        else { return nil }
        return Int64(CivilDate(year: year, month: month, day: day).dayNumber)
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
