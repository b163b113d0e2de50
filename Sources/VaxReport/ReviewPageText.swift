// The review page's words, in Vietnamese (the default: the people at the sites) and English.
// The page's script takes every label from here, through the page's data, so one script
// serves both languages.

/// The labels and sentences of the review page in one language.
enum ReviewPageText {
    /// The page's labels by key.
    static func labels(_ language: ReportLanguage) -> [(String, String)] {
        let vi = language == .vi
        func t(_ v: String, _ e: String) -> String { vi ? v : e }
        return [
            ("title", t("Rà soát mũi tiêm", "Review of shots")),
            ("site", t("Cơ sở tiêm chủng", "Vaccination site")),
            ("province", t("Tỉnh", "Province")),
            ("shots_in_review", t("mũi tiêm cần rà soát", "shots in review")),
            ("reviewer", t("Người rà soát", "Reviewer")),
            ("reviewer_hint", t("mã nhân viên", "staff identifier")),
            ("save", t("Lưu review-decisions.csv", "Save review-decisions.csv")),
            ("saved", t("Đã lưu %n quyết định vào %f", "Saved %n decisions to %f")),
            ("as_typed", t("Như đã nhập", "As typed")),
            ("candidate", t("Ứng viên", "Candidate")),
            ("score", t("điểm", "score")),
            ("field_id", t("Số định danh", "Citizen ID")),
            ("field_name", t("Họ và tên", "Full name")),
            ("field_dob", t("Ngày sinh", "Birth date")),
            ("field_sex", t("Giới tính", "Sex")),
            ("field_province", t("Tỉnh", "Province")),
            ("field_phone", t("Điện thoại", "Phone")),
            ("field_vaccine", t("Vắc xin", "Vaccine")),
            ("field_dose", t("Mũi số", "Dose")),
            ("field_date", t("Ngày tiêm", "Vaccinated on")),
            ("choose", t("Chọn", "Choose")),
            ("not_registered", t("Không có trong CSDL dân cư", "Not registered")),
            ("defer", t("Hoãn", "Defer")),
            ("clear", t("Bỏ quyết định", "Clear")),
            ("reason_code", t("Lý do", "Reason")),
            ("reason_text", t("Ghi chú", "Note")),
            ("other_citizen", t("Số định danh khác (12 chữ số)", "Another citizen ID (12 digits)")),
            ("link_other", t("Liên kết", "Link")),
            ("decision", t("Quyết định", "Decision")),
            ("decision_none", t("chưa quyết định", "not decided")),
            ("decision_link", t("liên kết với", "linked to")),
            ("decision_not_registered", t("không có trong CSDL dân cư", "not registered")),
            ("decision_defer", t("hoãn", "deferred")),
            ("done", t("Đã xử lý", "Done")),
            ("left", t("Còn lại", "Left")),
            ("oldest_open", t("Ca mở lâu nhất", "Oldest open case")),
            ("hours", t("giờ", "hours")),
            ("rule_48", t("quy định: 48 giờ", "rule: 48 hours")),
            ("late", t("quá hạn 48 giờ", "over 48 hours")),
            ("none_open", t("không còn ca nào mở", "no open case")),
            ("deferred_earlier", t("Đã hoãn trước đây", "Deferred earlier")),
            ("complaint", t("Khiếu nại", "Complaint")),
            ("complaint_missing", t("công dân nói mũi tiêm này là của mình", "the citizen says this shot is theirs")),
            ("complaint_wrong", t("công dân nói mũi tiêm này không phải của mình", "the citizen says this shot is not theirs")),
            ("complainant", t("người khiếu nại", "complainant")),
            ("current_link", t("Hiện đang liên kết với", "Now linked to")),
            ("need_reviewer", t("Nhập mã người rà soát trước", "Enter the reviewer first")),
            ("bad_reviewer", t("Mã người rà soát: 1 đến 64 ký tự", "Reviewer: 1 to 64 characters")),
            ("bad_citizen_id", t("Số định danh phải có đúng 12 chữ số", "A citizen ID has exactly 12 digits")),
            ("storage_failed", t("Trình duyệt không lưu được lựa chọn", "The browser could not keep the choices")),
            ("nothing_to_save", t("Chưa có quyết định nào", "No decision yet")),
            (
                "keys",
                t(
                    "Phím: 1-9 chọn ứng viên · n không có trong CSDL · d hoãn · u bỏ · j/k ca sau/trước · s lưu",
                    "Keys: 1-9 choose a candidate · n not registered · d defer · u clear · j/k next/previous · s save")
            ),
            ("shot", t("Mũi tiêm", "Shot")),
            ("line", t("dòng", "line")),
            ("evidence", t("Bằng chứng", "Evidence")),
            ("not_in_store", t("không còn trong CSDL dân cư", "no longer in the register")),
            ("no_typed", t("(không có tệp shots.csv)", "(shots.csv not given)")),
            ("sex_M", t("Nam", "Male")),
            ("sex_F", t("Nữ", "Female")),
            ("same", t("giống", "same")),
            ("near", t("gần giống", "close")),
            ("diff", t("khác", "differs")),
            ("missing", t("thiếu", "missing")),
        ]
    }

    /// The reason codes offered for `not_registered` and `defer`, with their labels.
    static func reasons(_ language: ReportLanguage) -> (notRegistered: [(String, String)], deferred: [(String, String)])
    {
        let vi = language == .vi
        func t(_ v: String, _ e: String) -> String { vi ? v : e }
        return (
            [
                ("not_in_register", t("không tìm thấy trong CSDL dân cư", "not found in the register")),
                ("foreign_national", t("người nước ngoài", "foreign national")),
                ("other", t("khác", "other")),
            ],
            [
                ("ask_citizen", t("cần hỏi công dân", "the citizen must be asked")),
                ("check_paper_record", t("cần kiểm tra sổ tiêm giấy", "the paper record must be checked")),
                ("other", t("khác", "other")),
            ]
        )
    }
}
