public import VaxCore
public import VaxCrypto
public import VaxLedger
public import VaxPassport

/// One certificate to make: the register's values, read on the driving thread (the store's
/// cold columns are read by one thread); everything else happens on the signing threads.
public struct PassportJob: Sendable {
    /// The citizen.
    public var citizenID: CitizenID
    /// The full name as registered.
    public var registeredName: String
    /// The birth date as registered, at its precision.
    public var registeredBirthDate: PartialDate?
    /// The latest dose, which the certificate states.
    public var dose: LatestDose
    /// The seqs of the link decisions the passport rests on.
    public var decisionSeqs: [Int]

    /// A job of the register's values and the dose.
    public init(citizenID: CitizenID, registeredName: String, registeredBirthDate: PartialDate?, dose: LatestDose,
                decisionSeqs: [Int]) {
        self.citizenID = citizenID
        self.registeredName = registeredName
        self.registeredBirthDate = registeredBirthDate
        self.dose = dose
        self.decisionSeqs = decisionSeqs
    }
}

/// Signs certificates in parallel through `mapChunks`; results come back in job order, so
/// the output is the same for any thread count (ECDSA signatures themselves are randomized).
public struct PassportSigner: Sendable {
    /// The passport signing key.
    public let key: SigningKey
    /// Its signer certificate, whose kid each passport names.
    public let certificate: SignerCertificate
    /// The iat and exp claims, Unix seconds.
    public let issuedAt: Int64, expiresAt: Int64
    /// Signing threads.
    public let threads: Int
    /// Whether to draw each HC1 as a QR code PNG too (error correction level Q, as DCC apps expect).
    public var makeImages = false
    /// The UVCI key and context (`UVCI.opaqueIdentifier`).
    public let uvciSecret: SHA256Digest, uvciContext: SHA256Digest

    /// A signer; see the properties.
    public init(key: SigningKey, certificate: SignerCertificate, issuedAt: Int64, expiresAt: Int64, threads: Int,
                makeImages: Bool = false, uvciSecret: SHA256Digest, uvciContext: SHA256Digest) {
        self.key = key
        self.certificate = certificate
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.threads = threads
        self.makeImages = makeImages
        self.uvciSecret = uvciSecret
        self.uvciContext = uvciContext
    }

    /// One signed passport.
    public struct Signed: Sendable {
        /// The HC1 text.
        public var hc1: String
        /// The ledger's passport entry.
        public var record: PassportRecord
        /// The QR code PNG, when asked for.
        public var png: [UInt8]?
    }

    /// The HC1 texts, ledger records and images of `jobs`, in order.
    /// - Throws: the first signing failure (`.environment` from libcrypto).
    /// - Complexity: O(jobs), on `threads` threads.
    public func sign(_ jobs: [PassportJob]) throws -> [Signed] {
        let chunks = makeChunks(count: jobs.count, parts: threads * 4)
        let results = mapChunks(chunks, threads: threads) { range -> Result<[Signed], VaxError> in
            var out: [Signed] = []
            out.reserveCapacity(range.count)
            do {
                for job in jobs[range] {
                    let uvci = UVCI.make(
                        country: VaccinationCertificate.country,
                        identifier: UVCI.opaqueIdentifier(
                            secret: uvciSecret, context: uvciContext,
                            citizenID: job.citizenID))
                    // spec: name and birth date from the register, never from the shot.
                    let content = VaccinationCertificate(
                        registeredName: job.registeredName, registeredBirthDate: job.registeredBirthDate,
                        dose: job.dose,
                        uvci: uvci)
                    let issued = try HC1.issue(
                        dcc: content.dcc, issuerCountry: VaccinationCertificate.country, issuedAt: issuedAt,
                        expiresAt: expiresAt, key: key, certificate: certificate)
                    let record = PassportRecord(
                        uvci: uvci, citizenID: job.citizenID,
                        payloadSHA256: SHA256Digest(issued.payloadSHA256), decisionSeqs: job.decisionSeqs)
                    let png = makeImages ? try QRCode.encode(issued.text, level: .quartile).pngImage() : nil
                    out.append(Signed(hc1: issued.text, record: record, png: png))
                }
            } catch let error as VaxError {
                return .failure(error)
            } catch {
                return .failure(VaxError(.environment, "signing failed: \(error)"))
            }
            return .success(out)
        }
        var all: [Signed] = []
        all.reserveCapacity(jobs.count)
        for result in results { all += try result.get() }
        return all
    }
}
