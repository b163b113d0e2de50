// Checks of the review-decisions.csv columns (docs/interchange.md "review-decisions.csv")
// that go beyond the shared field checks: reason codes, reviewers, ISO 8601 times.

/// The rules of review-decisions.csv values, shared by the reader and the tests.
public enum ReviewFieldChecks {
    /// The longest reason code.
    public static let maxReasonCodeLength = 32
    /// The longest reason, in Unicode scalars.
    public static let maxReasonLength = 500

    /// Where the reason's code ends: the index of its first `: `, or nil.
    /// - Complexity: O(reason).
    public static func codeEnd(_ reason: String) -> String.Index? {
        var index = reason.utf8.startIndex
        while index != reason.utf8.endIndex {
            let next = reason.utf8.index(after: index)
            if reason.utf8[index] == 0x3A, next != reason.utf8.endIndex, reason.utf8[next] == 0x20 { return index }
            index = next
        }
        return nil
    }

    /// Whether `reason` is a short code (1 to 32 of `a-z 0-9 _`, starting with a letter),
    /// then `: `, then free text without control characters (the text may be empty).
    public static func isValidReason(_ reason: String) -> Bool {
        guard let end = codeEnd(reason) else { return false }
        let code = reason[..<end].utf8
        guard (1...maxReasonCodeLength).contains(code.count), let first = code.first, first &- 0x61 < 26 else {
            return false
        }
        for b in code where !(b &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F) { return false }
        let scalars = reason.unicodeScalars
        return scalars.count <= maxReasonLength && scalars.allSatisfy(isPrintable)
    }

    /// Whether `reviewer` is 1 to 64 printable characters (Unicode scalars: no control or
    /// format characters, no line or paragraph separators) and not only spaces.
    public static func isValidReviewer(_ reviewer: String) -> Bool {
        let scalars = reviewer.unicodeScalars
        guard (1...64).contains(scalars.count), scalars.allSatisfy(isPrintable) else { return false }
        return scalars.contains { !$0.properties.isWhitespace }
    }

    /// Whether a scalar prints: not a control (Cc), format (Cf), separator line/paragraph
    /// (Zl, Zp), surrogate, private use or unassigned character.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return false
        default:
            return true
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z of `YYYY-MM-DDTHH:MM:SS[.f+](±HH:MM|Z)`; nil if the
    /// text is not such a time with a valid date, time and offset. A UTC offset is required:
    /// a local time without one names no instant.
    public static func parseTimestamp(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard b[i] &- 0x30 < 10 else { return nil }
                value = value * 10 + Int(b[i] &- 0x30)
            }
            return value
        }
        guard b.count >= 20, let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D,
            let day = number(8, 2), b[10] == 0x54, let hour = number(11, 2), b[13] == 0x3A,
            let minute = number(14, 2), b[16] == 0x3A, let second = number(17, 2)
        else { return nil }
        guard year >= 1900, (1...12).contains(month), day >= 1, day <= daysInMonth(year, month), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var i = 19
        if i < b.count && b[i] == 0x2E {  // a fraction of a second: digits, ignored
            i += 1
            let start = i
            while i < b.count && b[i] &- 0x30 < 10 { i += 1 }
            guard i > start && i - start <= 9 else { return nil }
        }
        var offset = 0
        if i < b.count && b[i] == 0x5A {  // Z
            i += 1
        } else {
            guard i + 6 == b.count, b[i] == 0x2B || b[i] == 0x2D, let oh = number(i + 1, 2), b[i + 3] == 0x3A,
                let om = number(i + 4, 2), oh <= 18, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == 0x2D ? -1 : 1)
            i += 6
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year, month, day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
