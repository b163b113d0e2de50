import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxInterchange

@Suite struct SupportTests {
    static let utf8Cases: [([UInt8], Bool)] = [
        (Array("plain ascii text".utf8), true), (Array("Nguyễn Đức 🙂".utf8), true),
        ([0xC3, 0x28], false), ([0xC0, 0x80], false), ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false),
        ([0xF4, 0x90, 0x80, 0x80], false), ([0xE2, 0x82], false), ([0xFF], false),
        (Array("12345678".utf8) + [0x80], false), ([0xF0, 0x9F, 0x99, 0x82], true),
    ]

    @Test(arguments: 0..<utf8Cases.count)
    func utf8Validation(index: Int) {
        let (bytes, valid) = SupportTests.utf8Cases[index]
        #expect(bytes.withUnsafeBytes { isValidUTF8($0) } == valid)
        #expect(valid == (String(validating: bytes, as: UTF8.self) != nil))
    }

    @Test func shotIDSetFindsRepeatsAcrossGrowth() {
        var set = ShotIDSet(initialCapacity: 16)
        for i in 0..<5000 {
            let id = Array("SHOT-\(i)".utf8)
            #expect(id.withUnsafeBytes { set.insert($0, line: i + 2) } == nil)
        }
        #expect(set.count == 5000)
        for i in stride(from: 0, to: 5000, by: 97) {
            let id = Array("SHOT-\(i)".utf8)
            #expect(id.withUnsafeBytes { set.insert($0, line: 99_999) } == i + 2)
        }
        #expect(Array("SHOT-5000".utf8).withUnsafeBytes { set.insert($0, line: 1) } == nil)
    }

    @Test func rejectsWriterWritesTheSpecColumns() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/rejects.csv"
            let writer = try RejectsWriter(path: path)
            let digest = SHA256.hash("raw")
            try writer.write(
                RowIssue(
                    line: 7, key: "S1", code: "bad_sex", message: "column sex is not M, F or empty",
                    column: "sex", rawSHA256: digest))
            try writer.commit()
            let records = try readAllRecords(path)
            #expect(
                records.map(\.texts) == [
                    ["line", "shot_id", "reason", "raw_sha256"],
                    ["7", "S1", "bad_sex: column sex is not M, F or empty", digest.hex],
                ])
        }
    }

    @Test func truthReaderReadsRowsAndRejects() throws {
        try withTemporaryDirectory { dir in
            let text = "shot_id,citizen_id,errors\nS1,001090000001,name_typo;swap_dm\nS2,,\nS3,12,\n"
            let reader = try TruthReader(path: try writeFile(dir, "truth.csv", text))
            let (rows, issues) = try #require(try reader.readBatch(maxRows: 10))
            #expect(
                rows == [
                    TruthRow(
                        line: 2, shotID: "S1", citizenID: CitizenID(rawValue: 1_090_000_001),
                        errors: ["name_typo", "swap_dm"]),
                    TruthRow(line: 3, shotID: "S2", citizenID: nil, errors: []),
                ])
            #expect(issues.map(\.code) == ["bad_citizen_id"])
            #expect(try reader.readBatch(maxRows: 10) == nil)
        }
    }
}

@Suite struct DecisionsReaderTests {
    @Test func readsDecisionsAndRejectsBadValues() throws {
        try withTemporaryDirectory { dir in
            let text =
                "shot_id,outcome,citizen_id,score,corrections\n"
                + "S1,corrected,001090000001,0.97,full_name;birth_date\n"
                + "S2,unmatched,,0.1,\n"
                + "S3,maybe,,0.5,\n"
                + "S4,review,,1.5,\n"
                + "S5,relinked,001090000001,0.9,nickname\n"
            let reader = try DecisionsReader(path: try writeFile(dir, "decisions.csv", text))
            let (rows, issues) = try #require(try reader.readBatch(maxRows: 10))
            #expect(
                rows == [
                    DecisionRow(
                        line: 2, shotID: "S1", outcome: .corrected, citizenID: CitizenID(rawValue: 1_090_000_001),
                        score: 0.97, corrections: [.fullName, .birthDate]),
                    DecisionRow(
                        line: 3, shotID: "S2", outcome: .unmatched, citizenID: nil, score: 0.1, corrections: []),
                ])
            #expect(issues.map(\.code) == ["bad_outcome", "bad_score", "bad_corrections"])
            #expect(issues.map(\.line) == [4, 5, 6])
        }
    }
}

@Suite struct ShotBatchLayoutTests {
    @Test func textColumnCountMatchesTheColumns() {
        #expect(ShotBatch.textColumnCount == ShotBatch.TextColumn.allCases.count)
    }
}
