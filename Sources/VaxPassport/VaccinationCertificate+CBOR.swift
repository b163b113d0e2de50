import VaxCore

extension VaccinationCertificate {
    /// The DCC payload (the map under hcert −260 / 1): ver, nam, dob and one vaccination
    /// entry, map keys in the deterministic order of RFC 8949 §4.2.1 (by encoded bytes, so
    /// shorter keys first). gn and gnt are left out for a one-word name.
    public var dcc: CBOR {
        var name = [
            CBORMapEntry(.text("fn"), .text(self.name.familyName)),
            CBORMapEntry(.text("fnt"), .text(self.name.familyNameICAO)),
        ]
        if !self.name.givenName.isEmpty {
            name.append(CBORMapEntry(.text("gn"), .text(self.name.givenName)))
            name.append(CBORMapEntry(.text("gnt"), .text(self.name.givenNameICAO)))
        }
        let vaccination: [CBORMapEntry] = [
            CBORMapEntry(.text("tg"), .text(VaccineProduct.covid19)),
            CBORMapEntry(.text("vp"), .text(dose.product.prophylaxis)),
            CBORMapEntry(.text("mp"), .text(dose.product.medicinalProduct)),
            CBORMapEntry(.text("ma"), .text(dose.product.authorisationHolder)),
            CBORMapEntry(.text("dn"), .int(Int64(dose.doseNumber))),
            CBORMapEntry(.text("sd"), .int(Int64(seriesDoses))),
            CBORMapEntry(.text("dt"), .text(dose.date.description)),
            CBORMapEntry(.text("co"), .text(Self.country)),
            CBORMapEntry(.text("is"), .text(Self.issuer)),
            CBORMapEntry(.text("ci"), .text(uvci)),
        ]
        return Self.canonicalMap([
            CBORMapEntry(.text("ver"), .text(Self.schemaVersion)),
            CBORMapEntry(.text("nam"), Self.canonicalMap(name)),
            CBORMapEntry(.text("dob"), .text(dateOfBirth)),
            CBORMapEntry(.text("v"), .array([Self.canonicalMap(vaccination)])),
        ])
    }

    /// A map with its entries sorted by the bytes of their encoded keys.
    static func canonicalMap(_ entries: [CBORMapEntry]) -> CBOR {
        .map(entries.map { ($0.key.encoded(), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1))
    }
}
