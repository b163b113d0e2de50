import VaxCore

// The packed hot fields of a store row, the one place their layout is spelled:
//
//   birth date         PartialDate.packed − dateBase (1880 << 9)   17 bits   shard section 106
//   sex and province   sex << 7 | province_code (sex 0 M, 1 F)       8 bits   shard section 107
//
// Valid iff the date unpacks to a PartialDate and the province is below 128 (the spec's
// codes go to 96).

/// Packing and unpacking of the birth date and the sex/province byte of a store row.
enum PackedFields {
    /// Birth dates are stored as `PartialDate.packed` minus this, which fits `dateBits`.
    static let dateBase = UInt32(PartialDate.yearRange.lowerBound) << 9
    /// The width of a stored birth date.
    static let dateBits = 17
    /// The width of a stored sex/province byte.
    static let sexProvinceBits = 8

    /// The stored form of a birth date given as `PartialDate.packed`.
    @inline(__always)
    static func packDate(packed: UInt32) -> UInt64 { UInt64(packed - dateBase) }

    /// The birth date of a stored value; a value that does not unpack (only a builder bug
    /// could write one, checksums stop damaged files) gives `PartialDate.unknownRegistered`.
    @inline(__always)
    static func date(_ stored: UInt64) -> PartialDate {
        PartialDate(packed: UInt32(truncatingIfNeeded: stored) &+ dateBase) ?? PartialDate.unknownRegistered
    }

    /// The sex/province byte.
    @inline(__always)
    static func packSexProvince(sex: Sex, provinceCode: Int) -> UInt8 {
        precondition(provinceCode >= 0 && provinceCode < 128, "province code out of the packed range")
        return UInt8((sex == .female ? 1 : 0) << 7) | UInt8(provinceCode)
    }

    /// The sex of a sex/province byte.
    @inline(__always)
    static func sex(_ packed: UInt8) -> Sex { packed >> 7 == 1 ? .female : .male }

    /// The province code of a sex/province byte.
    @inline(__always)
    static func provinceCode(_ packed: UInt8) -> Int { Int(packed & 0x7F) }

    /// The sex/province byte of a stored column value.
    @inline(__always)
    static func sexProvince(_ stored: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: stored) }
}

extension PartialDate {
    /// Stands in for a stored date that does not unpack, which only a builder bug could
    /// write (checksums stop damaged files): it agrees with no recorded date.
    static let unknownRegistered = PartialDate(year: PartialDate.yearRange.lowerBound)!
}
