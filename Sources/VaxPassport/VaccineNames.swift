// Every name in common use in Viet Nam for the COVID-19 vaccines given there, by the product
// of VaccineProduct.all it means. Data, with its sources:
//   - Bộ Y tế (Ministry of Health), its 2021 decisions approving COVID-19 vaccines for
//     emergency use (AstraZeneca in February; Sputnik V; Vero Cell of Sinopharm; Pfizer-
//     BioNTech Comirnaty, also for children as "Pfizer trẻ em"; Moderna Spikevax; Janssen;
//     Abdala; Hayat-Vax; Covaxin in November), as the ministry and the national immunisation
//     platform (tiemchungcovid19.gov.vn) name them; records prefix "vắc xin" (also "vacxin").
//   - WHO, "Status of COVID-19 vaccines within WHO EUL/PQ evaluation process" (2022): generic
//     and code names (AZD1222, ChAdOx1-S, BNT162b2, mRNA-1273, BBIBP-CorV, Ad26.COV2.S,
//     Gam-COVID-Vac, BBV152, CIGB-66).
//   - eHealth Network value sets (vaccine-medicinal-product 2022-11-30, vaccine encoding
//     instructions 2023-05-05): Vaxzevria, Jcovden (formerly COVID-19 Vaccine Janssen),
//     Covishield, Hayat-Vax.
//   - Nanocovax (Nanogen), Covivac (IVAC) and ARCT-154 (VinBioCare) were trial vaccines never
//     approved: they have no EU code and are deliberately left out (skipped as unknown_vaccine).
// Names are folded before comparison: NFC, accents and marks dropped (ICAO Doc 9303 Part 3
// letters), case, spaces and punctuation ignored, a leading "vắc xin" / "vaccine" / "COVID-19"
// and a trailing "vaccine" removed: "Vắc xin Vero Cell" and "VEROCELL" are one name.

/// The names of the vaccines, by product.
public enum VaccineNames {
    /// (name as written, `VaccineProduct.all` name it means).
    public static let table: [(name: String, product: String)] = [
        // AstraZeneca (Oxford).
        ("AstraZeneca", "AstraZeneca"), ("Astra Zeneca", "AstraZeneca"), ("Astra", "AstraZeneca"),
        ("AZ", "AstraZeneca"), ("Vaxzevria", "AstraZeneca"), ("AZD1222", "AstraZeneca"),
        ("ChAdOx1", "AstraZeneca"), ("ChAdOx1-S", "AstraZeneca"), ("ChAdOx1 nCoV-19", "AstraZeneca"),
        ("Oxford-AstraZeneca", "AstraZeneca"), ("AstraZeneca AB", "AstraZeneca"),
        // Covishield: AstraZeneca's vaccine made by the Serum Institute of India (its own EU code).
        ("Covishield", "Covishield"), ("Serum Institute of India", "Covishield"),
        // Pfizer-BioNTech.
        ("Pfizer", "Pfizer-BioNTech"), ("Pfizer-BioNTech", "Pfizer-BioNTech"), ("BioNTech", "Pfizer-BioNTech"),
        ("Comirnaty", "Pfizer-BioNTech"), ("BNT162b2", "Pfizer-BioNTech"), ("Pfizer trẻ em", "Pfizer-BioNTech"),
        ("Pfizer nhi", "Pfizer-BioNTech"), ("Pfizer Comirnaty", "Pfizer-BioNTech"),
        // Moderna.
        ("Moderna", "Moderna"), ("Spikevax", "Moderna"), ("mRNA-1273", "Moderna"),
        ("Moderna Spikevax", "Moderna"),
        // Sinopharm, Beijing Institute of Biological Products: "Vero Cell" in Viet Nam.
        ("Sinopharm", "Sinopharm"), ("Vero Cell", "Sinopharm"), ("Verocell", "Sinopharm"),
        ("Sinopharm Vero Cell", "Sinopharm"), ("BBIBP-CorV", "Sinopharm"), ("BIBP", "Sinopharm"),
        ("Sinopharm BIBP", "Sinopharm"), ("Covilo", "Sinopharm"),
        ("SARS-CoV-2 Vaccine (Vero Cell), Inactivated", "Sinopharm"),
        // Sputnik V (Gamaleya).
        ("Sputnik V", "Sputnik V"), ("Sputnik", "Sputnik V"), ("Gam-COVID-Vac", "Sputnik V"),
        ("Gamaleya", "Sputnik V"),
        // Janssen (Johnson & Johnson).
        ("Janssen", "Janssen"), ("Jcovden", "Janssen"), ("Johnson & Johnson", "Janssen"), ("J&J", "Janssen"),
        ("Johnson and Johnson", "Janssen"), ("Ad26.COV2.S", "Janssen"),
        // Covaxin (Bharat Biotech).
        ("Covaxin", "Covaxin"), ("BBV152", "Covaxin"), ("Bharat Biotech", "Covaxin"),
        // Abdala (CIGB, Cuba).
        ("Abdala", "Abdala"), ("CIGB-66", "Abdala"),
        // Hayat-Vax (Gulf Pharmaceutical Industries / G42, UAE).
        ("Hayat-Vax", "Hayat-Vax"), ("Hayat Vax", "Hayat-Vax"), ("Hayat", "Hayat-Vax"),
    ]

    /// Folded name → compact code; built once (a bad row is our bug: trap at first use).
    private static let codes: [[UInt8]: UInt8] = {
        var codes: [[UInt8]: UInt8] = [:]
        for (name, product) in table {
            guard let index = VaccineProduct.all.firstIndex(where: { $0.name == product }) else {
                preconditionFailure("VaccineNames: \(product) is not in VaccineProduct.all")
            }
            let key = Array(name.utf8).withUnsafeBytes { fold($0) }
            precondition(
                codes[key] == nil || codes[key] == UInt8(index + 1), "VaccineNames: \(name) means two products")
            codes[key] = UInt8(index + 1)
        }
        return codes
    }()

    /// The compact code of a folded name, 0 if unknown.
    static func code(_ folded: [UInt8]) -> UInt8 { folded.isEmpty ? 0 : codes[folded] ?? 0 }

    private static let prefixes = ["VACXINCOVID19", "VACCINECOVID19", "COVID19VACCINE", "VACXIN", "VACCINE", "VAXIN"]
        .map { Array($0.utf8) }
    private static let suffixes = ["COVID19VACCINE", "VACCINE", "VACXIN"].map { Array($0.utf8) }

    /// The comparison key of a name: A-Z and 0-9 only (see the file header).
    /// - Complexity: O(bytes); ASCII names take a path without String.
    static func fold(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for byte in bytes { appendASCII(byte, to: &out) }
        } else {
            let text = PassportName.nfc(ICAOTransliteration.replacingLookAlikes(String(decoding: bytes, as: UTF8.self)))
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    appendASCII(UInt8(scalar.value), to: &out)
                } else if let letters = ICAOTransliteration.letters(of: scalar) {
                    out += letters
                }
            }
        }
        for prefix in prefixes where out.count > prefix.count && out.starts(with: prefix) {
            out.removeFirst(prefix.count)
            break
        }
        for suffix in suffixes where out.count > suffix.count && out.suffix(suffix.count).elementsEqual(suffix) {
            out.removeLast(suffix.count)
            break
        }
        return out
    }

    private static func appendASCII(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(byte - 0x20)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(byte)
        default: break
        }
    }
}
