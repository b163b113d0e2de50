import Foundation
import VaxCore
public import VaxCrypto
import VaxInterchange
import VaxLedger
public import VaxPassport
import VaxStorage

/// `passport issue` wired together: verify the ledger, check it was made from these shots and
/// this store, find the eligible citizens, sign, write the CSVs and record every passport.
public struct PassportIssueSession {
    /// The population store the run matched against.
    public var storePath: String
    /// The run's audit ledger.
    public var ledgerPath: String
    /// The run's shots.csv.
    public var shotsPath: String
    /// The passport signing key: a PEM file (PS256 or ES256), or a PKCS#11 URI
    /// ("pkcs11:token=...;object=...", `SigningKey.isPKCS11URI`) used through `pkcs11`.
    public var keyPath: String
    /// The pkcs11 engine, module and PIN for a PKCS#11 key.
    public var pkcs11 = PKCS11Setup(environment: ProcessInfo.processInfo.environment)
    /// Its signer certificate, PEM or DER.
    public var certificatePath: String
    /// The output folder.
    public var out: String
    /// The ledger's Ed25519 key; nil is LEDGER.key.
    public var ledgerKeyPath: String?
    /// Certificate lifetime in days (never beyond the signer certificate's).
    public var validDays = 365
    /// Signing threads; the output does not depend on it.
    public var threads = processorCount
    /// Also write OUT/qr/*.png.
    public var writeQR = false
    /// No progress on standard error.
    public var quiet = false
    /// Certificates signed per ledger batch.
    public var batchSize = 16_384
    /// Called with the batch number (1, 2, ...) right before each passport batch's ledger
    /// commit, after that batch's rows are on disk: the worst instant for a crash. The CLI's
    /// test hook kills the process there; tests throw to interrupt the issue.
    public var beforeLedgerCommit: ((Int) throws -> Void)?
    /// Issue at most this many in this run (a wave); the other eligible citizens are left
    /// for a later run, which skips those issued now as already_issued.
    public var limit = Int.max
    /// Renewal: citizens this ledger already issued a passport to get a new one (new UVCI,
    /// this key and certificate, a new validity period) that supersedes the earlier ones (the
    /// latest passport entry of a citizen is the current one; docs/ledger-format.md).
    public var renew = false

    /// An issue with every input named; the options keep their defaults.
    public init(storePath: String, ledgerPath: String, shotsPath: String, keyPath: String, certificatePath: String,
                out: String, threads: Int = processorCount, quiet: Bool = false) {
        self.storePath = storePath
        self.ledgerPath = ledgerPath
        self.shotsPath = shotsPath
        self.keyPath = keyPath
        self.certificatePath = certificatePath
        self.out = out
        self.threads = threads
        self.quiet = quiet
    }

    /// What an issue did.
    public struct Result {
        /// Passports in passports.csv (kept from an interrupted run and signed now).
        public var issued = 0
        /// Citizens skipped, by reason (listed in skipped.csv).
        public var skipped: [SkipReason: Int] = [:]
        /// The signing algorithm.
        public var algorithm = SignatureAlgorithm.es256
        /// Seconds spent signing.
        public var signSeconds = 0.0
        /// Wall-clock seconds of the whole issue.
        public var seconds = 0.0
        /// Eligible citizens left for a later run by `limit`.
        public var deferred = 0
        /// Rows of an interrupted run into the same DIR kept (counted in `issued` too).
        public var recovered = 0
        /// Rows of an interrupted run dropped because their batch never committed.
        public var dropped = 0
        /// Passports the ledger records for this DIR whose rows are gone (listed in lost.csv).
        public var lost = 0
        /// The ledger's entries after the issue.
        public var ledgerEntries = 0
        /// The checkpoint written after the passports.
        public var checkpointPath = ""

        /// Certificates signed in this run per second of signing.
        public var rate: Double { Double(issued - recovered) / max(signSeconds, 1e-9) }
        /// Citizens skipped for any reason.
        public var skippedTotal: Int { skipped.values.reduce(0, +) }
    }

    /// Verifies the ledger, checks it was made from these shots and this store, resumes an
    /// interrupted issue into OUT, signs and records every eligible citizen's passport, and
    /// writes passports.csv (last), skipped.csv, checkpoint and, if asked, qr/.
    /// - Throws: `VaxError`: `.problem` if the ledger does not verify or lacks decisions;
    ///   `.usage` for a finished OUT, a key that is not the certificate's, an expired
    ///   certificate, or OUT holding another ledger's or signer's unfinished issue;
    ///   `.badInput` for shots or store the run did not use; I/O faults.
    /// - Complexity: O(shots + citizens), signing on `threads` threads.
    public func run() throws -> Result {
        let started = monotonicSeconds()
        try requireExistingLedger(ledgerPath)
        // spec: issue 12 finding 4: one writer per ledger, from before the ledger is read (two
        // issues at once would each find the same citizens not yet issued) to the end.
        let lock = try LedgerLock.acquire(ledgerPath: ledgerPath, command: "vaxlink passport issue")
        defer { withExtendedLifetime(lock) {} }
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
        let key = SigningKey.isPKCS11URI(keyPath)
            ? try SigningKey(pkcs11URI: keyPath, setup: pkcs11) : try SigningKey(contentsOf: keyPath)
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
        let ledgerKey = try Ed25519PrivateKey(contentsOf: ledgerKeyPath ?? ledgerPath + ".key")

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
        let store = try PopulationStore.open(storePath, threads: threads)
        // spec: issue 12 finding 3: the rows must hash to what the ledger binds, not only the manifest.
        try store.verifyAll(threads: threads)
        guard store.contentHash == header.storeContentHash else {
            throw VaxError(.badInput, "this store is not the one the ledger's run matched against", file: storePath)
        }
        // Issued before in this ledger: skipped, never issued twice; when renewing, only those
        // issued by this renewal (an interrupted one resuming) are not issued again.
        let resumeFrom = fileExists(paths.start) ? try PassportResumePoint.read(from: paths.start).startSeq : nil
        let issuedBefore = renew
            ? try reader.issuedCitizenIDs(fromSeq: resumeFrom ?? Int.max) : try reader.issuedCitizenIDs()
        // The shots are checked against the ledger in the pass that reads them.
        let index = try PassportEligibilityScan.scan(
            shotsPath: shotsPath, shotsSHA256: try reader.inputDigest(named: "shots.csv"), ledger: reader, quiet: quiet)

        let ledger = try LedgerWriter.reopen(path: ledgerPath, signingKey: ledgerKey, lock: lock)
        // A passport does not outlive the certificate that verifies it (the plan caps exp).
        // UVCIs are keyed by the signing key, so that they reveal nothing, and by this ledger;
        // a renewal's also by where it started in the ledger, so that every renewal's are new
        // (a UVCI is what a revocation list names) and a resumed renewal's the same.
        var uvciContext = SHA256.hash(ledger.head.checkpoint.origin)
        if renew {
            uvciContext = SHA256.hash(
                ledger.head.checkpoint.origin + "\nrenewal from " + String(resumeFrom ?? ledger.head.treeSize))
        }
        let signer = PassportSigner(
            key: key, certificate: certificate, issuedAt: plan.issuedAt, expiresAt: plan.expiresAt, threads: threads,
            makeImages: writeQR, uvciSecret: try Self.uvciSecret(key: key, ledgerKey: ledgerKey, kid: certificate.kid),
            uvciContext: uvciContext)

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
            try beforeLedgerCommit?(batches)
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

        // spec: VaccinationSeries: no dose before the registered birth or after the issue day.
        let issueDay = CivilDate(dayNumber: Int(plan.issuedAt.quotientAndRemainder(dividingBy: 86_400).quotient))
        let birthDate = { (citizen: CitizenID) -> PartialDate? in store.row(of: citizen).map { store.birthDate($0) } }
        try index.forEachCitizen(
            issueDay: PartialDate(year: issueDay.year, month: issueDay.month, day: issueDay.day),
            birthDate: birthDate
        ) { citizen, verdict in
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

    /// The secret UVCIs are keyed with: SHA-256 of the private key's PEM; for a key in a
    /// hardware module, which cannot be read, SHA-256 of the ledger key's (deterministic,
    /// Ed25519) signature over the signer certificate's kid. Either way only the holder of a
    /// private key can compute a citizen's UVCI.
    static func uvciSecret(key: SigningKey, ledgerKey: Ed25519PrivateKey, kid: [UInt8]) throws -> SHA256Digest {
        guard key.isHardwareKey else { return SHA256.hash(try key.privateKeyPEM()) }
        return SHA256.hash(ledgerKey.signature(for: Array("vaxlink UVCI secret for kid ".utf8) + kid))
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
