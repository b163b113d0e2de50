import VaxCore

/// The files of one `passport issue` output directory.
struct PassportIssuePaths {
    let out: String
    /// The finished output; its presence means the directory is done.
    var finished: String { out + "/passports.csv" }
    /// The write-ahead file of an unfinished issue (same columns as passports.csv).
    var partial: String { out + "/passports.csv.partial" }
    /// The resume point of an unfinished issue (`PassportResumePoint`).
    var start: String { out + "/passports.csv.start" }
    /// Passports the ledger records for this directory but whose rows are gone.
    var lost: String { out + "/lost.csv" }
}

/// DIR/passports.csv.partial, the write-ahead file of `passport issue`: the rows of each batch
/// (citizen_id, uvci, hc1, the columns of passports.csv) are appended and fsynced before the
/// batch's ledger transaction commits. So every passport the ledger records for this
/// directory has its row on disk, whatever instant the process dies at; rows of a batch
/// that never committed may follow, and a resume drops them (`PassportRecovery`). `finish()`
/// renames the file to passports.csv: a passports.csv is always complete.
///
/// One owner; not thread-safe.
final class PassportJournal {
    static let header = "citizen_id,uvci,hc1\n"

    let paths: PassportIssuePaths
    private let file: AppendFile
    private var row: [UInt8] = []

    /// Takes over `file`, which holds the header and any rows kept so far, synced.
    init(paths: PassportIssuePaths, file: AppendFile) {
        self.paths = paths
        self.file = file
        row.reserveCapacity(1024)
    }

    /// Starts the in-progress files of a fresh issue: the resume point, then an empty
    /// partial file with its header, both durable before any batch is recorded.
    static func start(paths: PassportIssuePaths, point: PassportResumePoint) throws -> PassportJournal {
        try point.write(to: paths.start)
        let file = try AppendFile(path: paths.partial, truncating: true)
        try file.write(header)
        try file.sync()
        return PassportJournal(paths: paths, file: file)
    }

    /// Appends the rows of one batch and waits until they are on disk: call it before the
    /// batch's ledger commit.
    func append(_ signed: [PassportSigner.Signed]) throws {
        for passport in signed {
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: passport.record.citizenID.description.utf8)  // 12 digits, zero-padded
            for field in [passport.record.uvci, passport.hc1] {
                row.append(UInt8(ascii: ","))
                // The signer makes both: a UVCI is A-Z 0-9 / : #, an HC1 text Base45 after
                // "HC1:", so no field ever needs CSV quoting.
                precondition(
                    !field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D },
                    "a passport field that needs CSV quoting")
                row.append(contentsOf: field.utf8)
            }
            row.append(0x0A)
            try file.write(row)
        }
        try file.sync()
    }

    /// Renames the file to passports.csv (atomically, directory synced) and removes the resume
    /// point: the directory is finished.
    func finish() throws {
        try file.rename(to: paths.finished)
        try file.close()
        Sys.unlink(paths.start)
        Sys.syncDirectory(of: paths.start)
    }
}
