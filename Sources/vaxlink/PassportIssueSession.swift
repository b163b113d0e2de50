import Foundation
import VaxCore
import VaxCrypto
import VaxInterchange
import VaxLedger
import VaxPassport
import VaxStorage

/// `passport issue` wired together: verify the ledger, check it was made from these shots and
/// this store, find the eligible citizens, sign, write the CSVs and record every passport.
struct PassportIssueSession {
    var storePath, ledgerPath, shotsPath, keyPath, certificatePath, out: String
    var ledgerKeyPath: String?
    var validDays = 365
    var threads = processorCount
    var writeQR = false
    var quiet = false
    /// Certificates signed per ledger batch.
    var batchSize = 16_384
    /// Test hook (environment VAXLINK_TEST_KILL_BEFORE_PASSPORT_BATCH=N, read by the command):
    /// the process kills itself with SIGKILL right before the ledger commit of its N-th passport
    /// batch, after that batch's rows are on disk, as a crash at the worst instant would.
    var killBeforeBatch: Int?
    /// Issue at most this many in this run (a wave); the other eligible citizens are left
    /// for a later run, which skips those issued now as already_issued.
    var limit = Int.max

    struct Result {
        var issued = 0
        var skipped: [SkipReason: Int] = [:]
        var algorithm = SignatureAlgorithm.es256
        var signSeconds = 0.0
        var seconds = 0.0
        /// Eligible citizens left for a later run by `limit`.
        var deferred = 0
        /// Rows of an interrupted run into the same DIR kept (counted in `issued` too).
        var recovered = 0
        /// Rows of an interrupted run dropped because their batch never committed.
        var dropped = 0
        /// Passports the ledger records for this DIR whose rows are gone (listed in lost.csv).
        var lost = 0
        var ledgerEntries = 0
        var checkpointPath = ""

        /// Certificates signed in this run per second of signing.
        var rate: Double { Double(issued - recovered) / max(signSeconds, 1e-9) }
        var skippedTotal: Int { skipped.values.reduce(0, +) }
    }

    func run() throws -> Result {
        let started = monotonicSeconds()
        try requireExistingLedger(ledgerPath)
        let paths = PassportIssuePaths(out: out)
        // Issued certificates cannot be issued again (already_issued): never overwrite them.
        guard !fileExists(paths.finished) else {
            throw VaxError(.usage, "\(out)/passports.csv exists: passports are never overwritten; choose another --out")
        }
        // An unfinished issue left its resume point first: without it a partial file cannot be
        // tied to the ledger.
        guard fileExists(paths.start) || !fileExists(paths.partial) else {
            throw VaxError(
                .badInput, "passports.csv.partial without passports.csv.start: cannot resume this issue",
                file: paths.partial)
        }
        let key = try SigningKey(pem: Array(try readTextFile(keyPath, what: "passport signing key").utf8))
        guard let certificateBytes = FileManager.default.contents(atPath: certificatePath) else {
            throw VaxError(.badInput, "cannot read the signer certificate", file: certificatePath)
        }
        let certificate = try SignerCertificate(pemOrDER: Array(certificateBytes))
        try Self.checkPair(key: key, certificate: certificate, path: certificatePath)
        // spec: SignerRules, the rules verify applies too; refused before anything is read.
        let now = Int64(Date().timeIntervalSince1970)
        let plan = try SignerRules.planIssue(
            certificate: certificate, algorithm: key.algorithm, country: VaccinationCertificate.country,
            types: [.vaccination], now: now, validDays: validDays)
        if !quiet { for warning in plan.warnings { writeStderr("vaxlink: warning: \(warning)\n") } }
        let ledgerKey = try Ed25519PrivateKey(
            pem: readTextFile(ledgerKeyPath ?? ledgerPath + ".key", what: "ledger signing key"))

        // spec: an unverified ledger is refused before anything is issued.
        let verifyStage = ProgressReporter(stage: "passport: verify ledger", unit: "entries", quiet: quiet)
        let report = try LedgerVerifier.verify(path: ledgerPath, threads: threads)
        verifyStage.advance(by: report.treeSize)
        verifyStage.finish()
        if let failure = report.failure {
            throw VaxError(.problem, "the ledger does not verify (\(failure)); no passport issued", file: ledgerPath)
        }
        let reader = try LedgerReader(path: ledgerPath)
        let header = try reader.header()
        guard try reader.inputDigest(named: "shots.csv") == (try sha256(ofFile: shotsPath)) else {
            throw VaxError(.badInput, "these shots are not the ones the ledger's run decided", file: shotsPath)
        }
        let store = try PopulationStore.open(storePath)
        guard store.contentHash == header.storeContentHash else {
            throw VaxError(.badInput, "this store is not the one the ledger's run matched against", file: storePath)
        }
        // Issued before in this ledger: skipped, never issued twice.
        let issuedBefore = try reader.issuedCitizenIDs()
        let index = try PassportEligibilityScan.scan(shotsPath: shotsPath, ledger: reader, quiet: quiet)

        let ledger = try LedgerWriter.reopen(path: ledgerPath, signingKey: ledgerKey)
        // A passport does not outlive the certificate that verifies it (the plan caps exp).
        // UVCIs are keyed by the signing key, so that they reveal nothing, and by this ledger.
        let signer = PassportSigner(
            key: key, certificate: certificate, issuedAt: plan.issuedAt, expiresAt: plan.expiresAt, threads: threads,
            makeImages: writeQR, uvciSecret: SHA256.hash(try key.privateKeyPEM()),
            uvciContext: SHA256.hash(ledger.head.checkpoint.origin))

        try makeDirectory(out)
        let images = writeQR ? try PassportImages(directory: out + "/qr") : nil
        var result = Result(algorithm: key.algorithm)
        // Resume an interrupted issue into this DIR, or start one: rows go to
        // passports.csv.partial ahead of their ledger batch (PassportJournal).
        let origin = ledger.head.checkpoint.origin
        let journal: PassportJournal
        var recovery = PassportRecovery()
        if fileExists(paths.start) {
            let point = try PassportResumePoint.read(from: paths.start)
            guard point.origin == origin else {
                throw VaxError(
                    .usage, "\(out) holds an unfinished issue from another ledger; choose another --out",
                    file: paths.start)
            }
            guard point.kid == certificate.kid else {
                throw VaxError(
                    .usage,
                    "\(out) holds an unfinished issue signed with another certificate; resume it with the same "
                        + "--key and --cert", file: paths.start)
            }
            (journal, recovery) = try PassportRecovery.recover(
                paths: paths, point: point, ledger: reader, images: images, threads: threads)
            result.issued = recovery.kept.count
            result.recovered = recovery.kept.count
            result.dropped = recovery.dropped
            result.lost = recovery.lost.count
        } else {
            journal = try PassportJournal.start(
                paths: paths,
                point: PassportResumePoint(origin: origin, kid: certificate.kid, startSeq: ledger.head.treeSize))
        }
        let skippedFile = try CSVWriter(path: out + "/skipped.csv", header: ["citizen_id", "reason"])
        var batches = 0
        var jobs: [PassportJob] = []
        jobs.reserveCapacity(batchSize)
        let progress = ProgressReporter(stage: "passport: sign", unit: "certificates", quiet: quiet)

        func flush() throws {
            guard !jobs.isEmpty else { return }
            let signStart = monotonicSeconds()
            let signed = try signer.sign(jobs)
            result.signSeconds += monotonicSeconds() - signStart
            // Write-ahead: the rows are on disk before the ledger records their passports.
            try journal.append(signed)
            if let images {
                for passport in signed {
                    if let png = passport.png { try images.write(png: png, uvci: passport.record.uvci) }
                }
            }
            batches += 1
            if batches == killBeforeBatch { kill(getpid(), SIGKILL) }
            try ledger.appendPassports(signed.map(\.record))
            result.issued += signed.count
            progress.advance(by: signed.count)
            jobs.removeAll(keepingCapacity: true)
        }
        func skip(_ citizen: CitizenID, _ reason: SkipReason) throws {
            skippedFile.field(citizen.description)
            skippedFile.field(reason.rawValue + ": " + reason.sentence)
            try skippedFile.endRow()
            result.skipped[reason, default: 0] += 1
        }

        try index.forEachCitizen { citizen, verdict in
            switch verdict {
            case .skip(let reason):
                // An unmatched shot may record an ID that is nobody's: nobody to tell.
                if store.row(of: citizen) != nil { try skip(citizen, reason) }
            case .issue(let dose, let seqs):
                // Issued into this DIR before an interruption: its row is kept.
                if Self.contains(recovery.kept, citizen.rawValue) { return }
                if Self.contains(issuedBefore, citizen.rawValue) {
                    // Issued into this DIR, row gone: in lost.csv, not passed off as an earlier wave.
                    if !Self.contains(recovery.lostCitizens, citizen.rawValue) { try skip(citizen, .alreadyIssued) }
                    return
                }
                guard result.issued + jobs.count < limit else {
                    result.deferred += 1
                    return
                }
                guard let row = store.row(of: citizen) else {
                    throw VaxError(.corruption, "a linked citizen is not in the store", file: storePath)
                }
                jobs.append(
                    PassportJob(
                        citizenID: citizen, registeredName: try store.fullName(row),
                        registeredBirthDate: store.birthDate(row), dose: dose, decisionSeqs: seqs))
                if jobs.count == batchSize { try flush() }
            }
        }
        try flush()
        progress.finish()
        // Every other file before passports.csv: its presence marks a finished DIR.
        try ledger.finish(checkpointOut: out + "/checkpoint")
        try skippedFile.commit()
        if !recovery.lost.isEmpty {
            let lostFile = try CSVWriter(path: paths.lost, header: ["citizen_id", "uvci"])
            for passport in recovery.lost { try lostFile.writeRow([passport.citizenID.description, passport.uvci]) }
            try lostFile.commit()
        }
        try journal.finish()
        result.ledgerEntries = ledger.head.treeSize
        result.checkpointPath = out + "/checkpoint"
        result.seconds = monotonicSeconds() - started
        return result
    }

    /// Fails unless `key` signs what `certificate` verifies.
    static func checkPair(key: SigningKey, certificate: SignerCertificate, path: String) throws {
        let probe = Array("vaxlink passport key check".utf8)
        guard certificate.algorithm == key.algorithm,
            certificate.verify(signature: try key.sign(probe), message: probe, algorithm: key.algorithm)
        else {
            throw VaxError(.usage, "the signing key does not belong to this signer certificate", file: path)
        }
    }

    /// Binary search in an ascending array.
    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value
    }
}
