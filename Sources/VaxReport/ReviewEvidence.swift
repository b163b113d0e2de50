// Turns review.csv's compact evidence (`fn=exact;mn=missing;gn=similar;dob=swapped;sex=agree;
// id=different;prov=same`, see VaxMatching's ComparisonLevels) into what the page shows: for
// each compared field a mark (same, near, diff, missing) and a sentence in words.

/// The page's reading of one candidate's evidence.
struct ReviewEvidence {
    /// Marks by row of the comparison table: id, name, dob, sex, province.
    var marks: [(String, String)] = []
    /// One sentence per compared field.
    var sentences: [String] = []

    init(_ evidence: String, language: ReportLanguage) {
        var levels: [String: String] = [:]
        for part in evidence.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { levels[String(pair[0])] = String(pair[1]) }
        }
        func mark(_ level: String?) -> String {
            switch level {
            case "exact", "agree", "same": return "same"
            case "folded", "similar", "swapped", "partialAgree", "placeholder", "yearOff", "variant", "legacy":
                return "near"
            case "missing", nil: return "missing"
            default: return "diff"
            }
        }
        let nameMarks = ["fn", "mn", "gn"].map { mark(levels[$0]) }
        let nameMark =
            nameMarks.contains("diff")
            ? "diff"
            : nameMarks.contains("near")
                ? "near"
                : nameMarks.allSatisfy { $0 == "missing" } ? "missing" : "same"
        marks = [
            ("id", mark(levels["id"])), ("name", nameMark), ("dob", mark(levels["dob"])),
            ("sex", mark(levels["sex"])), ("province", mark(levels["prov"])),
        ]
        let vi = language == .vi
        for field in ["id", "fn", "mn", "gn", "dob", "sex", "prov"] {
            guard let level = levels[field] else { continue }
            sentences.append(Self.sentence(field, level, vi: vi))
        }
    }

    // swiftlint-style table: field, level → words.
    static func sentence(_ field: String, _ level: String, vi: Bool) -> String {
        func t(_ v: String, _ e: String) -> String { vi ? v : e }
        let part: String
        switch field {
        case "fn": part = t("Họ", "Family name")
        case "mn": part = t("Tên đệm", "Middle name")
        case "gn": part = t("Tên", "Given name")
        default: part = ""
        }
        switch (field, level) {
        case ("fn", _), ("mn", _), ("gn", _):
            switch level {
            case "exact": return part + t(": giống hệt", ": the same")
            case "folded": return part + t(": giống nếu bỏ dấu", ": the same without diacritics")
            case "similar": return part + t(": gần giống (lỗi gõ)", ": close (a typing slip)")
            case "missing": return part + t(": không nhập hoặc không đăng ký", ": not typed or not registered")
            default: return part + t(": khác", ": different")
            }
        case ("dob", "exact"): return t("Ngày sinh: giống hệt", "Birth date: the same")
        case ("dob", "swapped"): return t("Ngày sinh: ngày và tháng bị đảo", "Birth date: day and month swapped")
        case ("dob", "partialAgree"):
            return t(
                "Ngày sinh: khớp ở mức đã đăng ký (chỉ năm hoặc tháng)",
                "Birth date: agrees as far as registered (year or month only)")
        case ("dob", "placeholder"):
            return t(
                "Ngày sinh: nhập 01/01 của năm đăng ký (giá trị tạm)",
                "Birth date: typed as 01/01 of the registered year (a placeholder)")
        case ("dob", "yearOff"):
            return t(
                "Ngày sinh: ngày, tháng giống, năm lệch một", "Birth date: day and month the same, the year one off")
        case ("dob", "yearOnly"): return t("Ngày sinh: chỉ cùng năm", "Birth date: only the year is the same")
        case ("dob", "missing"): return t("Ngày sinh: không nhập", "Birth date: not typed")
        case ("dob", _): return t("Ngày sinh: khác", "Birth date: different")
        case ("sex", "agree"): return t("Giới tính: giống", "Sex: the same")
        case ("sex", "missing"): return t("Giới tính: không nhập", "Sex: not typed")
        case ("sex", _): return t("Giới tính: khác", "Sex: different")
        case ("id", "exact"): return t("Số định danh đã nhập là của người này", "The ID typed is this citizen's")
        case ("id", "variant"):
            return t(
                "Số định danh đã nhập lệch một chữ số hoặc đảo hai chữ số",
                "The ID typed is one digit off or has two digits swapped")
        case ("id", "legacy"):
            return t("Số CMND cũ đã nhập là của người này", "The old CMND number typed is this citizen's")
        case ("id", "missing"): return t("Không nhập số định danh dùng được", "No usable ID was typed")
        case ("id", "differentSelfConsistent"):
            return t(
                "Số định danh đã nhập là của người khác nhưng khớp giới tính và năm sinh đã nhập",
                "The ID typed is someone else's but fits the sex and birth year typed")
        case ("id", _): return t("Số định danh đã nhập là của người khác", "The ID typed belongs to someone else")
        case ("prov", "same"): return t("Tiêm tại tỉnh thường trú", "Vaccinated in the province of residence")
        case ("prov", _): return t("Tiêm ngoài tỉnh thường trú", "Vaccinated outside the province of residence")
        default: return field + "=" + level
        }
    }
}
