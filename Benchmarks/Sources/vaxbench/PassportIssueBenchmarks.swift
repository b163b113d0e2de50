// The `passport-issue` suite: what `passport issue` spends per certificate, on 1 and 2 threads.
//   passport-issue.build     the certificate content and its CBOR, no signing
//   passport-issue.raw-sign  the signature alone over a 300-byte message (the floor)
//   passport-issue.issue     what `passport issue` does per certificate, through its own
//                            PassportSigner (VaxWorkflows): UVCI, content, DCC map, HC1.issue
//                            (CBOR, COSE_Sign1, zlib, Base45, signature), the ledger record
// for ES256 (P-256) and PS256 (RSA 2048). The 2-thread rows go through mapChunks like the
// command; on a 2-vCPU machine they often scale less than 2x (its two vCPUs often give about one core).
import VaxCore
import VaxCrypto
import VaxPassport
import VaxWorkflows

func passportIssueBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let count = context.quick ? 500 : 5_000
    let runs = context.quick ? 3 : 5
    let names = ["Nguyễn Bảo Duy", "Trần Thị Thu Hương", "Lê Văn Đức", "Phạm Ngọc Ánh", "Đặng Thuỳ Dương"]
    let secret = SHA256.hash("bench secret")
    let context0 = SHA256.hash("bench ledger")
    let certificates: [VaccinationCertificate] = (0..<count).map { i in
        let citizen = CitizenID(rawValue: 1_090_000_000 + UInt64(i))
        let dose = LatestDose(
            date: PartialDate(year: 2021, month: 1 + i % 12, day: 1 + i % 28)!, doseNumber: 1 + i % 3,
            product: VaccineProduct.all[i % VaccineProduct.all.count])
        return VaccinationCertificate(
            registeredName: names[i % names.count], registeredBirthDate: PartialDate(year: 1950 + i % 60),
            dose: dose,
            uvci: UVCI.make(
                country: "VN",
                identifier: UVCI.opaqueIdentifier(
                    secret: secret, context: context0,
                    citizenID: citizen)))
    }
    var results: [BenchResult] = []
    // This branch's own share: name split and ICAO form, UVCI (a SHA-256), the DCC map and
    // its CBOR encoding, without signing.
    let build = measure(runs: runs) {
        var bytes = 0
        for i in 0..<count {
            let citizen = CitizenID(rawValue: 1_090_000_000 + UInt64(i))
            let uvci = UVCI.make(
                country: "VN", identifier: UVCI.opaqueIdentifier(secret: secret, context: context0, citizenID: citizen))
            let content = VaccinationCertificate(
                registeredName: names[i % names.count], registeredBirthDate: PartialDate(year: 1950 + i % 60),
                dose: certificates[i].dose, uvci: uvci)
            bytes &+= content.dcc.encoded().count
        }
        blackHole(bytes)
        return count
    }
    results.append(
        BenchResult(
            name: "passport-issue.build (no signing)", records: build.records, bytes: nil,
            medianSeconds: build.median, p90Seconds: build.p90, threads: 1,
            peakMemoryBytes: peakMemoryBytes()))
    for algorithm in [SignatureAlgorithm.es256, .ps256] {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "bench DSC", country: "VN", validDays: 30)
        // PS256 is ~30x slower: fewer certificates keep the suite short.
        let n = algorithm == .es256 ? count : count / 5
        let message = [UInt8](repeating: 0x5A, count: 300)
        let raw = try measure(runs: runs) {
            var bytes = 0
            for _ in 0..<n { bytes &+= try key.sign(message).count }
            blackHole(bytes)
            return n
        }
        results.append(
            BenchResult(
                name: "passport-issue.raw-sign \(algorithm.rawValue)", records: raw.records, bytes: nil,
                medianSeconds: raw.median,
                p90Seconds: raw.p90, threads: 1, peakMemoryBytes: peakMemoryBytes()))
        // The jobs as the command hands them to its signer: register values and the latest dose.
        let jobs = (0..<n).map { i in
            PassportJob(
                citizenID: CitizenID(rawValue: 1_090_000_000 + UInt64(i)), registeredName: names[i % names.count],
                registeredBirthDate: PartialDate(year: 1950 + i % 60), dose: certificates[i].dose, decisionSeqs: [i])
        }
        for threads in [1, 2] {
            let signer = PassportSigner(
                key: key, certificate: certificate, issuedAt: certificate.notBefore + 60,
                expiresAt: certificate.notBefore + 86_400, threads: threads, uvciSecret: secret, uvciContext: context0)
            let timing = try measure(runs: runs) {
                let signed = try signer.sign(jobs)
                blackHole(signed.reduce(0) { $0 &+ $1.hc1.utf8.count })
                return n
            }
            results.append(
                BenchResult(
                    name: "passport-issue.issue \(algorithm.rawValue)", records: timing.records, bytes: nil,
                    medianSeconds: timing.median, p90Seconds: timing.p90, threads: threads,
                    peakMemoryBytes: peakMemoryBytes()))
        }
    }
    return results
}
