import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport
import VaxWorkflows

/// `PassportIssueSession` called directly: eligibility, signing, the ledger record, waves.
@Suite struct PassportIssueTests {
    @Test func issuesVerifiablePassportsFromTheRegisterAndRecordsThem() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let keygen = try PassportKeys.generate(algorithmName: "es256", directory: dir + "/keys", country: "VN",
                                                   commonName: "VN DSC vaxlink", days: 730)
            #expect(keygen.output?.contains("algorithm ES256, kid ") == true)
            let key = (dir + "/keys/passport-key.pem", dir + "/keys/passport-cert.pem")
            let issue = try run.session(key: key, out: dir + "/p").issue(json: true)
            #expect(!issue.foundProblem)
            #expect(issue.output?.contains("\"ES256\"") == true && issue.output?.contains("\"issued\"") == true)

            let rows = try Workflow.rows(dir + "/p/passports.csv")
            #expect(rows.count > 500)
            #expect(rows.map { $0[0] } == rows.map { $0[0] }.sorted())  // citizen order
            #expect(Set(rows.map { $0[1] }).count == rows.count)  // UVCIs unique
            let certificate = try SignerCertificate(pemOrDER: Array(try Workflow.file(key.1)))
            let verifier = HC1Verifier(certificates: [certificate])
            let now = Int64(Date().timeIntervalSince1970)
            for row in rows {
                let result = verifier.verify(row[2], at: now)
                #expect(result.isValid, "\(row[0]): \(result.checks.filter { !$0.passed })")
                #expect(result.dcc?["v"]?.arrayValue?.first?["ci"] == .text(row[1]))
                #expect(row[1].hasPrefix("URN:UVCI:01:VN:") && UVCI.hasValidCheckCharacter(row[1]))
            }

            // passport verify accepts every certificate written.
            let verifyAll = try PassportVerification.verify(
                texts: [], filePath: dir + "/p/passports.csv", certificatePaths: [key.1], timeText: nil, json: true)
            #expect(!verifyAll.foundProblem, "\(verifyAll.diagnostics.prefix(2000))")
            #expect(verifyAll.output?.contains("\"total\": \(rows.count),") == true
                && verifyAll.output?.contains("\"valid\": \(rows.count),") == true)

            // spec: name and birth date from the register even where the latest shot differs.
            let hoa = try #require(rows.first { $0[0] == PassportRun.hoa })
            let dcc = try #require(verifier.verify(hoa[2], at: now).dcc)
            #expect(dcc["nam"]?["fn"] == .text("Lý") && dcc["nam"]?["gn"] == .text("Thị Hoa"))
            #expect(dcc["nam"]?["fnt"] == .text("LY") && dcc["nam"]?["gnt"] == .text("THI<HOA"))
            #expect(dcc["dob"] == .text("1985-03-03"))
            let dose = try #require(dcc["v"]?.arrayValue?.first)
            #expect(dose["dn"] == .int(2) && dose["sd"] == .int(2) && dose["dt"] == .text("2021-09-01"))

            // spec: a citizen with a shot in review gets none and is listed with the reason.
            #expect(!rows.contains { $0[0] == PassportRun.twin })
            let skipped = try Workflow.rows(dir + "/p/skipped.csv")
            #expect(skipped.contains { $0[0] == PassportRun.twin && $0[1].hasPrefix("review_pending:") })

            // The ledger verifies with the passports, against the checkpoint written after them.
            let verify = try LedgerAudit.verify(path: run.ledger, publicKeyPath: nil,
                                                checkpointPath: dir + "/p/checkpoint", threads: 2, json: false)
            #expect(!verify.foundProblem, "\(verify.diagnostics)")

            // Issuing again makes no second certificate: everyone issued is already_issued.
            #expect(try !run.session(key: key, out: dir + "/p2").issue(json: false).foundProblem)
            #expect(try Workflow.rows(dir + "/p2/passports.csv").isEmpty)
            let already = try Workflow.rows(dir + "/p2/skipped.csv").filter { $0[1].hasPrefix("already_issued:") }
            #expect(already.count == rows.count)
            // ... and never overwrites the passports of a directory.
            #expect(Workflow.errorKind { try run.session(key: key, out: dir + "/p").run() } == .usage)

            // Changing one passport entry in the file breaks verification, and issue refuses.
            try Self.flipLastCharacter(of: rows[0][1], inFile: run.ledger)
            let tampered = try LedgerAudit.verify(path: run.ledger, publicKeyPath: nil, checkpointPath: nil, threads: 2,
                                                  json: false)
            #expect(tampered.foundProblem)
            do {
                _ = try run.session(key: key, out: dir + "/p3").run()
                Issue.record("issued from a ledger that does not verify")
            } catch let error as VaxError {
                #expect(error.kind == .problem && error.message.contains("does not verify"), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/p3/passports.csv"))
        }
    }

    @Test func refusesForeignInputsAndIssuesInWaves() throws {
        try withTemporaryDirectory { dir in
            let run = try PassportRun(dir: dir)
            let es = try run.makeKey(.es256, name: "es")
            let other = try run.makeKey(.es256, name: "other")
            // A key that is not the certificate's.
            #expect(Workflow.errorKind { try run.session(key: (es.0, other.1), out: dir + "/a").run() } == .usage)
            // Shots the run did not decide.
            let edited = dir + "/edited.csv"
            try (String(contentsOfFile: run.shots, encoding: .utf8) + "SX9,,Lê Văn A,1990,M,,01,,Moderna,1,2021-09-01\n")
                .write(toFile: edited, atomically: true, encoding: .utf8)
            #expect(Workflow.errorKind { try run.session(key: es, out: dir + "/b", shots: edited).run() } == .badInput)
            // Waves: a limit of 100 issues the first 100 eligible citizens (PS256, one thread), the
            // next run (two threads) the rest, skipping the first wave as already_issued.
            let ps = try run.makeKey(.ps256, name: "ps")
            var first = run.session(key: ps, out: dir + "/w1", threads: 1)
            first.limit = 100
            first.writeQR = true
            let firstResult = try first.run()
            #expect(firstResult.issued == 100 && firstResult.deferred > 0)
            let wave1 = try Workflow.rows(dir + "/w1/passports.csv")
            #expect(wave1.count == 100)
            // QR images: one PNG per passport, named by its UVCI.
            let images = try FileManager.default.contentsOfDirectory(atPath: dir + "/w1/qr").sorted()
            #expect(images.count == 100)
            let name = String(wave1[0][1].dropFirst("URN:UVCI:".count).map { $0.isLetter || $0.isNumber ? $0 : "_" })
            let png = try Workflow.file(dir + "/w1/qr/" + name + ".png")
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            _ = try run.session(key: ps, out: dir + "/w2", threads: 2).run()
            let wave2 = try Workflow.rows(dir + "/w2/passports.csv")
            #expect(wave2.count > 500)
            #expect(wave1.last![0] < wave2.first![0])  // citizen order across the waves
            let already = try Workflow.rows(dir + "/w2/skipped.csv").filter { $0[1].hasPrefix("already_issued:") }
            #expect(already.map { $0[0] } == wave1.map { $0[0] })
            let certificate = try SignerCertificate(pemOrDER: Array(try Workflow.file(ps.1)))
            let result = HC1Verifier(certificates: [certificate]).verify(
                wave2[0][2], at: Int64(Date().timeIntervalSince1970))
            #expect(result.isValid && result.algorithm == .ps256)
            #expect(try !LedgerAudit.verify(path: run.ledger, publicKeyPath: nil, checkpointPath: nil, threads: 2,
                                             json: false).foundProblem)
        }
    }

    /// Changes the last character of `text` where it occurs in the file (a passport entry's UVCI).
    static func flipLastCharacter(of text: String, inFile path: String) throws {
        var bytes = [UInt8](try Workflow.file(path))
        let needle = Array(text.utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        bytes[at + needle.count - 1] =
            bytes[at + needle.count - 1] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
