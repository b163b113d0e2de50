// The EU DCC JSON schema 1.3.0 (the published DCC.combined-schema.json, 1.3.x), written out as
// code over the CBOR payload. JSON Schema 2020-12 semantics are kept: a CBOR integer or an
// integral float is a JSON integer, maps must have text keys to be JSON objects, a tagged item
// is judged by its content (tag 0 date-time strings), properties that the schema does not name
// are allowed, lengths count Unicode code points, patterns are ECMA regular expressions (the
// unanchored "[A-Z]{1,10}" of `co` only asks for one capital letter), and `format` is an
// annotation, not an assertion (2020-12 §7.2.1; the EU test vectors expect date-times in `dt`
// to pass). Format and value-set problems are reported as warnings instead.
//
//   DCC     = { ver: /^\d+.\d+.\d+$/, nam: person_name, dob: /^((19|20)\d\d(-\d\d){0,2}){0,1}$/,
//               exactly one of v | t | r: [entry] with 1 item }
//   person_name = { fn?: ≤80, fnt?: /^[A-Z<]*$/ ≤80, gn?: ≤80, gnt?: /^[A-Z<]*$/ ≤80 }, fnt or gnt
//   v entry = tg vp mp ma: string, dn sd: integer ≥ 1, dt: string (date), co, is ≤80, ci ≤80 (all required)
//   t entry = tg tt sc(date-time) tr co is ci required; nm ≤80, ma, tc ≤80 optional
//   r entry = tg fr(date) co is df(date) du(date) ci required

/// One way a payload breaks the schema: where (a JSON-pointer-like path) and what.
public struct DCCSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// The path of the offending value, e.g. `v[0].dt`; empty for the root.
    public var path: String
    /// What is wrong.
    public var message: String

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// The DCC schema check.
public enum DCCSchema {
    /// The schema version these rules implement.
    public static let version = "1.3.0"

    /// Every violation of the DCC schema in `dcc` (the map under hcert −260 / 1); empty if valid.
    public static func validate(_ dcc: CBOR) -> [DCCSchemaViolation] {
        var check = SchemaCheck()
        check.root(dcc)
        return check.violations
    }

    /// What is worth a warning but is no schema failure: `date` / `date-time` fields that are
    /// not RFC 3339 (the schema's formats are annotations), and codes of tg/vp/mp/ma (tt/tr for
    /// tests) and co outside the EU value sets (the schema names them but does not require membership).
    public static func warnings(_ dcc: CBOR) -> [String] {
        var warnings: [String] = []
        let formats: [(String, [(String, Bool)])] = [
            ("v", [("dt", false)]), ("t", [("sc", true)]), ("r", [("fr", false), ("df", false), ("du", false)]),
        ]
        for (group, fields) in formats {
            for (index, entry) in (dcc[group]?.arrayValue ?? []).enumerated() {
                for (field, isDateTime) in fields {
                    guard let text = entry[field]?.untagged.textValue else { continue }
                    let ok = isDateTime ? DCCTime.parseDateTime(text) != nil : DCCTime.parseDate(text) != nil
                    if !ok {
                        warnings.append(
                            "\(group)[\(index)].\(field): '\(text)' is not an RFC 3339 \(isDateTime ? "date-time" : "full-date")"
                        )
                    }
                }
            }
        }
        func check(_ entry: CBOR, _ path: String, _ field: String, _ set: [DCCValueSetCode]) {
            guard let code = entry[field]?.untagged.textValue, !DCCValueSets.contains(set, code) else { return }
            warnings.append("\(path).\(field): '\(code)' is not in the EU value set")
        }
        for (group, fields) in [
            (
                "v",
                [
                    ("tg", DCCValueSets.diseaseAgentTargeted), ("vp", DCCValueSets.vaccineProphylaxis),
                    ("mp", DCCValueSets.vaccineMedicinalProduct),
                    ("ma", DCCValueSets.vaccineMarketingAuthorizationHolder),
                ]
            ),
            (
                "t",
                [
                    ("tg", DCCValueSets.diseaseAgentTargeted), ("tt", DCCValueSets.testType),
                    ("tr", DCCValueSets.testResult),
                ]
            ),
            ("r", [("tg", DCCValueSets.diseaseAgentTargeted)]),
        ] {
            for (index, entry) in (dcc[group]?.arrayValue ?? []).enumerated() {
                for (field, set) in fields { check(entry, "\(group)[\(index)]", field, set) }
                if let country = entry["co"]?.untagged.textValue, !DCCValueSets.countryCodes.contains(country) {
                    warnings.append("\(group)[\(index)].co: '\(country)' is not in the EU country value set")
                }
            }
        }
        return warnings
    }
}

/// The walk over one payload, collecting violations.
struct SchemaCheck {
    var violations: [DCCSchemaViolation] = []

    mutating func fail(_ path: String, _ message: String) {
        violations.append(DCCSchemaViolation(path: path, message: message))
    }

    /// The text-keyed entries of a JSON object, or nil (with a violation) if `value` is not one.
    mutating func object(_ value: CBOR, _ path: String) -> [String: CBOR]? {
        guard let entries = value.untagged.mapEntries else {
            fail(path, "must be an object")
            return nil
        }
        var result: [String: CBOR] = [:]
        for entry in entries {
            guard let key = entry.key.textValue else {
                fail(path, "has a key that is not a string, so it is not a JSON object")
                return nil
            }
            result[key] = entry.value
        }
        return result
    }

    mutating func root(_ dcc: CBOR) {
        guard let fields = object(dcc, "") else { return }
        let groups = ["v", "t", "r"].filter { fields[$0] != nil }
        let missing = ["ver", "nam", "dob"].filter { fields[$0] == nil }
        if !missing.isEmpty { fail("", "missing required \(missing.joined(separator: ", "))") }
        if groups.count != 1 {
            fail(
                "", "must hold exactly one of v, t, r (has \(groups.isEmpty ? "none" : groups.joined(separator: ", ")))"
            )
        }
        if let ver = fields["ver"] {
            string(ver, "ver") { SchemaCheck.isSemanticVersion($0) ? nil : "does not match ^\\d+.\\d+.\\d+$" }
        }
        if let nam = fields["nam"] { personName(nam, "nam") }
        if let dob = fields["dob"] {
            string(dob, "dob") {
                SchemaCheck.isBirthDate($0) ? nil : "does not match ^((19|20)\\d\\d(-\\d\\d){0,2}){0,1}$"
            }
        }
        for group in ["v", "t", "r"] {
            guard let value = fields[group] else { continue }
            guard let items = value.untagged.arrayValue else {
                fail(group, "must be an array")
                continue
            }
            if items.count != 1 { fail(group, "must hold exactly 1 item, has \(items.count)") }
            for (index, item) in items.enumerated() {
                let path = "\(group)[\(index)]"
                switch group {
                case "v": vaccination(item, path)
                case "t": test(item, path)
                default: recovery(item, path)
                }
            }
        }
    }

    mutating func personName(_ value: CBOR, _ path: String) {
        guard let fields = object(value, path) else { return }
        if fields["fnt"] == nil && fields["gnt"] == nil { fail(path, "needs fnt or gnt") }
        for key in ["fn", "gn"] { if let v = fields[key] { string(v, "\(path).\(key)", maxLength: 80) } }
        for key in ["fnt", "gnt"] {
            guard let v = fields[key] else { continue }
            string(v, "\(path).\(key)", maxLength: 80) { text in
                text.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x3C } ? nil : "does not match ^[A-Z<]*$"
            }
        }
    }

    mutating func vaccination(_ value: CBOR, _ path: String) {
        guard let fields = object(value, path) else { return }
        required(fields, path, ["tg", "vp", "mp", "ma", "dn", "sd", "dt", "co", "is", "ci"])
        for key in ["tg", "vp", "mp", "ma"] { if let v = fields[key] { string(v, "\(path).\(key)") } }
        for key in ["dn", "sd"] { if let v = fields[key] { positiveInteger(v, "\(path).\(key)") } }
        if let v = fields["dt"] { string(v, "\(path).dt") }
        common(fields, path)
    }

    mutating func test(_ value: CBOR, _ path: String) {
        guard let fields = object(value, path) else { return }
        required(fields, path, ["tg", "tt", "sc", "tr", "co", "is", "ci"])
        for key in ["tg", "tt", "tr", "ma"] { if let v = fields[key] { string(v, "\(path).\(key)") } }
        for key in ["nm", "tc"] { if let v = fields[key] { string(v, "\(path).\(key)", maxLength: 80) } }
        if let v = fields["sc"] { string(v, "\(path).sc") }
        common(fields, path)
    }

    mutating func recovery(_ value: CBOR, _ path: String) {
        guard let fields = object(value, path) else { return }
        required(fields, path, ["tg", "fr", "co", "is", "df", "du", "ci"])
        if let v = fields["tg"] { string(v, "\(path).tg") }
        for key in ["fr", "df", "du"] { if let v = fields[key] { string(v, "\(path).\(key)") } }
        common(fields, path)
    }

    /// co, is and ci, shared by the three entry types.
    mutating func common(_ fields: [String: CBOR], _ path: String) {
        if let v = fields["co"] {
            string(v, "\(path).co") { text in
                text.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? nil : "does not match [A-Z]{1,10}"
            }
        }
        for key in ["is", "ci"] { if let v = fields[key] { string(v, "\(path).\(key)", maxLength: 80) } }
    }

    mutating func required(_ fields: [String: CBOR], _ path: String, _ keys: [String]) {
        let missing = keys.filter { fields[$0] == nil }
        if !missing.isEmpty { fail(path, "missing required \(missing.joined(separator: ", "))") }
    }

    mutating func string(
        _ value: CBOR, _ path: String, maxLength: Int? = nil, _ rule: (String) -> String? = { _ in nil }
    ) {
        guard let text = value.untagged.textValue else {
            fail(path, "must be a string")
            return
        }
        if let maxLength, text.unicodeScalars.count > maxLength {
            fail(path, "is longer than \(maxLength) characters")
        }
        if let problem = rule(text) { fail(path, problem) }
    }

    mutating func positiveInteger(_ value: CBOR, _ path: String) {
        switch value.untagged {
        case .unsigned(let n): if n < 1 { fail(path, "must be at least 1") }
        case .negative: fail(path, "must be at least 1")
        case .double(let d) where d.isFinite && d.rounded() == d: if d < 1 { fail(path, "must be at least 1") }
        default: fail(path, "must be an integer")
        }
    }

    /// `^\d+.\d+.\d+$` with `.` matching any character but a line terminator.
    static func isSemanticVersion(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isAny(_ c: Unicode.Scalar) -> Bool { !["\n", "\r", "\u{2028}", "\u{2029}"].contains(c) }
        func digits(_ range: Range<Int>) -> Bool { !range.isEmpty && s[range].allSatisfy(isDigit) }
        guard s.count >= 5 else { return false }
        for first in 1..<s.count where digits(0..<first) && isAny(s[first]) {
            for second in (first + 2)..<max(first + 2, s.count) where digits((first + 1)..<second) && isAny(s[second]) {
                if digits((second + 1)..<s.count) { return true }
            }
        }
        return false
    }

    /// `^((19|20)\d\d(-\d\d){0,2}){0,1}$`.
    static func isBirthDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard !b.isEmpty else { return true }
        guard [4, 7, 10].contains(b.count), b[0] == 0x31 && b[1] == 0x39 || b[0] == 0x32 && b[1] == 0x30 else {
            return false
        }
        for (index, byte) in b.enumerated().dropFirst(2) {
            let ok = index == 4 || index == 7 ? byte == 0x2D : (byte >= 0x30 && byte <= 0x39)
            if !ok { return false }
        }
        return true
    }
}
