import VaxCore
import VaxCrypto
import VaxLedger
import VaxPassport

/// One certificate to sign: built on the driving thread from the register, signed on any.
struct PassportJob: Sendable {
    var citizenID: CitizenID
    var certificate: VaccinationCertificate
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

    /// The HC1 texts and ledger records of `jobs`, in order.
    /// - Throws: the first signing failure (`.environment` from libcrypto).
    func sign(_ jobs: [PassportJob]) throws -> [(hc1: String, record: PassportRecord)] {
        let chunks = makeChunks(count: jobs.count, parts: threads * 4)
        let results = mapChunks(chunks, threads: threads) { range -> Result<[(String, PassportRecord)], VaxError> in
            var out: [(String, PassportRecord)] = []
            out.reserveCapacity(range.count)
            do {
                for job in jobs[range] {
                    let issued = try HC1.issue(
                        dcc: job.certificate.dcc, issuerCountry: VaccinationCertificate.country, issuedAt: issuedAt,
                        expiresAt: expiresAt, key: key, certificate: certificate)
                    out.append(
                        (issued.text,
                         PassportRecord(
                            uvci: job.certificate.uvci, citizenID: job.citizenID,
                            payloadSHA256: SHA256Digest(issued.payloadSHA256), decisionSeqs: job.decisionSeqs)))
                }
            } catch let error as VaxError {
                return .failure(error)
            } catch {
                return .failure(VaxError(.environment, "signing failed: \(error)"))
            }
            return .success(out)
        }
        var all: [(hc1: String, record: PassportRecord)] = []
        all.reserveCapacity(jobs.count)
        for result in results {
            for (hc1, record) in try result.get() { all.append((hc1, record)) }
        }
        return all
    }
}
