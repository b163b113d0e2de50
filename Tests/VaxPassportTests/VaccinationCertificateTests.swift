import Testing
import VaxCore
import VaxCrypto
import VaxPassport

@Suite struct VaccinationCertificateTests {
    static let booster = LatestDose(
        date: PartialDate(year: 2022, month: 1, day: 5)!, doseNumber: 3, product: VaccineProduct.all[1])

    static func certificate(birth: PartialDate? = PartialDate(year: 1983, month: 10, day: 10)) -> VaccinationCertificate
    {
        VaccinationCertificate(
            registeredName: "Nguyễn Bảo Duy", registeredBirthDate: birth, dose: booster,
            uvci: UVCI.make(country: "VN", identifier: "ABCDEFGHIJKLMNOPQRSTUVWX"))
    }

    @Test func thePayloadHoldsTheRegisterFieldsInCanonicalOrder() throws {
        let dcc = Self.certificate().dcc
        // Shorter keys first, then bytewise: v, dob, nam, ver.
        #expect(dcc.mapEntries?.map(\.key) == [.text("v"), .text("dob"), .text("nam"), .text("ver")])
        #expect(dcc["dob"] == .text("1983-10-10"))
        #expect(dcc["ver"] == .text("1.3.0"))
        #expect(dcc["nam"]?["fnt"] == .text("NGUYEN"))
        #expect(dcc["nam"]?["gnt"] == .text("BAO<DUY"))
        let v = try #require(dcc["v"]?.arrayValue?.first)
        #expect(v["dn"] == .int(3) && v["sd"] == .int(3))
        #expect(v["dt"] == .text("2022-01-05"))
        #expect(v["mp"] == .text("EU/1/20/1528") && v["ma"] == .text("ORG-100030215") && v["vp"] == .text("1119349007"))
        #expect(v["tg"] == .text("840539006") && v["co"] == .text("VN"))
        #expect(v["is"] == .text("Ministry of Health of Viet Nam"))
        // Decoding the encoding gives the same map: the encoding is canonical.
        #expect(try CBOR.decode(dcc.encoded()) == dcc)
    }

    @Test func partialAndImplausibleBirthDatesAreWrittenAsTheSchemaAllows() {
        #expect(Self.certificate(birth: PartialDate(year: 1950)).dateOfBirth == "1950")
        #expect(Self.certificate(birth: PartialDate(year: 1950, month: 4)).dateOfBirth == "1950-04")
        #expect(Self.certificate(birth: PartialDate(year: 1880)).dateOfBirth == "")  // the register's "unknown"
        #expect(Self.certificate(birth: nil).dateOfBirth == "")
    }

    /// Every product of the table, signed with both algorithms, passes the codec's verifier:
    /// signature, expiry, schema 1.3.0 and the value sets (no warnings).
    @Test(arguments: 0..<VaccineProduct.all.count)
    func signedCertificatesVerifyWithTheirValueSets(product: Int) throws {
        for algorithm in [SignatureAlgorithm.es256, .ps256] where algorithm == .es256 || product == 0 {
            let key = try SigningKey.generate(algorithm)
            let signer = try SignerCertificate.selfSigned(
                key: key, commonName: "test DSC", country: "VN", validDays: 30)
            var certificate = Self.certificate()
            certificate.dose.product = VaccineProduct.all[product]
            certificate.dose.doseNumber = 1
            let now = signer.notBefore + 60
            let issued = try HC1.issue(
                dcc: certificate.dcc, issuerCountry: "VN", issuedAt: now, expiresAt: now + 86_400, key: key,
                certificate: signer)
            let result = HC1Verifier(certificates: [signer]).verify(issued.text, at: now + 3600)
            #expect(result.isValid, "\(result.checks.filter { !$0.passed })")
            #expect(result.warnings.isEmpty, "\(result.warnings)")
            #expect(result.dcc == certificate.dcc)
        }
    }
}
