public import VaxCore

// The content of one Vietnamese vaccination certificate (DCC schema 1.3.0):
//   ver "1.3.0", nam {fn, gn, fnt, gnt}, dob,
//   v [{tg, vp, mp, ma, dn, sd, dt, co, is, ci}]
// Name and birth date always come from the population register, never from a shot.

/// One vaccination certificate's fields, before encoding.
public struct VaccinationCertificate: Sendable, Equatable {
    /// The schema version written.
    public static let schemaVersion = "1.3.0"
    /// The certificate issuer (is).
    public static let issuer = "Ministry of Health of Viet Nam"
    /// The country of vaccination (co) and of the issuer (CWT iss).
    public static let country = "VN"

    /// The holder's name (nam).
    public var name: PassportName
    /// The registered birth date (dob): YYYY, YYYY-MM or YYYY-MM-DD; empty outside 1900...2099,
    /// which the schema does not allow.
    public var dateOfBirth: String
    /// The dose certified.
    public var dose: LatestDose
    /// The certificate identifier (ci).
    public var uvci: String

    /// A certificate from the register's name and birth date.
    public init(registeredName: String, registeredBirthDate: PartialDate?, dose: LatestDose, uvci: String) {
        name = PassportName(registered: registeredName)
        if let birth = registeredBirthDate, (1900...2099).contains(birth.year) {
            dateOfBirth = birth.description
        } else {
            dateOfBirth = ""
        }
        self.dose = dose
        self.uvci = uvci
    }

    /// The series total (sd) for the certified dose.
    public var seriesDoses: Int { dose.seriesDoses ?? dose.product.seriesDoses(forDose: dose.doseNumber) }
}
