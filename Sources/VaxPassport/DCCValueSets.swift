// The EU DCC value sets (eHealth Network, "Value Sets for Digital Covid Certificates"), as facts
// copied from the published JSON files (valueSetId and valueSetDate named per table). The schema
// (1.3.x) refers to them by URI but does not require membership, so the verifier reports codes
// outside them as warnings; the issuer takes its vp/mp/ma codes from here.

/// One code of a value set.
public struct DCCValueSetCode: Sendable, Equatable {
    /// The code as it appears in the certificate.
    public let code: String
    /// The display name.
    public let display: String
    /// Whether the code is still active in the value set.
    public let active: Bool
}

/// The value sets the schema refers to.
public enum DCCValueSets {
    /// `disease-agent-targeted` of 2021-04-27: the codes for `tg`.
    public static let diseaseAgentTargeted: [DCCValueSetCode] = [
        DCCValueSetCode(code: "840539006", display: "COVID-19", active: true)
    ]

    /// `sct-vaccines-covid-19` of 2023-01-25: the codes for `v/vp`.
    public static let vaccineProphylaxis: [DCCValueSetCode] = [
        DCCValueSetCode(code: "1119305005", display: "SARS-CoV-2 antigen vaccine", active: true),
        DCCValueSetCode(code: "1119349007", display: "SARS-CoV-2 mRNA vaccine", active: true),
        DCCValueSetCode(code: "J07BX03", display: "covid-19 vaccines (deprecated)", active: false),
        DCCValueSetCode(
            code: "1162643001", display: "SARS-CoV-2 recombinant spike protein antigen vaccine", active: true),
        DCCValueSetCode(code: "1157024006", display: "Inactivated whole SARS-CoV-2 antigen vaccine", active: true),
        DCCValueSetCode(code: "29061000087103", display: "COVID-19 non-replicating viral vector vaccine", active: true),
        DCCValueSetCode(code: "28531000087107", display: "COVID-19 vaccine", active: true),
        DCCValueSetCode(
            code: "30141000087107", display: "SARS-CoV-2 virus-like particle antigen vaccine", active: true),
        DCCValueSetCode(
            code: "1187593009", display: "SARS-CoV-2 DNA plasmid encoding spike protein vaccine", active: true),
    ]

    /// `vaccines-covid-19-names` of 2022-11-30: the codes for `v/mp`.
    public static let vaccineMedicinalProduct: [DCCValueSetCode] = [
        DCCValueSetCode(code: "EU/1/20/1528", display: "Comirnaty", active: true),
        DCCValueSetCode(code: "EU/1/20/1507", display: "Spikevax", active: true),
        DCCValueSetCode(code: "EU/1/21/1529", display: "Vaxzevria", active: true),
        DCCValueSetCode(code: "EU/1/20/1525", display: "Jcovden", active: true),
        DCCValueSetCode(code: "CVnCoV", display: "CVnCoV", active: true),
        DCCValueSetCode(code: "NVX-CoV2373", display: "NVX-CoV2373 (deprecated)", active: false),
        DCCValueSetCode(code: "Sputnik-V", display: "Sputnik-V", active: true),
        DCCValueSetCode(code: "Convidecia", display: "Convidecia", active: true),
        DCCValueSetCode(code: "EpiVacCorona", display: "EpiVacCorona", active: true),
        DCCValueSetCode(code: "BBIBP-CorV", display: "BBIBP-CorV", active: true),
        DCCValueSetCode(
            code: "Inactivated-SARS-CoV-2-Vero-Cell", display: "Inactivated SARS-CoV-2 (Vero Cell) (deprecated)",
            active: false),
        DCCValueSetCode(code: "CoronaVac", display: "CoronaVac", active: true),
        DCCValueSetCode(code: "Covaxin", display: "Covaxin", active: true),
        DCCValueSetCode(code: "Covishield", display: "Covishield", active: true),
        DCCValueSetCode(code: "Covid-19-recombinant", display: "Covid-19 (recombinant)", active: true),
        DCCValueSetCode(code: "R-COVI", display: "R-COVI", active: true),
        DCCValueSetCode(code: "CoviVac", display: "CoviVac", active: true),
        DCCValueSetCode(code: "Sputnik-Light", display: "Sputnik Light", active: true),
        DCCValueSetCode(code: "Hayat-Vax", display: "Hayat-Vax", active: true),
        DCCValueSetCode(code: "Abdala", display: "Abdala", active: true),
        DCCValueSetCode(code: "WIBP-CorV", display: "WIBP-CorV", active: true),
        DCCValueSetCode(code: "MVC-COV1901", display: "MVC COVID-19 vaccine", active: true),
        DCCValueSetCode(code: "EU/1/21/1618", display: "Nuvaxovid", active: true),
        DCCValueSetCode(code: "Covovax", display: "Covovax", active: true),
        DCCValueSetCode(code: "Vidprevtyn", display: "Vidprevtyn (deprecated)", active: false),
        DCCValueSetCode(code: "VLA2001", display: "VLA2001 (deprecated)", active: false),
        DCCValueSetCode(code: "EpiVacCorona-N", display: "EpiVacCorona-N", active: true),
        DCCValueSetCode(code: "Sputnik-M", display: "Sputnik M", active: true),
        DCCValueSetCode(
            code: "Covid-19-adsorvida-inativada", display: "Vacina adsorvida covid-19 (inativada)", active: true),
        DCCValueSetCode(code: "NVSI-06-08", display: "NVSI-06-08", active: true),
        DCCValueSetCode(code: "YS-SC2-010", display: "YS-SC2-010", active: true),
        DCCValueSetCode(code: "SCTV01C", display: "SCTV01C", active: true),
        DCCValueSetCode(code: "Covifenz", display: "Covifenz", active: true),
        DCCValueSetCode(code: "AZD2816", display: "AZD2816", active: true),
        DCCValueSetCode(code: "Soberana-02", display: "Soberana 02", active: true),
        DCCValueSetCode(code: "Soberana-Plus", display: "Soberana Plus", active: true),
        DCCValueSetCode(code: "EU/1/21/1624", display: "COVID-19 Vaccine Valneva", active: true),
        DCCValueSetCode(code: "EU/1/21/1580", display: "VidPrevtyn Beta", active: true),
        DCCValueSetCode(code: "EU/1/22/1709", display: "Bimervax", active: true),
    ]

    /// `vaccines-covid-19-auth-holders` of 2022-01-26: the codes for `v/ma`.
    public static let vaccineMarketingAuthorizationHolder: [DCCValueSetCode] = [
        DCCValueSetCode(code: "ORG-100001699", display: "AstraZeneca AB", active: true),
        DCCValueSetCode(code: "ORG-100030215", display: "Biontech Manufacturing GmbH", active: true),
        DCCValueSetCode(code: "ORG-100001417", display: "Janssen-Cilag International", active: true),
        DCCValueSetCode(code: "ORG-100031184", display: "Moderna Biotech Spain S.L.", active: true),
        DCCValueSetCode(code: "ORG-100006270", display: "Curevac AG", active: true),
        DCCValueSetCode(code: "ORG-100013793", display: "CanSino Biologics", active: true),
        DCCValueSetCode(
            code: "ORG-100020693", display: "China Sinopharm International Corp. - Beijing location", active: true),
        DCCValueSetCode(
            code: "ORG-100010771", display: "Sinopharm Weiqida Europe Pharmaceutical s.r.o. - Prague location",
            active: true),
        DCCValueSetCode(
            code: "ORG-100024420", display: "Sinopharm Zhijun (Shenzhen) Pharmaceutical Co. Ltd. - Shenzhen location",
            active: true),
        DCCValueSetCode(code: "ORG-100032020", display: "Novavax CZ a.s.", active: true),
        DCCValueSetCode(code: "Gamaleya-Research-Institute", display: "Gamaleya Research Institute", active: true),
        DCCValueSetCode(code: "Vector-Institute", display: "Vector Institute", active: true),
        DCCValueSetCode(code: "Sinovac-Biotech", display: "Sinovac Biotech", active: true),
        DCCValueSetCode(code: "Bharat-Biotech", display: "Bharat Biotech", active: true),
        DCCValueSetCode(code: "ORG-100001981", display: "Serum Institute Of India Private Limited", active: true),
        DCCValueSetCode(code: "Fiocruz", display: "Fiocruz", active: true),
        DCCValueSetCode(code: "ORG-100007893", display: "R-Pharm CJSC", active: true),
        DCCValueSetCode(
            code: "Chumakov-Federal-Scientific-Center",
            display:
                "Chumakov Federal Scientific Center for Research and Development of Immune-and-Biological Products",
            active: true),
        DCCValueSetCode(code: "ORG-100023050", display: "Gulf Pharmaceutical Industries", active: true),
        DCCValueSetCode(code: "CIGB", display: "Center for Genetic Engineering and Biotechnology", active: true),
        DCCValueSetCode(
            code: "Sinopharm-WIBP", display: "Sinopharm - Wuhan Institute of Biological Products", active: true),
        DCCValueSetCode(code: "ORG-100033914", display: "Medigen Vaccine Biologics Corporation", active: true),
        DCCValueSetCode(code: "ORG-100000788", display: "Sanofi Pasteur", active: true),
        DCCValueSetCode(code: "ORG-100036422", display: "Valneva France", active: true),
        DCCValueSetCode(code: "Instituto-Butantan", display: "Instituto Butantan", active: true),
        DCCValueSetCode(code: "NVSI", display: "National Vaccine and Serum Institute, China", active: true),
        DCCValueSetCode(code: "Yisheng-Biopharma", display: "Yisheng Biopharma", active: true),
        DCCValueSetCode(code: "ORG-100026614", display: "Sinocelltech Ltd.", active: true),
        DCCValueSetCode(code: "ORG-100008549", display: "Medicago Inc.", active: true),
        DCCValueSetCode(code: "Finlay-Institute", display: "Finlay Institute of Vaccines", active: true),
        DCCValueSetCode(code: "ORG-100036914", display: "Hipra Human Health S.L.", active: true),
    ]

    /// `covid-19-lab-test-type` of 2021-04-27: the codes for `t/tt`.
    public static let testType: [DCCValueSetCode] = [
        DCCValueSetCode(code: "LP6464-4", display: "Nucleic acid amplification with probe detection", active: true),
        DCCValueSetCode(code: "LP217198-3", display: "Rapid immunoassay", active: true),
    ]

    /// `covid-19-lab-result` of 2021-04-27: the codes for `t/tr`.
    public static let testResult: [DCCValueSetCode] = [
        DCCValueSetCode(code: "260415000", display: "Not detected", active: true),
        DCCValueSetCode(code: "260373001", display: "Detected", active: true),
    ]

    /// `country-2-codes` of 2019-11-01: the ISO 3166-1 alpha-2 codes for `co`.
    public static let countryCodes: Set<String> = [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
        "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
        "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
        "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
        "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
        "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
        "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
        "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
        "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
        "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
        "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
        "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
        "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
        "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
        "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
        "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
    ]

    /// Whether `code` is in `set`.
    public static func contains(_ set: [DCCValueSetCode], _ code: String) -> Bool {
        set.contains { $0.code == code }
    }
}
