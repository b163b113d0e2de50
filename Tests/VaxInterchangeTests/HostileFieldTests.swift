import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

// Regression tests for issue 12 findings 1 (reader side), 11 and 12. Each failed before its
// fix: the rows were accepted (no reject), review cells were written verbatim.
@Suite struct HostileFieldTests {
    static func row(_ id: String, name: String, facility: String = "F1", citizen: String = "") -> String {
        "\(id),\(citizen),\(name),1990-05-17,M,,01,\(facility),Comirnaty,1,2021-08-01\n"
    }

    // spec: interchange.md "Limits": C0 controls and DEL in any field.
    @Test func namesWithControlCharactersAreRejectedNotAccepted() throws {
        try withTemporaryDirectory { dir in
            let text =
                shotsHeader + Self.row("S1", name: "Nguyễn\u{0}Văn An") + Self.row("S2", name: "Lê \u{1B}[2JVăn B")
                + Self.row("S3", name: "Trần\u{7F} C") + Self.row("S4", name: "Phạm D", facility: "F\u{7}1")
                + Self.row("S5", name: "Hoàng\tE") + Self.row("S6", name: "Võ F")
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: 10)
            #expect(result.rows.map(\.id) == ["S6"])
            #expect(result.issues.map(\.code) == Array(repeating: "control_character", count: 5))
            #expect(result.issues.map(\.line) == [2, 3, 4, 5, 6])
            #expect(
                result.issues.map(\.column) == ["full_name", "full_name", "full_name", "facility_code", "full_name"])
            #expect(result.issues[1].message.contains("U+001B"))
            // Ledgered by key: the shot_id is still named.
            #expect(result.issues.map(\.key) == ["S1", "S2", "S3", "S4", "S5"])
        }
    }

    // spec: interchange.md "Limits": a stray quote that joins lines is reported, never merged.
    @Test func aStrayQuoteThatJoinsRowsIsReportedWithTheLinesItSpans() throws {
        try withTemporaryDirectory { dir in
            let text =
                // A stray quote opens S1's name and one in S2's name closes it: the record has
                // the right field count, and its name held both lines until the fix.
                shotsHeader + "S1,,\"Nguyễn Văn An,1990-05-17,M,,01,F1,Comirnaty,1,2021-08-01\n"
                + "S2,,Lê Văn B\",1990-05-17,M,,01,F1,Comirnaty,1,2021-08-01\n" + Self.row("S3", name: "Trần C")
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: 10)
            #expect(result.rows.map(\.id) == ["S3"])
            #expect(result.issues.count == 1)
            let issue = try #require(result.issues.first)
            #expect(issue.code == "line_break_in_field" && issue.line == 2 && issue.column == "full_name")
            #expect(issue.message.contains("lines 2-3"))
            #expect(issue.key == "S1")
            // The population reader applies the same rule.
            let population =
                "citizen_id,legacy_id,full_name,birth_date,sex,province_code\n"
                + "001090000001,,\"Nguyễn\nVăn An\",1990-01-02,M,01\n001090000002,,Lê B\u{1B},1990-01-02,M,01\n"
            let reader = try PopulationReader(path: try writeFile(dir, "p.csv", population))
            var issues: [RowIssue] = []
            var accepted = 0
            while let batch = try reader.readBatch(maxRows: 10) {
                issues += batch.issues
                accepted += batch.count
            }
            #expect(accepted == 0)
            #expect(issues.map(\.code) == ["line_break_in_field", "control_character"])
        }
    }

    // spec: interchange.md "Limits": the name and field limits that bound a row's cost.
    @Test func overlongNamesWordsAndFieldsAreRejectedWithAReason() throws {
        try withTemporaryDirectory { dir in
            let longWord = String(repeating: "a", count: NameLimits.maxNameWordBytes + 1)
            let okWord = String(repeating: "a", count: NameLimits.maxNameWordBytes)
            let manyWords = Array(repeating: "An", count: NameLimits.maxNameWords + 1).joined(separator: " ")
            let longName = Array(repeating: okWord, count: 4).joined(separator: " ") + " Bb"  // 263 bytes, 5 words
            let text =
                shotsHeader + Self.row("S1", name: "Nguyễn " + longWord) + Self.row("S2", name: manyWords)
                + Self.row("S3", name: longName)
                + Self.row("S4", name: "Lê C", facility: String(repeating: "F", count: 65))
                + Self.row("S5", name: "Lê D", citizen: String(repeating: "9", count: 33))
                + Self.row("S6", name: "Nguyễn " + okWord)
                + Self.row("S7", name: Array(repeating: "An", count: NameLimits.maxNameWords).joined(separator: " "))
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: 10)
            #expect(result.rows.map(\.id) == ["S6", "S7"])
            #expect(
                result.issues.map(\.code) == [
                    "name_word_too_long", "name_too_many_words", "field_too_long", "field_too_long", "field_too_long",
                ])
            #expect(
                result.issues.map(\.column) == ["full_name", "full_name", "full_name", "facility_code", "citizen_id"])
            // The 1,500-letter name of finding 1 never reaches the matcher.
            let huge = try readAllShots(
                try writeFile(dir, "huge.csv", shotsHeader + Self.row("S1", name: String(repeating: "x", count: 1500))))
            #expect(huge.rows.isEmpty && huge.issues.map(\.code) == ["field_too_long"])
        }
    }

    // spec: interchange.md "Files for people".
    @Test func spreadsheetFormulasAreNeutralizedInFilesForPeopleOnly() throws {
        try withTemporaryDirectory { dir in
            let cells = [
                "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "-12.5", "+7",
                "plain", "", "a=b", "'", "-",
            ]
            let people = try CSVWriter(path: dir + "/review.csv", header: ["v"])
            let programs = try CSVWriter(path: dir + "/decisions.csv", header: ["v"], audience: .programs)
            for cell in cells {
                try people.writeRow([cell])
                try programs.writeRow([cell])
            }
            try people.commit()
            try programs.commit()
            let written = try String(contentsOfFile: dir + "/review.csv", encoding: .utf8)
            #expect(
                written
                    == "v\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n\"'+cmd|' /C calc'!A0\"\n\"'-2+3\"\n\"'@SUM(A1)\"\n"
                    + "\"'\tx\"\n\"'\rx\"\n-12.5\n+7\nplain\n\na=b\n'\n\"'-\"\n")
            // A file for programs keeps every value exact (the reader gets the bytes back).
            let exact = try readAllRecords(dir + "/decisions.csv").dropFirst().map { $0.texts[0] }
            #expect(exact == cells)
            // decisions.csv is written for programs.
            let decisions = try DecisionsWriter(path: dir + "/d.csv")
            try decisions.write(
                shotID: "-A1", outcome: .unmatched, citizenID: nil, score: 0, corrections: CorrectedFields())
            try decisions.commit()
            #expect(
                try String(contentsOfFile: dir + "/d.csv", encoding: .utf8).hasSuffix("\n-A1,unmatched,,0.000000,\n"))
        }
    }

    // spec: interchange.md "Limits" (printing input data).
    @Test func terminalOutputEscapesControlAndBidiCharacters() {
        #expect(terminalEscaped("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(terminalEscaped("x\u{202E}cod.exe\u{0}\u{7F}\u{9B}") == "x\\u{202E}cod.exe\\u{0}\\u{7F}\\u{9B}")
        #expect(terminalEscaped("back\\slash\nline") == "back\\\\slash\\u{A}line")
        #expect(terminalEscaped("two\nlines\r", keepingLineFeeds: true) == "two\nlines\\u{D}")
        #expect(terminalEscaped("Nguyễn Văn An") == "Nguyễn Văn An")
    }
}
