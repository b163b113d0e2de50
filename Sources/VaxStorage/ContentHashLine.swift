import VaxCore

// spec: store-format.md "Content hash": the one spelling of a register row as the content
// hash reads it, used by the builder (from the parsed register) and by the recomputation
// from a built store (PopulationStore.recomputedContentHash), so that the two cannot drift.

/// The line of one citizen in the content hash:
/// `citizen_id(12),legacy_id(9 or empty),full name,YYYY[-MM[-DD]],F|M,province(2)\n`.
enum ContentHashLine {
    /// The first bytes hashed, naming this line format.
    static let preamble = Array("vaxlink-register-v1\n".utf8)

    /// Appends one citizen's line to `line`; `appendName` appends the full name's bytes.
    @inline(__always)
    static func append(
        citizenID: UInt64, legacyID: UInt32?, birthDate date: PartialDate, sex: Sex, provinceCode: Int,
        to line: inout [UInt8], appendName: (inout [UInt8]) -> Void
    ) {
        appendDigits(citizenID, width: 12, to: &line)
        line.append(0x2C)
        if let legacyID { appendDigits(UInt64(legacyID), width: 9, to: &line) }
        line.append(0x2C)
        appendName(&line)
        line.append(0x2C)
        appendDigits(UInt64(date.year), width: 4, to: &line)
        if let month = date.month {
            line.append(UInt8(ascii: "-"))
            appendDigits(UInt64(month), width: 2, to: &line)
            if let day = date.day {
                line.append(UInt8(ascii: "-"))
                appendDigits(UInt64(day), width: 2, to: &line)
            }
        }
        line.append(0x2C)
        line.append(sex == .female ? UInt8(ascii: "F") : UInt8(ascii: "M"))
        line.append(0x2C)
        appendDigits(UInt64(provinceCode), width: 2, to: &line)
        line.append(0x0A)
    }
}
