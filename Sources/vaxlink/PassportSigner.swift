import VaxCore
import VaxCrypto
import VaxLedger
import VaxPassport

/// One certificate to make: the register's values, read on the driving thread (the store's
/// cold columns are read by one thread); everything else happens on the signing threads.
struct PassportJob: Sendable {
    var citizenID: CitizenID
    var registeredName: String
    var registeredBirthDate: PartialDate?
    var dose: LatestDose
    var decisionSeqs: [Int]
}

/// Signs certificates in parallel through `mapChunks`; results come back in job order, so
/// the output is the same for any thread count (ECDSA signatures themselves are randomized).
struct PassportSigner: Sendable {
    let key: SigningKey
    let certificate: SignerCertificate
    let issuedAt: Int64
    let expiresAt: Int64
    let threads: Int
    /// Whether to draw each HC1 as a QR code PNG too (error correction level Q, as DCC apps expect).
    var makeImages = false
    /// The UVCI key and context (`UVCI.opaqueIdentifier`).
    let uvciSecret: SHA256Digest
    let uvciContext: SHA256Digest

    /// One signed passport.
    struct Signed: Sendable {
        var hc1: String
        var record: PassportRecord
        /// The QR code PNG, when asked for.
        var png: [UInt8]?
    }

    /// The HC1 texts, ledger records and images of `jobs`, in order.
    /// - Throws: the first signing failure (`.environment` from libcrypto).
    func sign(_ jobs: [PassportJob]) throws -> [Signed] {
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
