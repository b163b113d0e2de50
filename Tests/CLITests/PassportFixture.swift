import Foundation
import Testing
import VaxCrypto
import VaxTestSupport

/// A small finished run for the passport tests: 3000 generated citizens and 2400 shots, plus
/// hand-made rows whose outcome is known:
///   - twins 001090000001 / 001090000002 (same name, birth date, sex, province): a shot
///     without an ID for them goes to review, so 001090000001 (best candidate) is skipped;
///   - 002185000003 Lý Thị Hoa, 1985-03-03: dose 1 exact, dose 2 (the latest) recorded as
///     "Ly Thi Hoa", 1985-03-04 and corrected: her passport must carry the register's values.
struct PassportFixture {
    let dir: String
    var store: String { dir + "/store" }
    var ledger: String { dir + "/run.ledger" }
    var shots: String { dir + "/d/shots.csv" }

    static let twin = "001090000001"
    static let hoa = "002185000003"

    init(dir: String) throws {
        self.dir = dir
        let gen = try runVaxlink([
            "generate", "--citizens", "3000", "--shots", "2400", "--seed", "3", "--out", dir + "/d",
            "--quiet",
        ])
        try #require(gen.status == 0, "\(gen.stderr)")
        try Self.append(
            dir + "/d/population.csv",
            """
            001090000001,,Trương Văn Tư,1990-05-05,M,01
            001090000002,,Trương Văn Tư,1990-05-05,M,01
            002185000003,,Lý Thị Hoa,1985-03-03,F,02

            """)
        try Self.append(
            dir + "/d/shots.csv",
            """
            SX1,,Trương Văn Tư,1990-05-05,M,,01,01-0001,Moderna,1,2021-09-01
            SX2,002185000003,Lý Thị Hoa,1985-03-03,F,,02,02-0001,Pfizer-BioNTech,1,2021-08-01
            SX3,002185000003,Ly Thi Hoa,1985-03-04,F,,02,02-0001,Pfizer-BioNTech,2,2021-09-01
            SX4,001090000001,Trương Văn Tư,1990-05-05,M,,01,01-0001,Moderna,2,2021-10-01

            """)
        let build = try runVaxlink([
            "store", "build", "--population", dir + "/d/population.csv", "--out", store, "--quiet",
        ])
        try #require(build.status == 0, "\(build.stderr)")
        let match = try runVaxlink([
            "match", "--store", store, "--shots", shots, "--ledger", ledger, "--out", dir + "/m",
            "--quiet", "--demo-key",
        ])
        try #require(match.status == 0, "\(match.stderr)")
    }

    /// Writes a passport key and self-signed signer certificate; returns (key path, cert path).
    func makeKey(_ algorithm: SignatureAlgorithm, name: String) throws -> (String, String) {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "test DSC", country: "VN", validDays: 30)
        let keyPath = dir + "/" + name + ".key"
        let certificatePath = dir + "/" + name + ".crt"
        try KeyFile.createPrivate(keyPath, try key.privateKeyPEM())  // 0600: keys others may read are refused
        try Data(certificate.pem()).write(to: URL(fileURLWithPath: certificatePath))
        return (keyPath, certificatePath)
    }

    /// Runs `passport issue` into `out`.
    func issue(key: (String, String), out: String, extra: [String] = []) throws -> CommandResult {
        try runVaxlink(
            [
                "passport", "issue", "--store", store, "--ledger", ledger, "--shots", shots, "--key", key.0,
                "--cert", key.1, "--out", out, "--quiet",
            ] + extra)
    }

    /// The rows of a CSV file without its header, split at commas (the passport files quote nothing).
    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private static func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}
