import Foundation
import Testing
import VaxCore
import VaxMatching
import VaxTestSupport

/// `--model` with a wrong file (issue 12 finding 13): refused without echoing its content.
@Suite struct ModelFileTests {
    @Test func aWrongModelFileIsRefusedWithoutEchoingItsFirstLine() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/population.csv"
            try "001085000001,,Nguyễn_Văn_An,1985-01-02,M,1\n".write(toFile: path, atomically: false, encoding: .utf8)
            let error = try #require(throws: VaxError.self) { try MatchModel.load(path: path) }
            #expect(error.kind == .badInput)
            #expect(error.message.contains("not a vaxlink model file"))
            #expect(!error.description.contains("001085") && !error.description.contains("Nguy"))
        }
    }

    @Test func theDefaultModelStillRoundTrips() throws {
        try withTemporaryDirectory { dir in
            try MatchModel.standard.save(path: dir + "/model")
            #expect(try MatchModel.load(path: dir + "/model").hash() == MatchModel.standard.hash())
        }
    }
}
