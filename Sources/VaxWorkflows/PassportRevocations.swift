import Foundation
import VaxCore
public import VaxLedger
public import VaxPassport

/// `vaxlink passport revocations`: the passports to revoke, as an EU DCC revocation batch.
///
/// A passport is revoked when a decision it rests on is withdrawn (review or a complaint
/// found the shot is not the holder's), whether it is the citizen's current passport or one
/// a renewal superseded; with `includeSuperseded`, every superseded passport too (a renewal
/// after a key compromise).
public enum PassportRevocations {
    /// What an export found.
    public struct Result: Sendable, Equatable {
        /// The passports revoked, in ledger order.
        public var revoked: [PassportStanding] = []
        /// Withdrawn shot IDs that have no decision in the ledger.
        public var unknownShots = 0
        /// The batch written.
        public var batch: RevocationBatch
    }

    /// The withdrawn decisions named by `shotIDs` (one shot ID a line, `#` comments), as seqs.
    static func withdrawnSeqs(reader: LedgerReader, text: String) throws -> (Set<Int>, unknown: Int) {
        var seqs = Set<Int>()
        var unknown = 0
        for line in text.split(whereSeparator: \.isNewline) {
            let shot = line.trimmingCharacters(in: .whitespaces)
            if shot.isEmpty || shot.hasPrefix("#") { continue }
            if let seq = try reader.seq(ofShot: shot) { seqs.insert(seq) } else { unknown += 1 }
        }
        return (seqs, unknown)
    }

    /// Lists the passports of `ledgerPath` to revoke and builds their batch.
    /// - Parameters:
    ///   - withdrawnPath: a file of more withdrawn shot IDs, one a line; nil: only the links
    ///     the ledger records as withdrawn (`LedgerReader.withdrawnLinks`).
    ///   - expires: when the batch may be deleted (at least the last expiry of the passports).
    /// - Throws: `.badInput` for a missing ledger or file; `.corruption` for a damaged ledger.
    public static func make(ledgerPath: String, withdrawnPath: String?, includeSuperseded: Bool, expires: Int64)
        throws -> Result
    {
        try requireExistingLedger(ledgerPath)
        let reader = try LedgerReader(path: ledgerPath)
        // Links a person withdrew on a complaint are in the ledger; a file adds more.
        var withdrawn = try reader.withdrawnLinks()
        var unknown = 0
        if let withdrawnPath {
            let listed = try withdrawnSeqs(
                reader: reader, text: readTextFile(withdrawnPath, what: "the withdrawn shots"))
            withdrawn.formUnion(listed.0)
            unknown = listed.unknown
        }
        let revoked = try reader.passportStandings(withdrawn: withdrawn).filter {
            !$0.withdrawnDecisions.isEmpty || (includeSuperseded && $0.supersededBy != nil)
        }
        return Result(
            revoked: revoked, unknownShots: unknown,
            batch: RevocationBatch(
                country: VaccinationCertificate.country, expires: expires,
                uvcis: revoked.map(\.record.uvci)))
    }

    /// `vaxlink passport revocations`: writes the batch to `out` and says what it holds.
    public static func export(
        ledgerPath: String, withdrawnPath: String?, includeSuperseded: Bool, out: String, validDays: Int
    ) throws -> WorkflowReport {
        let expires = Int64(Date().timeIntervalSince1970) + Int64(validDays) * 86_400
        let result = try make(
            ledgerPath: ledgerPath, withdrawnPath: withdrawnPath,
            includeSuperseded: includeSuperseded, expires: expires)
        try OutputFile.write(Array((result.batch.json + "\n").utf8), to: out)
        let withdrawnCount = result.revoked.filter { !$0.withdrawnDecisions.isEmpty }.count
        var lines = [
            "revoked \(result.revoked.count) passports (\(withdrawnCount) resting on a withdrawn link, "
                + "\(result.revoked.count - withdrawnCount) superseded); wrote \(out) (hashType UCI)"
        ]
        if result.unknownShots > 0 {
            lines.append("warning: \(result.unknownShots) withdrawn shot IDs have no decision in the ledger")
        }
        return WorkflowReport(output: lines.joined(separator: "\n"))
    }
}
