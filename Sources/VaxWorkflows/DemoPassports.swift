import Foundation
import VaxCore
import VaxCrypto
import VaxLedger

/// The demo's last step: passports for the demo run, with a throwaway key unless one is given.
struct DemoPassports {
    var out: String
    var threads: Int
    var quiet: Bool
    var keyPath: String?
    var certificatePath: String?
    /// The most passports to issue (the first eligible citizens by ID).
    var limit: Int

    /// Issues into DIR/passports and returns the lines to print.
    func issue() throws -> String {
        let ledgerPath = out + "/ledger.sqlite"
        let already = try LedgerReader(path: ledgerPath).issuedCitizenIDs().count
        // An interrupted issue into DIR/passports resumes; a finished one is not repeated.
        let unfinished = fileExists(PassportIssuePaths(out: out + "/passports").start)
        if already > 0 && !unfinished {
            return "  the ledger already records \(already) passports (see \(out)/passports/); none issued again"
        }
        let (key, certificate) = try keyAndCertificate()
        var session = PassportIssueSession(
            storePath: out + "/store", ledgerPath: ledgerPath, shotsPath: out + "/data/shots.csv", keyPath: key,
            certificatePath: certificate, out: out + "/passports", threads: threads, quiet: quiet)
        session.limit = limit
        let result = try session.run()
        var text = result.text(out: out + "/passports", threads: threads)
        // spec: issue 14: the demo's passports checked against the answer key.
        let truth = out + "/data/truth.csv"
        if fileExists(truth) {
            let check = try PassportEvaluation.evaluate(
                passportsPath: out + "/passports/passports.csv", ledgerPath: ledgerPath, truthPath: truth)
            text += "\nagainst the answer key: " + check.text.replacingOccurrences(of: "\n", with: "; ")
        }
        return text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            + "\n  check them: vaxlink passport verify --file \(out)/passports/passports.csv --cert \(certificate)"
    }

    /// The given key and certificate, or the demo's own, made once.
    private func keyAndCertificate() throws -> (String, String) {
        if let keyPath, let certificatePath { return (keyPath, certificatePath) }
        let key = out + "/passport-demo.key"
        let certificate = out + "/passport-demo.crt"
        if FileManager.default.fileExists(atPath: key) && FileManager.default.fileExists(atPath: certificate) {
            return (key, certificate)
        }
        _ = try PassportKeys.writeSigner(
            .es256, commonName: "vaxlink demo DSC (not for real use)", country: "VN", validDays: 365,
            keyPath: key, certificatePath: certificate)
        return (key, certificate)
    }
}
