// The vaccines in Viet Nam's records, coded with the EU DCC value sets (facts copied from
// the eHealth Network value sets: vaccine-medicinal-product 2022-11-30, vaccine-mah-manf
// 2022-01-26, vaccine-prophylaxis 2023-01-25, and the vaccine encoding instructions of
// 2023-05-05, which name the SNOMED CT codes allowed for each product):
//
// | name in shots.csv | mp (product)  | ma (authorisation holder)    | vp (prophylaxis)                          | primary doses |
// |-------------------|---------------|------------------------------|-------------------------------------------|---------------|
// | AstraZeneca       | EU/1/21/1529  | ORG-100001699 AstraZeneca AB | 29061000087103 non-replicating viral vector | 2 |
// | Pfizer-BioNTech   | EU/1/20/1528  | ORG-100030215 BioNTech       | 1119349007 mRNA                            | 2 |
// | Moderna           | EU/1/20/1507  | ORG-100031184 Moderna        | 1119349007 mRNA                            | 2 |
// | Sinopharm         | BBIBP-CorV    | ORG-100020693 Sinopharm Beijing | 1157024006 inactivated whole virus      | 2 |
// | Sputnik V         | Sputnik-V     | Gamaleya-Research-Institute  | 29061000087103 non-replicating viral vector | 2 |
// | Abdala            | Abdala        | CIGB                         | 28531000087107 COVID-19 vaccine            | 3 |
// | Hayat-Vax         | Hayat-Vax     | ORG-100023050 Gulf Pharmaceutical Industries | 1157024006 inactivated whole virus | 2 |
// | Janssen           | EU/1/20/1525  | ORG-100001417 Janssen-Cilag International | 29061000087103 non-replicating viral vector | 1 |
// | Covaxin           | Covaxin       | Bharat-Biotech               | 1157024006 inactivated whole virus        | 2 |
// | Covishield        | Covishield    | ORG-100001981 Serum Institute of India | 29061000087103 non-replicating viral vector | 2 |
//
// Abdala's primary series is three doses, Janssen's (Jcovden) one, the others' two. tg is
// always 840539006 (COVID-19). The names in use for each are in VaccineNames.

/// A vaccine product with its DCC codes.
public struct VaccineProduct: Sendable, Equatable {
    /// The product's name as the vaccination platform records it.
    public var name: String
    /// The medicinal product code (mp).
    public var medicinalProduct: String
    /// The marketing authorisation holder or manufacturer code (ma).
    public var authorisationHolder: String
    /// The vaccine or prophylaxis code (vp).
    public var prophylaxis: String
    /// Doses in the primary series.
    public var primaryDoses: Int

    /// The disease targeted (tg): COVID-19, SNOMED CT 840539006.
    public static let covid19 = "840539006"

    /// The products in the data, in a fixed order: `index + 1` is a product's compact code
    /// (0 = unknown).
    public static let all: [VaccineProduct] = [
        VaccineProduct(
            name: "AstraZeneca", medicinalProduct: "EU/1/21/1529", authorisationHolder: "ORG-100001699",
            prophylaxis: "29061000087103", primaryDoses: 2),
        VaccineProduct(
            name: "Pfizer-BioNTech", medicinalProduct: "EU/1/20/1528", authorisationHolder: "ORG-100030215",
            prophylaxis: "1119349007", primaryDoses: 2),
        VaccineProduct(
            name: "Moderna", medicinalProduct: "EU/1/20/1507", authorisationHolder: "ORG-100031184",
            prophylaxis: "1119349007", primaryDoses: 2),
        VaccineProduct(
            name: "Sinopharm", medicinalProduct: "BBIBP-CorV", authorisationHolder: "ORG-100020693",
            prophylaxis: "1157024006", primaryDoses: 2),
        VaccineProduct(
            name: "Sputnik V", medicinalProduct: "Sputnik-V",
            authorisationHolder: "Gamaleya-Research-Institute", prophylaxis: "29061000087103",
            primaryDoses: 2),
        VaccineProduct(
            name: "Abdala", medicinalProduct: "Abdala", authorisationHolder: "CIGB",
            prophylaxis: "28531000087107", primaryDoses: 3),
        VaccineProduct(
            name: "Hayat-Vax", medicinalProduct: "Hayat-Vax", authorisationHolder: "ORG-100023050",
            prophylaxis: "1157024006", primaryDoses: 2),
        VaccineProduct(
            name: "Janssen", medicinalProduct: "EU/1/20/1525", authorisationHolder: "ORG-100001417",
            prophylaxis: "29061000087103", primaryDoses: 1),
        VaccineProduct(
            name: "Covaxin", medicinalProduct: "Covaxin", authorisationHolder: "Bharat-Biotech",
            prophylaxis: "1157024006", primaryDoses: 2),
        VaccineProduct(
            name: "Covishield", medicinalProduct: "Covishield", authorisationHolder: "ORG-100001981",
            prophylaxis: "29061000087103", primaryDoses: 2),
    ]

    /// The compact code (1...all.count) of the product named `bytes` by any name in
    /// `VaccineNames` (brand, generic, manufacturer, Vietnamese spelling), compared without
    /// case, accents, spaces or punctuation ("vắc xin Pfizer", "SPUTNIK-V"); 0 if unknown.
    public static func code(named bytes: UnsafeRawBufferPointer) -> UInt8 {
        VaccineNames.code(VaccineNames.fold(bytes))
    }

    /// The product of compact code `code`, nil for 0 or out of range.
    public static func product(code: UInt8) -> VaccineProduct? {
        code >= 1 && Int(code) <= all.count ? all[Int(code) - 1] : nil
    }

    /// The total series of doses (sd) for dose `doseNumber` (dn) of this product: the primary
    /// series, or the dose number itself when a booster goes beyond it (3/3, 4/4), as the DCC
    /// guidelines record boosters.
    public func seriesDoses(forDose doseNumber: Int) -> Int { max(primaryDoses, doseNumber) }
}
