import Foundation
import Testing
import VaxTestSupport

/// The whole pipeline through the built binary, as an operator runs it.
@Test func generateBuildMatchVerifyEndToEnd() throws {
    try withTemporaryDirectory { dir in
        let gen = try runVaxlink(["generate", "--citizens", "3000", "--shots", "2400", "--seed", "3", "--out", dir + "/d", "--quiet"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let build = try runVaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/store", "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("3000 citizens"))
        let info = try runVaxlink(["store", "info", dir + "/store", "--json"])
        #expect(info.status == 0)
        #expect(info.stdout.contains("\"rows\" : 3000"))

        let match = try runVaxlink(["match", "--store", dir + "/store", "--shots", dir + "/d/shots.csv",
                                    "--ledger", dir + "/run.ledger", "--out", dir + "/out", "--quiet", "--batch-size", "700"])
        #expect(match.status == 0, "\(match.stderr)")
        for file in ["decisions.csv", "review.csv", "rejects.csv", "summary.json", "checkpoint"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/" + file), "\(file)")
        }
        // Every shot read appears exactly once in decisions.csv, in input order.
        let shots = try String(contentsOfFile: dir + "/d/shots.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let decisions = try String(contentsOfFile: dir + "/out/decisions.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(decisions.count == shots.count)
        #expect(decisions.map { $0.split(separator: ",")[0] } == shots.map { $0.split(separator: ",")[0] })

        let verify = try runVaxlink(["ledger", "verify", dir + "/run.ledger", "--checkpoint", dir + "/out/checkpoint",
                                     "--public-key", dir + "/run.ledger.pub"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        // The ledger alone rebuilds decisions.csv byte for byte.
        let export = try runVaxlink(["ledger", "export", dir + "/run.ledger", "--out", dir + "/exported.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/exported.csv"))
            == Data(contentsOf: URL(fileURLWithPath: dir + "/out/decisions.csv")))

        // Running the same command again resumes: nothing is appended twice.
        let again = try runVaxlink(["match", "--store", dir + "/store", "--shots", dir + "/d/shots.csv",
                                    "--ledger", dir + "/run.ledger", "--out", dir + "/out2", "--quiet", "--batch-size", "700"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/out2/decisions.csv"))
            == Data(contentsOf: URL(fileURLWithPath: dir + "/out/decisions.csv")))
        let reverify = try runVaxlink(["ledger", "verify", dir + "/run.ledger", "--json"])
        #expect(reverify.status == 0)
    }
}

@Test func decisionsDoNotDependOnThreads() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "2000", "--shots", "1600", "--seed", "9", "--out", dir + "/d", "--quiet"]).status == 0)
        #expect(try runVaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/s", "--quiet"]).status == 0)
        for t in ["1", "2"] {
            let r = try runVaxlink(["match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/l\(t)",
                                    "--out", dir + "/o\(t)", "--threads", t, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/o1/decisions.csv"))
            == Data(contentsOf: URL(fileURLWithPath: dir + "/o2/decisions.csv")))
    }
}

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

@Test func runWritesProvinceReportsAndAVerifiedLedger() throws {
    try withTemporaryDirectory { dir in
        #expect(try runVaxlink(["generate", "--citizens", "3000", "--shots", "2400", "--seed", "4", "--out", dir + "/d", "--quiet"]).status == 0)
        let run = try runVaxlink(["run", "--population", dir + "/d/population.csv", "--shots", dir + "/d/shots.csv",
                                  "--out", dir + "/r", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ledger verified"))
        let provinces = try String(contentsOfFile: dir + "/r/provinces.csv", encoding: .utf8).split(separator: "\n")
        #expect(provinces.first?.hasPrefix("province_code,province_name,shots,verified,verified_share") == true)
        let total = provinces.dropFirst().compactMap { Int($0.split(separator: ",")[2]) }.reduce(0, +)
        #expect(total == 2400)
        let html = try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("Toàn quốc"))  // Vietnamese by default
        #expect(!html.contains("<script"))
        // A second run reuses the store and the finished ledger.
        let again = try runVaxlink(["run", "--population", dir + "/d/population.csv", "--shots", dir + "/d/shots.csv",
                                    "--out", dir + "/r", "--lang", "en"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("reusing"))
        #expect(try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8).contains("National totals"))
    }
}
