import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

@Suite struct ShotsReaderTests {
    static let good = "S1,012345678901,Nguyễn Văn An,1990-05-17,M,+84901234567,01,F001,Comirnaty,1,2021-08-01\n"

    /// The grouping pass reads shots.csv without hashing each row (`hashingRecords: false`):
    /// it must accept and reject exactly the rows the deciding pass does, since the two
    /// number the rows alike, and only the raw digests differ.
    @Test func readingWithoutRowDigestsAcceptsTheSameRows() throws {
        try withTemporaryDirectory { dir in
            // A sound row, its shot ID again (rejected), a bad province (rejected), a sound one.
            let rows = [ShotsReaderTests.good, ShotsReaderTests.good, "S7,,Võ E,2001,,,999,,,,\n", "S8,,Đỗ F,1975,,,01,,,,\n"]
            let path = try writeFile(dir, "shots.csv", shotsHeader + rows.joined())
            func read(hashing: Bool) throws -> (rows: [Int], issues: [Int], digests: [SHA256Digest]) {
                let reader = try ShotsReader(path: path, hashingRecords: hashing)
                var rows: [Int] = [], issues: [Int] = [], digests: [SHA256Digest] = []
                while let batch = try reader.readBatch(maxRows: 2) {
                    rows += batch.lines
                    issues += batch.issues.map(\.line)
                    digests += batch.rawSHA256
                }
                return (rows, issues, digests)
            }
            let hashed = try read(hashing: true), plain = try read(hashing: false)
            #expect(hashed.rows == plain.rows && hashed.issues == plain.issues)
            #expect(hashed.rows == [2, 5] && hashed.issues == [3, 4])
            #expect(plain.digests.allSatisfy { $0 == .zero })
            #expect(hashed.digests.allSatisfy { $0 != .zero })
        }
    }

    @Test func acceptedRowsCarryParsedValues() throws {
        try withTemporaryDirectory { dir in
            let text =
                shotsHeader + ShotsReaderTests.good
                + "S2,,\"Trần, Thị B\",15/02/1985,F,,79,,,,\n"
                + "S3,123456789,Lê C,1950,,,48,,,3,\n"
                + "S4,12x,Phạm D,1961-02,,,96,,,,\n"
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: 10)
            #expect(result.issues.isEmpty)
            #expect(result.warnings.isEmpty)
            let b = try #require(result.batches.first)
            #expect(b.count == 4)
            #expect((0..<4).map(b.shotID) == ["S1", "S2", "S3", "S4"])
            #expect(b.lines == [2, 3, 4, 5])
            #expect(b.citizenID(0) == .citizen(CitizenID(rawValue: 12_345_678_901)))
            #expect(b.citizenID(1) == .missing)
            #expect(b.citizenID(2) == .legacy(123_456_789))
            #expect(b.citizenID(3) == .malformed(Array("12x".utf8)))
            #expect(Array(b.bytes(.citizenID, 3)) == Array("12x".utf8))
            #expect(Array(b.fullName(0)) == Array("Nguyễn Văn An".utf8))
            #expect(Array(b.fullName(1)) == Array("Trần, Thị B".utf8))
            #expect(b.birthDate(0) == PartialDate(year: 1990, month: 5, day: 17))
            #expect(b.birthDate(1) == PartialDate(year: 1985, month: 2, day: 15))
            #expect(b.birthDate(2)?.precision == .year)
            #expect(b.birthDate(3) == PartialDate(year: 1961, month: 2))
            #expect(b.sex(0) == .male && b.sex(1) == .female && b.sex(2) == nil)
            #expect(b.provinceCode(1) == 79)
            #expect(b.doseNumber(0) == 1 && b.doseNumber(1) == nil && b.doseNumber(2) == 3)
            #expect(b.vaccinationDate(0) == PartialDate(year: 2021, month: 8, day: 1))
            #expect(b.withBytes(.vaccine, 0) { String(decoding: $0, as: UTF8.self) } == "Comirnaty")
            #expect(b.rawSHA256[0] == SHA256.hash(ShotsReaderTests.good))
        }
    }

    // spec: interchange.md "rejects.csv" reason codes; each bad row names its column.
    static let rejects: [(row: String, code: String, column: String?)] = [
        ("S9,,Name,,,,01,,,\n", "field_count", nil),
        ("S!,,Name,,,,01,,,,\n", "bad_shot_id", "shot_id"),
        (",,Name,,,,01,,,,\n", "bad_shot_id", "shot_id"),
        ("S\(String(repeating: "x", count: 64)),,Name,,,,01,,,,\n", "bad_shot_id", "shot_id"),
        ("S9,,  ,,,,01,,,,\n", "missing_full_name", "full_name"),
        ("S9,,Name,,,,03,,,,\n", "bad_province_code", "province_code"),
        ("S9,,Name,,,,1,,,,\n", "bad_province_code", "province_code"),
        ("S9,,Name,1990-13-01,,,01,,,,\n", "bad_birth_date", "birth_date"),
        ("S9,,Name,31/04/1990,,,01,,,,\n", "bad_birth_date", "birth_date"),
        ("S9,,Name,1870,,,01,,,,\n", "bad_birth_date", "birth_date"),
        ("S9,,Name,,X,,01,,,,\n", "bad_sex", "sex"),
        ("S9,,Name,,,,01,,,0,\n", "bad_dose_number", "dose_number"),
        ("S9,,Name,,,,01,,,two,\n", "bad_dose_number", "dose_number"),
        ("S9,,Name,,,,01,,,,2021-08\n", "bad_vaccinated_on", "vaccinated_on"),
        ("S9,,Name,,,,01,,,,01/08/2021\n", "bad_vaccinated_on", "vaccinated_on"),
        ("S9,,Na\"me,,,,01,,,,\n", "bad_quoting", nil),
    ]

    @Test(arguments: 0..<rejects.count)
    func everyRejectCode(index: Int) throws {
        let (row, code, column) = ShotsReaderTests.rejects[index]
        try withTemporaryDirectory { dir in
            let text = shotsHeader + ShotsReaderTests.good + row + "S10,,After,,,,01,,,,\n"
            let result = try readAllShots(try writeFile(dir, "shots.csv", text))
            #expect(result.rows.map(\.id) == ["S1", "S10"])
            #expect(result.rows.map(\.line) == [2, 4])
            let issue = try #require(result.issues.first)
            #expect(result.issues.count == 1)
            #expect(issue.code == code)
            #expect(issue.line == 3)
            #expect(issue.column == column)
            if let column { #expect(issue.message.contains(column)) }
            #expect(issue.rawSHA256 == SHA256.hash(row))
            #expect(issue.reason.hasPrefix(code + ": "))
        }
    }

    @Test func invalidUTF8NamesTheColumn() throws {
        try withTemporaryDirectory { dir in
            let row: [UInt8] = Array("S2,,".utf8) + [0x4E, 0xC3, 0x28] + Array(",,,,01,,,,\n".utf8)
            let bytes = Array((shotsHeader + ShotsReaderTests.good).utf8) + row
            let result = try readAllShots(try writeFile(dir, "shots.csv", bytes))
            let issue = try #require(result.issues.first)
            #expect(issue.code == "invalid_utf8")
            #expect(issue.column == "full_name")
            #expect(issue.key == "S2")
            #expect(issue.rawSHA256 == SHA256.hash(row))
        }
    }

    @Test(arguments: [1, 2, 100])
    func duplicateShotIDNamesTheEarlierLine(maxRows: Int) throws {
        try withTemporaryDirectory { dir in
            // The first S5's name is quoted. (It spanned two physical lines until issue 12
            // finding 12 made a line break in a field a reject: HostileFieldTests.)
            let text =
                shotsHeader + "S5,,\"Two, Lines\",,,,01,,,,\nS6,,B,,,,01,,,,\nS5,,C,,,,01,,,,\n"
                + "S7,,D,,,,99,,,,\nS7,,E,,,,01,,,,\nS8,,F,,,,02,,,,\nS7,,G,,,,01,,,,\n"
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: maxRows)
            #expect(result.rows.map(\.id) == ["S5", "S6", "S7", "S8"])
            #expect(result.rows.map(\.line) == [2, 3, 6, 7])
            #expect(result.issues.map(\.code) == ["duplicate_shot_id", "bad_province_code", "duplicate_shot_id"])
            #expect(result.issues.map(\.line) == [4, 5, 8])
            #expect(result.issues[0].key == "S5")
            #expect(result.issues[0].message.hasSuffix("line 2"))
            #expect(result.issues[2].message.hasSuffix("line 6"))
            #expect(result.issues[0].rawSHA256 == SHA256.hash("S5,,C,,,,01,,,,\n"))
            // The rows kept after a duplicate is removed keep their own values.
            let names = result.batches.flatMap { b in
                (0..<b.count).map { String(decoding: b.fullName($0), as: UTF8.self) }
            }
            #expect(names == ["Two, Lines", "B", "E", "F"])
            let provinces = result.batches.flatMap { b in (0..<b.count).map { b.provinceCode($0) } }
            #expect(provinces == [1, 1, 1, 2])
        }
    }

    @Test func columnsInAnyOrderAndOneWarningForUnknownColumns() throws {
        try withTemporaryDirectory { dir in
            let text = "extra1,province_code,full_name,shot_id,extra2\nq,48,Name,S1,r\n"
            let result = try readAllShots(try writeFile(dir, "shots.csv", text))
            #expect(result.warnings.count == 1)
            #expect(result.warnings[0].contains("'extra1', 'extra2'"))
            let b = try #require(result.batches.first)
            #expect(b.shotID(0) == "S1" && b.provinceCode(0) == 48 && b.citizenID(0) == .missing)
            #expect(Array(b.fullName(0)) == Array("Name".utf8))
        }
    }

    @Test func missingRequiredColumnNamesFileAndColumn() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "shots.csv", "shot_id,full_name\nS1,A\n")
            let error = try #require(throws: VaxError.self) { try ShotsReader(path: path) }
            #expect(error.kind == .badInput)
            #expect(error.file == path && error.line == 1 && error.field == "province_code")
            #expect(error.description.contains("province_code"))
        }
    }

    @Test(arguments: 0..<4)
    func unreadableHeaderIsBadInput(index: Int) throws {
        let headers: [[UInt8]] = [[], Array("\n".utf8), [0x73, 0xFF, 0x0A], Array("a\"b,c\n".utf8)]
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "shots.csv", headers[index])
            let error = try #require(throws: VaxError.self) { try ShotsReader(path: path) }
            #expect(error.kind == .badInput && error.line == 1 && error.file == path)
        }
    }

    @Test func recordTooLongIsARejectAndTheNextRowIsRead() throws {
        try withTemporaryDirectory { dir in
            let long = "S2,,\(String(repeating: "n", count: 300)),,,,01,,,,\n"
            let text = shotsHeader + ShotsReaderTests.good + long + "S3,,C,,,,01,,,,\n"
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), bufferSize: 257, maxRecordBytes: 256)
            #expect(result.rows.map(\.id) == ["S1", "S3"])
            #expect(result.issues.map(\.code) == ["record_too_long"])
            #expect(result.issues[0].line == 3)
            #expect(result.issues[0].rawSHA256 == SHA256.hash(long))
        }
    }

    @Test func batchesHoldAtMostMaxRows() throws {
        try withTemporaryDirectory { dir in
            var text = shotsHeader
            for i in 0..<10 { text += "S\(i),,N\(i),,,,01,,,,\n" }
            let result = try readAllShots(try writeFile(dir, "shots.csv", text), maxRows: 4)
            #expect(result.batches.map(\.count) == [4, 4, 2])
            #expect(result.rows.map(\.line) == Array(2...11))
        }
    }
}
