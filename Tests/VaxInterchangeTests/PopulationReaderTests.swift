import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

@Suite struct PopulationReaderTests {
    static let header = "citizen_id,legacy_id,full_name,birth_date,sex,province_code\n"

    @Test func readsValidatedRows() throws {
        try withTemporaryDirectory { dir in
            let text =
                PopulationReaderTests.header
                + "001090000001,123456789,Nguyễn Văn An,1990-05-17,M,01\n"
                + "079385000002,,Trần Thị Bình,1985,F,79\n"
            let reader = try PopulationReader(path: try writeFile(dir, "population.csv", text))
            let batch = try #require(try reader.readBatch(maxRows: 10))
            #expect(batch.issues.isEmpty && batch.count == 2)
            #expect(batch.citizenIDs == [CitizenID(rawValue: 1_090_000_001), CitizenID(rawValue: 79_385_000_002)])
            #expect(batch.legacyID(0) == 123_456_789 && batch.legacyID(1) == nil)
            #expect(Array(batch.fullName(1)) == Array("Trần Thị Bình".utf8))
            #expect(batch.birthDate(1) == PartialDate(year: 1985))
            #expect(batch.sex(0) == .male && batch.sex(1) == .female)
            #expect(batch.provinceCode(1) == 79)
            #expect(try reader.readBatch(maxRows: 10) == nil)
        }
    }

    static let rejects: [(row: String, code: String)] = [
        ("01090000001,,A,1990,M,01\n", "bad_citizen_id"),
        ("101090000001,,A,1990,M,01\n", "bad_citizen_id"),
        ("003090000001,,A,1990,M,01\n", "bad_citizen_id"),
        ("001590000001,,A,1990,M,01\n", "bad_citizen_id"),
        ("001090000001,12345678,A,1990,M,01\n", "bad_legacy_id"),
        ("001090000001,,,1990,M,01\n", "missing_full_name"),
        ("001090000001,,A,,M,01\n", "bad_birth_date"),
        ("001090000001,,A,17/05/1990,M,01\n", "bad_birth_date"),
        ("001090000001,,A,1990,,01\n", "bad_sex"),
        ("001090000001,,A,1990,M,00\n", "bad_province_code"),
        ("001090000001,,A,1990,M\n", "field_count"),
    ]

    @Test(arguments: 0..<rejects.count)
    func everyRejectCode(index: Int) throws {
        let (row, code) = PopulationReaderTests.rejects[index]
        try withTemporaryDirectory { dir in
            let text = PopulationReaderTests.header + row + "002090000001,,B,1990,M,02\n"
            let reader = try PopulationReader(path: try writeFile(dir, "population.csv", text))
            let batch = try #require(try reader.readBatch(maxRows: 10))
            #expect(batch.count == 1 && batch.lines == [3])
            #expect(batch.issues.map(\.code) == [code])
            #expect(batch.issues.first?.line == 2)
            #expect(batch.issues.first?.rawSHA256 == SHA256.hash(row))
        }
    }

    @Test func missingColumnNamesIt() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(dir, "population.csv", "citizen_id,full_name,birth_date,sex\n")
            let error = try #require(throws: VaxError.self) { try PopulationReader(path: path) }
            #expect(error.kind == .badInput && error.field == "province_code" && error.line == 1)
        }
    }
}
