import Foundation
import Testing
import VaxTestSupport

@Test func usageAndInputErrorsExitTwoAndNameTheProblem() throws {
    try withTemporaryDirectory { dir in
        let unknown = try runVaxlink(["match", "--bogus"])
        #expect(unknown.status == 2)
        let missing = try runVaxlink(["store", "build", "--population", dir + "/nope.csv", "--out", dir + "/s"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.csv"))
        try "citizen_id,full_name,birth_date,sex\n012345678901,An,1990,M\n".write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let badHeader = try runVaxlink(["store", "build", "--population", dir + "/p.csv", "--out", dir + "/s"])
        #expect(badHeader.status == 2)
        #expect(badHeader.stderr.contains("province_code"))
        #expect(badHeader.stderr.contains("p.csv"))
        let help = try runVaxlink(["match", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--ledger"))
    }
}

@Test func aRegisterWithBadRowsIsNotBuilt() throws {
    try withTemporaryDirectory { dir in
        let csv = """
            citizen_id,legacy_id,full_name,birth_date,sex,province_code
            001090000001,,Nguyễn Văn An,1990-01-02,M,01
            001090000002,,Trần Thị Bình,1990-13-02,F,01
            001090000003,,Lê Văn Cường,1990-03-04,X,01

            """
        try csv.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let r = try runVaxlink(["store", "build", "--population", dir + "/p.csv", "--out", dir + "/s", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":3:"))
        #expect(r.stderr.contains(":4:"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
        #expect(FileManager.default.fileExists(atPath: dir + "/s.rejects.csv"))
    }
}

/// The binary prints each workflow's report and maps it to the exit codes of docs/cli.md:
/// 0 done, 1 the work found a problem, 2 bad usage or input.
@Test func commandsPrintTheirReportsAndMapThemToExitCodes() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "600", "--shots", "400", "--seed", "2", "--out", dir + "/d", "--quiet"]).status == 0)
        let run = try runVaxlink(["run", "--population", dir + "/d/population.csv", "--shots", dir + "/d/shots.csv",
                                  "--out", dir + "/r", "--quiet", "--lang", "en", "--demo-key"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ledger verified") && run.stdout.hasSuffix("report.html\n"))
        let export = try runVaxlink(["ledger", "export", dir + "/r/ledger.sqlite", "--out", dir + "/e.csv"])
        #expect(export.status == 0 && export.stdout == "wrote 400 decisions to \(dir)/e.csv\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/e.csv"))
            == Data(contentsOf: URL(fileURLWithPath: dir + "/r/decisions.csv")))
        let verify = try runVaxlink(["ledger", "verify", dir + "/r/ledger.sqlite", "--json"])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("{\"valid\":true,"))
        // Found problems: exit 1 with the reason on stderr.
        let absent = try runVaxlink(["store", "lookup", dir + "/r/store", "999999999999"])
        #expect(absent.status == 1 && absent.stdout.isEmpty && absent.stderr.contains("no citizen with that ID"))
        // Decisions with every verified link undone cannot reach full recall.
        let decisions = try String(contentsOfFile: dir + "/r/decisions.csv", encoding: .utf8)
        try decisions.replacingOccurrences(of: #",verified,\d{12},"#, with: ",unmatched,,", options: .regularExpression)
            .write(toFile: dir + "/undone.csv", atomically: true, encoding: .utf8)
        let floors = try runVaxlink(["evaluate", "--decisions", dir + "/undone.csv", "--truth", dir + "/d/truth.csv",
                                     "--min-recall", "1"])
        #expect(floors.status == 1 && floors.stdout.contains("FAIL recall below 1.0"))
        // Bad usage and bad input: exit 2.
        #expect(try runVaxlink(["store", "lookup", dir + "/r/store", "12345"]).status == 2)
        #expect(try runVaxlink(["ledger", "verify", dir + "/nope.sqlite"]).status == 2)
        #expect(try runVaxlink(["keygen", "--out", dir + "/r/ledger.sqlite"]).status == 2)  // refuses to overwrite
    }
}
