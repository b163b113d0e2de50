import Foundation
import VaxCore
import VaxCrypto
import VaxPassport

// The passport suite: certificates issued and verified per second on one thread, for ES256
// and PS256, beside their baselines (the bare signature, and the encoding without signing),
// to show what dominates. Payloads are DCC 1.3.0 vaccination maps with distinct names and UVCIs.
func passportBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let count = context.quick ? 500 : 5_000
    let payloads = (0..<count).map { benchDCC($0) }
    var results: [BenchResult] = []
    for algorithm in [SignatureAlgorithm.es256, .ps256] {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "VN DSC bench", country: "VN", validDays: 30)
        // PS256 signs at about a thousandth of a second: fewer certificates keep the run short.
        let n = algorithm == .ps256 ? count / 5 : count
        var texts: [String] = []
        let issueCPU = threadCPUSeconds()
        let issue = try measure(runs: 3) { () -> Int in
            texts = try payloads.prefix(n).map {
                try HC1.issue(
                    dcc: $0, issuerCountry: "VN", issuedAt: 1_700_000_000, expiresAt: 1_731_536_000,
                    key: key, certificate: certificate
                ).text
            }
            return n
        }
        // The machine is shared: thread CPU time gives the one-core rate that wall time hides
        // when other processes hold the cores (4 issue passes: warm-up and 3 timed runs).
        let issueCPUSeconds = (threadCPUSeconds() - issueCPU) / 4
        let verifyCPU = threadCPUSeconds()
        let verifier = HC1Verifier(certificates: [certificate])
        for text in texts { blackHole(verifier.verify(text, at: 1_710_000_000)) }
        let verifyCPUSeconds = threadCPUSeconds() - verifyCPU
        print(
            "passport \(algorithm.rawValue): per thread-CPU second, issue \(formatRate(Double(n) / issueCPUSeconds))/s, "
                + "verify \(formatRate(Double(texts.count) / verifyCPUSeconds))/s")
        let message = [UInt8](repeating: 0xA5, count: 380)  // about one Sig_structure
        let sign = try measure(runs: 3) { () -> Int in
            for _ in 0..<n { blackHole(try key.sign(message)) }
            return n
        }
        var valid = 0
        let verify = measure(runs: 3) { () -> Int in
            valid = texts.reduce(0) { $0 + (verifier.verify($1, at: 1_710_000_000).isValid ? 1 : 0) }
            return texts.count
        }
        precondition(valid == texts.count, "bench: an issued certificate did not verify")
        let name = algorithm.rawValue
        results.append(
            BenchResult(
                name: "passport issue \(name)", records: n, bytes: nil,
                medianSeconds: issue.median, p90Seconds: issue.p90, threads: 1))
        results.append(
            BenchResult(
                name: "  baseline: bare \(name) sign", records: n, bytes: nil,
                medianSeconds: sign.median, p90Seconds: sign.p90, threads: 1))
        results.append(
            BenchResult(
                name: "passport verify \(name) (all stages)", records: texts.count, bytes: nil,
                medianSeconds: verify.median, p90Seconds: verify.p90, threads: 1))
    }
    // The envelope without any signature: CBOR claims, COSE structure, zlib 9, Base45.
    let encode = measure(runs: 3) { () -> Int in
        for dcc in payloads {
            let claims = HC1.claims(dcc: dcc, issuerCountry: "VN", issuedAt: 1_700_000_000, expiresAt: 1_731_536_000)
            let cose = CBOR.tagged(
                18,
                .array([
                    .bytes([0xA2, 0x01, 0x26]), .map([]), .bytes(claims),
                    .bytes([UInt8](repeating: 7, count: 64)),
                ])
            ).encoded()
            blackHole(Base45.encode(Zlib.compress(cose, level: 9)))
        }
        return payloads.count
    }
    results.append(
        BenchResult(
            name: "  baseline: envelope, no signature", records: count, bytes: nil,
            medianSeconds: encode.median, p90Seconds: encode.p90, threads: 1))
    return results
}

/// CPU time consumed by the calling thread, in seconds. C: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A vaccination payload like the issuer's: Vietnamese and ICAO names, a distinct UVCI.
private func benchDCC(_ index: Int) -> CBOR {
    let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ"]
    let given = ["Bảo Duy", "Thị Lan", "Văn An", "Minh Châu", "Quốc Huy", "Thu Trang"]
    let ascii = ["NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU"]
    let asciiGiven = ["BAO<DUY", "THI<LAN", "VAN<AN", "MINH<CHAU", "QUOC<HUY", "THU<TRANG"]
    let t = { (s: String) in CBOR.text(s) }
    return .map([
        CBORMapEntry(t("ver"), t("1.3.0")),
        CBORMapEntry(
            t("nam"),
            .map([
                CBORMapEntry(t("fn"), t(families[index % 8])), CBORMapEntry(t("fnt"), t(ascii[index % 8])),
                CBORMapEntry(t("gn"), t(given[index % 6])), CBORMapEntry(t("gnt"), t(asciiGiven[index % 6])),
            ])),
        CBORMapEntry(t("dob"), t("19\(50 + index % 50)-0\(1 + index % 9)-1\(index % 10)")),
        CBORMapEntry(
            t("v"),
            .array([
                .map([
                    CBORMapEntry(t("tg"), t("840539006")), CBORMapEntry(t("vp"), t("J07BX03")),
                    CBORMapEntry(t("mp"), t("EU/1/21/1529")), CBORMapEntry(t("ma"), t("ORG-100001699")),
                    CBORMapEntry(t("dn"), .unsigned(2)), CBORMapEntry(t("sd"), .unsigned(2)),
                    CBORMapEntry(t("dt"), t("2021-09-22")), CBORMapEntry(t("co"), t("VN")),
                    CBORMapEntry(t("is"), t("Ministry of Health of Viet Nam")),
                    CBORMapEntry(
                        t("ci"), t("URN:UVCI:01:VN:\(String(100_000_000 + index * 7919, radix: 16).uppercased())")),
                ])
            ])),
    ])
}
