import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// `vaxlink passport issue` end to end through the built binary.
@Suite struct PassportIssueTests {
    @Test func issuesVerifiablePassportsFromTheRegisterAndRecordsThem() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportFixture(dir: dir)
            let keygen = try runVaxlink(["passport", "keygen", "--algorithm", "es256", "--out", dir + "/keys"])
            try #require(keygen.status == 0, "\(keygen.stderr)")
            let key = (dir + "/keys/passport-key.pem", dir + "/keys/passport-cert.pem")
            let issue = try run.issue(key: key, out: dir + "/p", extra: ["--json"])
            try #require(issue.status == 0, "\(issue.stderr)")
            #expect(issue.stdout.contains("\"ES256\"") && issue.stdout.contains("\"issued\""))

            let rows = try PassportFixture.rows(dir + "/p/passports.csv")
            #expect(rows.count > 500)
            #expect(rows.map { $0[0] } == rows.map { $0[0] }.sorted())  // citizen order
            #expect(Set(rows.map { $0[1] }).count == rows.count)  // UVCIs unique
            let certificate = try SignerCertificate(pemOrDER: Array(try Data(contentsOf: URL(fileURLWithPath: key.1))))
            let verifier = HC1Verifier(certificates: [certificate])
            let now = Int64(Date().timeIntervalSince1970)
            for row in rows {
                let result = verifier.verify(row[2], at: now)
                #expect(result.isValid, "\(row[0]): \(result.checks.filter { !$0.passed })")
                #expect(result.dcc?["v"]?.arrayValue?.first?["ci"] == .text(row[1]))
                #expect(row[1].hasPrefix("URN:UVCI:01:VN:") && UVCI.hasValidCheckCharacter(row[1]))
            }

            // passport verify accepts every certificate written.
            let verifyAll = try runVaxlink([
                "passport", "verify", "--file", dir + "/p/passports.csv", "--cert", key.1,
                "--json",
            ])
            #expect(verifyAll.status == 0, "\(verifyAll.stderr.prefix(2000))")
            #expect(
                verifyAll.stdout.contains("\"total\": \(rows.count),")
                    && verifyAll.stdout.contains("\"valid\": \(rows.count),"),
                "\(verifyAll.stdout.prefix(300))")

            // spec: name and birth date from the register even where the latest shot differs.
            let hoa = try #require(rows.first { $0[0] == PassportFixture.hoa })
            let dcc = try #require(verifier.verify(hoa[2], at: now).dcc)
            #expect(dcc["nam"]?["fn"] == .text("Lý") && dcc["nam"]?["gn"] == .text("Thị Hoa"))
            #expect(dcc["nam"]?["fnt"] == .text("LY") && dcc["nam"]?["gnt"] == .text("THI<HOA"))
            #expect(dcc["dob"] == .text("1985-03-03"))
            let dose = try #require(dcc["v"]?.arrayValue?.first)
            #expect(dose["dn"] == .int(2) && dose["sd"] == .int(2) && dose["dt"] == .text("2021-09-01"))

            // spec: a citizen with a shot in review gets none and is listed with the reason.
            #expect(!rows.contains { $0[0] == PassportFixture.twin })
            let skipped = try PassportFixture.rows(dir + "/p/skipped.csv")
            #expect(skipped.contains { $0[0] == PassportFixture.twin && $0[1].hasPrefix("review_pending:") })

            // The ledger verifies with the passports, against the checkpoint written after them.
            let verify = try runVaxlink(["ledger", "verify", run.ledger, "--checkpoint", dir + "/p/checkpoint"])
            #expect(verify.status == 0, "\(verify.stderr)")

            // Issuing again makes no second certificate: everyone issued is already_issued.
            let again = try run.issue(key: key, out: dir + "/p2")
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try PassportFixture.rows(dir + "/p2/passports.csv").isEmpty)
            let already = try PassportFixture.rows(dir + "/p2/skipped.csv").filter {
                $0[1].hasPrefix("already_issued:")
            }
            #expect(already.count == rows.count)
            // ... and never overwrites the passports of a directory.
            #expect(try run.issue(key: key, out: dir + "/p").status == 2)

            // Changing one passport entry in the file breaks verification, and issue refuses (exit 1).
            try Self.flipLastCharacter(of: rows[0][1], inFile: run.ledger)
            let tampered = try runVaxlink(["ledger", "verify", run.ledger])
            #expect(tampered.status == 1)
            let refused = try run.issue(key: key, out: dir + "/p3")
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("does not verify"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/p3/passports.csv"))
        }
    }

    @Test func refusesForeignInputsAndIssuesInWaves() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportFixture(dir: dir)
            let es = try run.makeKey(.es256, name: "es")
            let other = try run.makeKey(.es256, name: "other")
            // A key that is not the certificate's.
            #expect(try run.issue(key: (es.0, other.1), out: dir + "/a").status == 2)
            // Shots the run did not decide.
            let edited = dir + "/edited.csv"
            try
                (String(contentsOfFile: run.shots, encoding: .utf8) + "SX9,,Lê Văn A,1990,M,,01,,Moderna,1,2021-09-01\n")
                .write(toFile: edited, atomically: true, encoding: .utf8)
            let wrongShots = try runVaxlink([
                "passport", "issue", "--store", run.store, "--ledger", run.ledger, "--shots",
                edited, "--key", es.0, "--cert", es.1, "--out", dir + "/b", "--quiet",
            ])
            #expect(wrongShots.status == 2, "\(wrongShots.stderr)")
            // Waves: --limit 100 issues the first 100 eligible citizens (PS256, one thread), the
            // next run (two threads) the rest, skipping the first wave as already_issued.
            let ps = try run.makeKey(.ps256, name: "ps")
            let first = try run.issue(key: ps, out: dir + "/w1", extra: ["--threads", "1", "--limit", "100", "--qr"])
            try #require(first.status == 0, "\(first.stderr)")
            let wave1 = try PassportFixture.rows(dir + "/w1/passports.csv")
            #expect(wave1.count == 100)
            // --qr: one PNG per passport, named by its UVCI.
            let images = try FileManager.default.contentsOfDirectory(atPath: dir + "/w1/qr").sorted()
            #expect(images.count == 100)
            let name = String(wave1[0][1].dropFirst("URN:UVCI:".count).map { $0.isLetter || $0.isNumber ? $0 : "_" })
            let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/w1/qr/" + name + ".png"))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let second = try run.issue(key: ps, out: dir + "/w2", extra: ["--threads", "2"])
            try #require(second.status == 0, "\(second.stderr)")
            let wave2 = try PassportFixture.rows(dir + "/w2/passports.csv")
            #expect(wave2.count > 500)
            #expect(wave1.last![0] < wave2.first![0])  // citizen order across the waves
            let already = try PassportFixture.rows(dir + "/w2/skipped.csv").filter {
                $0[1].hasPrefix("already_issued:")
            }
            #expect(already.map { $0[0] } == wave1.map { $0[0] })
            let certificate = try SignerCertificate(pemOrDER: Array(try Data(contentsOf: URL(fileURLWithPath: ps.1))))
            let result = HC1Verifier(certificates: [certificate]).verify(
                wave2[0][2], at: Int64(Date().timeIntervalSince1970))
            #expect(result.isValid && result.algorithm == .ps256)
            #expect(try runVaxlink(["ledger", "verify", run.ledger]).status == 0)
        }
    }

    /// Changes the last character of `text` where it occurs in the file (a passport entry's UVCI).
    static func flipLastCharacter(of text: String, inFile path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = Array(text.utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        bytes[at + needle.count - 1] =
            bytes[at + needle.count - 1] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
