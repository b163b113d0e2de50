import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// `vaxlink passport keygen` and `vaxlink passport verify`, run as the built binary.
@Suite struct PassportCommandTests {
    /// Runs keygen into `directory` and issues one certificate with the written key.
    func issueWithKeygenOutput(_ directory: String, algorithm: String) throws -> String {
        let keygen = try runVaxlink(["passport", "keygen", "--algorithm", algorithm, "--out", directory])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        #expect(keygen.stdout.contains("kid "))
        let key = try SigningKey(
            pem: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/passport-key.pem"))))
        let certificate = try SignerCertificate(
            pemOrDER: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/passport-cert.pem"))))
        #expect(keygen.stdout.contains(hexString(certificate.kid).uppercased()))
        let now = Int64(Date().timeIntervalSince1970)
        return try HC1.issue(
            dcc: sampleDCC(), issuerCountry: "VN", issuedAt: now, expiresAt: now + 86_400 * 365,
            key: key, certificate: certificate
        ).text
    }

    @Test(arguments: ["es256", "ps256"])
    func keygenThenVerifyExitsZero(_ algorithm: String) throws {
        try withTemporaryDirectory { directory in
            let text = try issueWithKeygenOutput(directory + "/keys", algorithm: algorithm)
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/keys/passport-key.pem")
            #expect((attributes[.posixPermissions] as? Int) == 0o600)

            let ok = try runVaxlink(["passport", "verify", text, "--cert", directory + "/keys/passport-cert.pem"])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("HC1 certificate: valid"))
            #expect(ok.stdout.contains("\"fn\": \"Nguyễn\""))

            // Again: keygen refuses to overwrite the key (exit 2).
            let again = try runVaxlink(["passport", "keygen", "--algorithm", algorithm, "--out", directory + "/keys"])
            #expect(again.status == 2 && again.stderr.contains("refusing to overwrite"))
        }
    }

    @Test func failuresExitOneNamingTheStage() throws {
        try withTemporaryDirectory { directory in
            let text = try issueWithKeygenOutput(directory, algorithm: "es256")
            let cert = directory + "/passport-cert.pem"

            let noCert = try runVaxlink(["passport", "verify", text])
            #expect(noCert.status == 1)
            #expect(noCert.stderr.contains("INVALID at signature: signer key not available"))
            #expect(noCert.stdout.contains("ok     schema"))

            let badPrefix = try runVaxlink(["passport", "verify", "HC9:" + text.dropFirst(4), "--cert", cert])
            #expect(badPrefix.status == 1 && badPrefix.stderr.contains("INVALID at prefix"))

            let expired = try runVaxlink(["passport", "verify", text, "--cert", cert, "--at", "2099-01-01T00:00:00Z"])
            #expect(expired.status == 1 && expired.stderr.contains("INVALID at expiry"))

            let json = try runVaxlink(["passport", "verify", text, "--cert", cert, "--json"])
            #expect(json.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(object?["valid"] as? Int == 1 && object?["total"] as? Int == 1)
            let first = (object?["results"] as? [[String: Any]])?.first
            #expect(first?["alg"] as? Int == -7)
            #expect((first?["checks"] as? [Any])?.count == HC1Stage.allCases.count)

            // A CSV with an hc1 column, as passport issue writes it: one good row, one broken.
            let csv =
                "citizen_id,uvci,hc1\n001085000001,URN:UVCI:01:VN:A,\(text)\n001085000002,URN:UVCI:01:VN:B,HC1:XX\n"
            try csv.write(toFile: directory + "/issued.csv", atomically: true, encoding: .utf8)
            let file = try runVaxlink(["passport", "verify", "--file", directory + "/issued.csv", "--cert", cert])
            #expect(file.status == 1)
            #expect(file.stdout.contains("1 of 2 certificates valid"))
            #expect(file.stderr.contains("certificate 2: INVALID at base45"))
        }
    }

    @Test func badUsageExitsTwo() throws {
        try withTemporaryDirectory { directory in
            let text = "HC1:NCF"
            for arguments in [
                ["passport", "verify"],
                ["passport", "verify", text, "--at", "yesterday"],
                ["passport", "verify", text, "--cert", directory + "/missing.pem"],
                ["passport", "verify", "--file", directory + "/missing.txt"],
                ["passport", "verify", text, "--bogus"],
                ["passport", "keygen", "--algorithm", "rs256", "--out", directory],
                ["passport", "keygen", "--algorithm", "es256", "--out", directory, "--country", "Vietnam"],
            ] {
                let result = try runVaxlink(arguments)
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
            }
            try "not a certificate".write(toFile: directory + "/junk.pem", atomically: true, encoding: .utf8)
            #expect(try runVaxlink(["passport", "verify", text, "--cert", directory + "/junk.pem"]).status == 2)
        }
    }

    @Test func helpTextsExist() throws {
        for command in [["passport", "verify"], ["passport", "keygen"]] {
            let result = try runVaxlink(command + ["--help"])
            #expect(result.status == 0 && result.stdout.hasPrefix("USAGE: vaxlink \(command.joined(separator: " "))"))
        }
    }
}
