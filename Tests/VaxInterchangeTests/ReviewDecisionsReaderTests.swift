import Testing
import VaxCore
import VaxTestSupport

@testable import VaxInterchange

// spec: interchange.md "review-decisions.csv"
@Suite struct ReviewDecisionsReaderTests {
    static let header = "shot_id,decision,citizen_id,reason,reviewer,decided_at\n"

    @Test func goodRowsAreRead() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "r.csv", Self.header + """
                S1,link,001085000123,,nurse-07,2022-04-20T09:15:00+07:00
                S2,not_registered,,"not_found: asked the family, not in the register",Lê Thị Hoà,2022-04-20T10:00:00Z
                S3,defer,,callback: phone the citizen,nurse 07,2022-04-21T08:00:30.250-05:30
                S4,link,001085000124,"paper_record: card seen",x,2024-02-29T23:59:59+00:00

                """)
            let contents = try ReviewDecisionsReader.read(path: path)
            #expect(contents.issues.isEmpty)
            #expect(contents.rows.count == 4)
            let r = contents.rows
            #expect(r[0].choice == .link && r[0].citizenID == CitizenID("001085000123") && r[0].line == 2)
            #expect(r[0].decidedAtEpoch == 1_650_420_900)  // 2022-04-20T02:15:00Z
            #expect(r[1].choice == .notRegistered && r[1].citizenID == nil && r[1].reviewer == "Lê Thị Hoà")
            #expect(r[1].reasonCode == "not_found")
            #expect(r[2].choice == .deferred && r[2].decidedAtEpoch == 1_650_528_030 + 5 * 3600 + 1800)
            #expect(r[3].reason == "paper_record: card seen")
        }
    }

    @Test func everyBadValueIsRejectedWithItsLineAndCode() throws {
        let cases: [(row: String, code: String)] = [
            ("S 1,link,001085000123,,n,2022-04-20T09:15:00+07:00", "bad_shot_id"),
            ("S1,approve,001085000123,,n,2022-04-20T09:15:00+07:00", "bad_decision"),
            ("S1,Link,001085000123,,n,2022-04-20T09:15:00+07:00", "bad_decision"),
            ("S1,link,,,n,2022-04-20T09:15:00+07:00", "bad_citizen_id"),
            ("S1,link,12345,,n,2022-04-20T09:15:00+07:00", "bad_citizen_id"),
            ("S1,defer,001085000123,wait: x,n,2022-04-20T09:15:00+07:00", "bad_citizen_id"),
            ("S1,defer,,,n,2022-04-20T09:15:00+07:00", "bad_reason"),
            ("S1,not_registered,,no code here,n,2022-04-20T09:15:00+07:00", "bad_reason"),
            ("S1,not_registered,,Bad-Code: x,n,2022-04-20T09:15:00+07:00", "bad_reason"),
            // A line break or a control character is refused by the shared CSV rules first.
            ("S1,defer,,\"wait: line\nbreak\",n,2022-04-20T09:15:00+07:00", "line_break_in_field"),
            ("S1,link,001085000123,free text,n,2022-04-20T09:15:00+07:00", "bad_reason"),
            ("S1,link,001085000123,,,2022-04-20T09:15:00+07:00", "bad_reviewer"),
            ("S1,link,001085000123,,   ,2022-04-20T09:15:00+07:00", "bad_reviewer"),
            ("S1,link,001085000123,,\(String(repeating: "a", count: 65)),2022-04-20T09:15:00+07:00", "bad_reviewer"),
            ("S1,link,001085000123,,\"a\tb\",2022-04-20T09:15:00+07:00", "control_character"),
            ("S1,link,001085000123,,n,2022-04-20T09:15:00", "bad_decided_at"),
            ("S1,link,001085000123,,n,2022-04-20 09:15:00+07:00", "bad_decided_at"),
            ("S1,link,001085000123,,n,2022-02-30T09:15:00+07:00", "bad_decided_at"),
            ("S1,link,001085000123,,n,2022-04-20T24:00:00+07:00", "bad_decided_at"),
            ("S1,link,001085000123,,n,2022-04-20T09:15:00+0700", "bad_decided_at"),
            ("S1,link,001085000123,,n,20/04/2022", "bad_decided_at"),
            ("S1,link,001085000123,,n", "field_count"),
        ]
        try withTemporaryDirectory { dir in
            for (i, c) in cases.enumerated() {
                let path = try writeFile(dir, "r\(i).csv", Self.header + "S0,defer,,wait: x,n,2022-04-20T09:15:00+07:00\n" + c.row + "\n")
                let contents = try ReviewDecisionsReader.read(path: path)
                #expect(contents.rows.map(\.shotID) == ["S0"], "case \(i)")
                #expect(contents.issues.map(\.code) == [c.code], "case \(i): \(c.row)")
                #expect(contents.issues.first?.line == 3, "case \(i)")
            }
        }
    }

    @Test func aSecondRowForTheSameShotNamesTheFirst() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "r.csv", Self.header + """
                S1,defer,,wait: x,n,2022-04-20T09:15:00+07:00
                S2,defer,,wait: x,n,2022-04-20T09:15:00+07:00
                S1,link,001085000123,,n,2022-04-20T09:15:00+07:00

                """)
            let contents = try ReviewDecisionsReader.read(path: path)
            #expect(contents.rows.count == 2)
            #expect(contents.issues.count == 1)
            #expect(contents.issues[0].code == "duplicate_shot_id" && contents.issues[0].line == 4)
            #expect(contents.issues[0].message.contains("line 2"))
        }
    }

    @Test func aMissingColumnStopsTheRead() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "r.csv", "shot_id,decision,citizen_id,reason,reviewer\nS1,defer,,a: b,n\n")
            #expect(throws: VaxError.self) { try ReviewDecisionsReader.read(path: path) }
        }
    }
}
