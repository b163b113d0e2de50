import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

/// The header checks of issue 12 (findings 8 and 13): bounded in columns and time, and a
/// CR-only file named for what it is, without echoing its data.
@Suite struct HeaderLimitTests {
    // spec: interchange.md "Limits". Before, 160 k columns took 44 s (a quadratic check).
    @Test(.timeLimit(.minutes(1))) func aHeaderWithTooManyColumnsIsRefusedQuickly() throws {
        try withTemporaryDirectory { dir in
            let names = (0..<160_000).map { "c\($0)" }.joined(separator: ",")
            let path = try writeFile(dir, "shots.csv", names + "\n")
            let started = Date()
            let error = try #require(throws: VaxError.self) {
                try ShotsReader(path: path)
            }
            #expect(error.kind == .badInput && error.line == 1)
            #expect(error.message.contains("at most \(TableReaderCore.maxColumns)"))
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func theDuplicateCheckStillNamesTheRepeatedColumn() throws {
        try withTemporaryDirectory { dir in
            let path = try writeFile(
                dir, "population.csv", "citizen_id,legacy_id,full_name,birth_date,sex,province_code,sex\n")
            let error = try #require(throws: VaxError.self) { try PopulationReader(path: path) }
            #expect(error.field == "sex" && error.message.contains("twice"))
        }
    }

    // spec: issue 13 finding 13. Before: "the header names column 'M' twice", a data value.
    @Test func aCROnlyFileIsReportedAsCROnlyWithoutEchoingData() throws {
        try withTemporaryDirectory { dir in
            let rows = [
                "citizen_id,legacy_id,full_name,birth_date,sex,province_code",
                "001085000001,,Nguyễn Văn An,1985-01-02,M,1",
                "001085000002,,Trần Thị Bình,1985-03-04,M,1",
            ]
            let path = try writeFile(dir, "population.csv", rows.joined(separator: "\r") + "\r")
            let error = try #require(throws: VaxError.self) { try PopulationReader(path: path) }
            #expect(error.kind == .badInput)
            #expect(error.message.contains("CR alone"))
            #expect(!error.description.contains("Nguyễn") && !error.description.contains("001085"))
        }
    }
}

/// The digest of an input comes from the pass that parses it (issue 12 finding 8).
@Suite struct ContentHashTests {
    @Test(arguments: [7, 64, 1 << 16])
    func theFileIsHashedInTheSamePassThatParsesIt(_ bufferSize: Int) throws {
        try withTemporaryDirectory { dir in
            var text = "\u{FEFF}shot_id,citizen_id,full_name,birth_date,sex,dose_number,vaccinated_on\n"
            for i in 0..<300 { text += "S\(i),001085000\(100 + i),Nguyễn Văn An,1985-01-02,M,1,2021-08-01\n" }
            let path = try writeFile(dir, "shots.csv", text)
            let reader = try CSVReader(path: path, bufferSize: max(bufferSize, 256), maxRecordBytes: 200, hashingContent: true)
            var records = 0
            while try reader.readRecord({ _ in true }) != nil {
                records += 1
            }
            #expect(records == 301)
            #expect(reader.contentSHA256 == SHA256.hash(Array(text.utf8)))
            let plain = try CSVReader(path: path)
            while try plain.readRecord({ _ in true }) != nil {}
            #expect(plain.contentSHA256 == nil)
        }
    }
}
