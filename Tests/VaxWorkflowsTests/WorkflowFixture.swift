import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport
import VaxWorkflows

/// Small runs made by calling the workflows directly, as the commands do.
enum Workflow {
    /// Generates `citizens` and `shots` with `seed` into `dir`, quietly.
    static func generate(_ dir: String, citizens: Int, shots: Int, seed: UInt64) throws {
        _ = try GenerateData.run(citizens: citizens, shots: shots, seed: seed, out: dir, threads: 2, quiet: true)
    }

    /// Builds a store from `population` into `store`; fails the test if the build did not happen.
    @discardableResult
    static func buildStore(_ population: String, _ store: String) throws -> WorkflowReport {
        let report = try StoreBuild.run(population: population, out: store, shards: 2, threads: 2, quiet: true)
        try #require(!report.foundProblem, "\(report.diagnostics)")
        return report
    }

    /// The kind of the `VaxError` that `body` throws; nil if it returns or throws another error.
    static func errorKind<T>(_ body: () throws -> T) -> VaxError.Kind? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? VaxError)?.kind
        }
    }

    /// The bytes of a file.
    static func file(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The rows of a CSV file without its header, split at commas (the passport files quote nothing).
    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// A small finished run for the passport tests: 3000 generated citizens and 2400 shots, plus
/// hand-made rows whose outcome is known:
///   - twins 001090000001 / 001090000002 (same name, birth date, sex, province): a shot
///     without an ID for them goes to review, so 001090000001 (best candidate) is skipped;
///   - 002185000003 Lý Thị Hoa, 1985-03-03: dose 1 exact, dose 2 (the latest) recorded as
///     "Ly Thi Hoa", 1985-03-04 and corrected: her passport must carry the register's values;
///   - 004070000004 Khổng Văn Xuyến, 1970-06-15: one shot without an ID, birth date typed as
///     the 01/01 placeholder: a link by name alone, too weak for a passport (weak_evidence);
///   - 006321000005 Đinh Thị Mận, born 2021-06-01: one shot with her ID dated 2021-03-01, before
///     her birth (dose_before_birth).
struct PassportRun {
    let dir: String
    var store: String { dir + "/store" }
    var ledger: String { dir + "/run.ledger" }
    var shots: String { dir + "/d/shots.csv" }

    static let twin = "001090000001"
    static let hoa = "002185000003"

    init(dir: String) throws {
        self.dir = dir
        try Workflow.generate(dir + "/d", citizens: 3000, shots: 2400, seed: 3)
        try Self.append(
            dir + "/d/population.csv",
            """
            001090000001,,Trương Văn Tư,1990-05-05,M,01
            001090000002,,Trương Văn Tư,1990-05-05,M,01
            002185000003,,Lý Thị Hoa,1985-03-03,F,02
            004070000004,,Khổng Văn Xuyến,1970-06-15,M,04
            006321000005,,Đinh Thị Mận,2021-06-01,F,06

            """)
        try Self.append(
            dir + "/d/shots.csv",
            """
            SX1,,Trương Văn Tư,1990-05-05,M,,01,01-0001,Moderna,1,2021-09-01
            SX2,002185000003,Lý Thị Hoa,1985-03-03,F,,02,02-0001,Pfizer-BioNTech,1,2021-08-01
            SX3,002185000003,Ly Thi Hoa,1985-03-04,F,,02,02-0001,Pfizer-BioNTech,2,2021-09-01
            SX4,001090000001,Trương Văn Tư,1990-05-05,M,,01,01-0001,Moderna,2,2021-10-01
            SX5,,Khổng Văn Xuyến,1970-01-01,M,,04,04-0001,Moderna,1,2021-09-01
            SX6,006321000005,Đinh Thị Mận,2021-06-01,F,,06,06-0001,Moderna,1,2021-03-01

            """)
        try Workflow.buildStore(dir + "/d/population.csv", store)
        _ = try MatchSession(storePath: store, shotsPath: shots, ledgerPath: ledger, out: dir + "/m", threads: 2,
                             quiet: true).run()
    }

    /// Writes a passport key and self-signed signer certificate; returns (key path, cert path).
    func makeKey(_ algorithm: SignatureAlgorithm, name: String) throws -> (String, String) {
        let keyPath = dir + "/" + name + ".key"
        let certificatePath = dir + "/" + name + ".crt"
        _ = try PassportKeys.writeSigner(algorithm, commonName: "test DSC", country: "VN", validDays: 30,
                                         keyPath: keyPath, certificatePath: certificatePath)
        return (keyPath, certificatePath)
    }

    /// A `passport issue` session on `ledger` (default: the run's) into `out`.
    func session(key: (String, String), out: String, ledger: String? = nil, shots: String? = nil,
                 threads: Int = 2) -> PassportIssueSession {
        PassportIssueSession(storePath: store, ledgerPath: ledger ?? self.ledger, shotsPath: shots ?? self.shots,
                             keyPath: key.0, certificatePath: key.1, out: out, threads: threads, quiet: true)
    }

    /// Copies the run's finished ledger and its key to `path`, so that each scenario starts
    /// from the same ledger.
    func copyLedger(to path: String) throws {
        try FileManager.default.copyItem(atPath: ledger, toPath: path)
        try FileManager.default.copyItem(atPath: ledger + ".key", toPath: path + ".key")
    }

    private static func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}
