import Testing
import VaxCore
import VaxTestSupport

@testable import VaxInterchange

// spec: interchange.md "complaints.csv"
@Suite struct ComplaintsReaderTests {
    static let header =
        "complaint_id,citizen_id,kind,shot_id,vaccinated_on,facility_code,vaccine,dose_number,received_at,text\n"

    private func read(_ path: String) throws -> (rows: [ComplaintRow], issues: [RowIssue], warnings: [String]) {
        var rows: [ComplaintRow] = []
        var issues: [RowIssue] = []
        let warnings = try ComplaintsReader.forEachRow(path: path, { rows.append($0) }, issue: { issues.append($0) })
        return (rows, issues, warnings)
    }

    @Test func goodRowsAreRead() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "c.csv", Self.header + """
                C-1,001085000123,missing,S1,,,,,2022-08-01T09:00:00+07:00,my third dose
                C-2,001085000124,wrong,,2022-03-08,52-0005,AstraZeneca,2,2022-08-01T10:00:00Z,"never went there, really"
                C-3,001085000125,missing,,2022-03-08,52-0005,AstraZeneca,,2022-08-01T10:00:00Z,

                """)
            let (rows, issues, _) = try read(path)
            #expect(issues.isEmpty)
            #expect(rows.count == 3)
            #expect(rows[0].kind == .missing && rows[0].shotID == "S1" && rows[0].vaccinatedOn == nil && rows[0].line == 2)
            #expect(rows[0].citizenID == CitizenID("001085000123") && rows[0].receivedAtEpoch == 1_659_319_200)
            #expect(rows[1].kind == .wrong && rows[1].shotID == nil && rows[1].facilityCode == "52-0005")
            #expect(rows[1].vaccinatedOn == CivilDate(year: 2022, month: 3, day: 8).dayNumber && rows[1].doseNumber == 2)
            #expect(rows[1].text == "never went there, really")
            #expect(rows[2].doseNumber == nil && rows[2].text == "")
        }
    }

    @Test func everyBadValueIsRejectedWithItsLineAndCode() throws {
        let t = "2022-08-01T09:00:00+07:00"
        let cases: [(row: String, code: String)] = [
            ("C 1,001085000123,missing,S1,,,,,\(t),", "bad_complaint_id"),
            (",001085000123,missing,S1,,,,,\(t),", "bad_complaint_id"),
            ("C1,12345,missing,S1,,,,,\(t),", "bad_citizen_id"),
            ("C1,00108500012x,missing,S1,,,,,\(t),", "bad_citizen_id"),
            ("C1,001085000123,lost,S1,,,,,\(t),", "bad_kind"),
            ("C1,001085000123,Missing,S1,,,,,\(t),", "bad_kind"),
            ("C1,001085000123,missing,S 1,,,,,\(t),", "bad_shot_id"),
            ("C1,001085000123,missing,,2022-02-30,52-0005,Pfizer,,\(t),", "bad_vaccinated_on"),
            ("C1,001085000123,missing,,08/03/2022,52-0005,Pfizer,,\(t),", "bad_vaccinated_on"),
            ("C1,001085000123,missing,,2022-03-08,52-0005,Pfizer,0,\(t),", "bad_dose_number"),
            ("C1,001085000123,missing,,2022-03-08,52-0005,Pfizer,1000,\(t),", "bad_dose_number"),
            ("C1,001085000123,missing,,2022-03-08,\(String(repeating: "f", count: 65)),Pfizer,,\(t),", "field_too_long"),
            ("C1,001085000123,missing,,2022-03-08,52-0005,,,\(t),", "missing_description"),
            ("C1,001085000123,missing,,,52-0005,Pfizer,,\(t),", "missing_description"),
            ("C1,001085000123,missing,,,,,,\(t),", "missing_description"),
            ("C1,001085000123,missing,S1,,,,,2022-08-01T09:00:00,", "bad_received_at"),
            ("C1,001085000123,missing,S1,,,,,\(t),\(String(repeating: "x", count: 501))", "bad_text"),
            ("C1,001085000123,missing,S1,,,,,\(t),\"a\u{200B}\u{202E}b\"", "bad_text"),
            ("C1,001085000123,missing,S1,,,,,\(t),\"a\tb\"", "control_character"),
            ("C1,001085000123,missing,S1,,,,,\(t)", "field_count"),
        ]
        try withTemporaryDirectory { dir in
            for (i, c) in cases.enumerated() {
                // The bad row sits on line 3, after a good one, so its line is checked too.
                let path = try writeFile(
                    dir, "c\(i).csv", Self.header + "C0,001085000123,missing,S0,,,,,\(t),\n" + c.row + "\n")
                let (rows, issues, _) = try read(path)
                #expect(rows.count == 1, "\(c.row)")
                #expect(issues.map(\.code) == [c.code], "\(c.row)")
                #expect(issues.first?.line == 3, "\(c.row)")
            }
        }
    }

    @Test func aDuplicateComplaintIsRejectedNamingTheFirstLine() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "c.csv", Self.header + """
                C-1,001085000123,missing,S1,,,,,2022-08-01T09:00:00+07:00,
                C-2,001085000123,missing,S2,,,,,2022-08-01T09:00:00+07:00,
                C-1,001085000124,wrong,S3,,,,,2022-08-01T09:00:00+07:00,

                """)
            let (rows, issues, _) = try read(path)
            #expect(rows.map(\.complaintID) == ["C-1", "C-2"])
            #expect(issues.map(\.code) == ["duplicate_complaint_id"] && issues[0].line == 4)
            #expect(issues[0].message.contains("line 2"))
        }
    }

    @Test func aFileWithoutARequiredColumnIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "c.csv", "complaint_id,citizen_id,kind,shot_id\nC-1,001085000123,missing,S1\n")
            #expect(throws: VaxError.self) { _ = try read(path) }
        }
    }
}
