import Testing
import VaxPassport

/// The vaccine names of Viet Nam and their EU codes (issue 14, finding 4).
@Suite struct VaccineNamesTests {
    static func code(_ name: String) -> UInt8 {
        Array(name.utf8).withUnsafeBytes { VaccineProduct.code(named: $0) }
    }

    static func product(_ name: String) -> String? { VaccineProduct.product(code: code(name))?.name }

    // spec: issue 14 "matched without case or accents"
    @Test(arguments: VaccineNames.table.indices)
    func everyNameInTheTableMeansItsProduct(index: Int) {
        let (name, product) = VaccineNames.table[index]
        #expect(Self.product(name) == product)
        #expect(Self.product(name.uppercased()) == product)
        #expect(Self.product(name.lowercased()) == product)
        #expect(Self.product("Vắc xin " + name) == product)
        #expect(Self.product("vacxin " + name.replacingOccurrences(" ", "-")) == product)
    }

    /// The seven names the finding lists as skipped before, and Vietnamese spellings.
    @Test func namesSeenInTheRecords() {
        let cases: [(String, String)] = [
            ("Pfizer", "Pfizer-BioNTech"), ("Comirnaty", "Pfizer-BioNTech"), ("Spikevax", "Moderna"),
            ("Vero Cell", "Sinopharm"), ("Janssen", "Janssen"), ("Covaxin", "Covaxin"),
            ("VẮC XIN VERO CELL", "Sinopharm"), ("Vắc-xin Pfizer trẻ em", "Pfizer-BioNTech"),
            ("COVID-19 Vaccine AstraZeneca", "AstraZeneca"), ("Jánssen", "Janssen"), ("J & J", "Janssen"),
        ]
        for (name, product) in cases { #expect(Self.product(name) == product, "\(name)") }
        #expect(Self.product("Nanocovax") == nil)  // never authorised: no EU code
        #expect(Self.product("") == nil && Self.product("Vaccine") == nil && Self.product("Vắc xin") == nil)
    }

    /// Each product's codes are in the EU value sets, and each is reached by its own name.
    @Test(arguments: VaccineProduct.all.indices)
    func productsCarryEUCodes(index: Int) {
        let product = VaccineProduct.all[index]
        #expect(DCCValueSets.contains(DCCValueSets.vaccineMedicinalProduct, product.medicinalProduct))
        #expect(DCCValueSets.contains(DCCValueSets.vaccineMarketingAuthorizationHolder, product.authorisationHolder))
        #expect(DCCValueSets.contains(DCCValueSets.vaccineProphylaxis, product.prophylaxis))
        #expect(Self.code(product.name) == UInt8(index + 1))
        #expect(VaccineNames.table.contains { $0.product == product.name })
    }

    @Test func janssenIsOneDosePrimary() {
        let janssen = VaccineProduct.all[Int(Self.code("Janssen")) - 1]
        #expect(janssen.primaryDoses == 1 && janssen.seriesDoses(forDose: 1) == 1)
        #expect(janssen.seriesDoses(forDose: 2) == 2)  // a booster after it: 2/2
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
