public import VaxCore
import VaxNames

/// The blocking indexes: ways to find candidate citizens when the recorded ID is wrong or
/// missing, each robust to a different kind of error. Keys are built from folded token
/// IDs (diacritics, case, spacing and tone placement do not matter).
public enum BlockingKey: Int, CaseIterable, Sendable {
    /// Folded family + given name + birth year: survives a wrong or missing middle name,
    /// a swapped day/month and a wrong province.
    case nameYear = 0
    /// Folded given name + full birth date: survives a wrong family or middle name.
    case givenDate = 1
    /// Folded family + middle + given name + province of residence: survives any birth-date error.
    case namePlace = 2

    /// The hash of a nameYear key.
    public static func nameYear(family: UInt32, given: UInt32, year: Int) -> UInt64 {
        combine(1, UInt64(family), UInt64(given), UInt64(year))
    }

    /// The hash of a givenDate key (full dates only).
    public static func givenDate(given: UInt32, date: PartialDate) -> UInt64 {
        combine(2, UInt64(given), UInt64(date.packed), 0)
    }

    /// The hash of a namePlace key.
    public static func namePlace(family: UInt32, middle: UInt32, given: UInt32, province: Int) -> UInt64 {
        combine(3, UInt64(family), UInt64(middle) << 32 | UInt64(given), UInt64(province))
    }

    /// Key hashes keep 44 bits: the index sorts them in four radix passes, and the rare
    /// rows of a colliding key are only extra candidates, which scoring tells apart.
    static let hashBits = 44

    private static func combine(_ kind: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var h = SplitMix64.mix(kind &* 0x9E37_79B9_7F4A_7C15 ^ a)
        h = SplitMix64.mix(h ^ b)
        return SplitMix64.mix(h ^ c &* 0xD6E8_FEB8_6659_FD93) >> UInt64(64 - hashBits)
    }
}

extension BlockingKey {
    /// The key hash of a row: the one derivation, used both to write the indexes and to
    /// search them. Nil when the row has no such key (givenDate needs a full date).
    @inline(__always)
    func hash<Row: BlockingKeyFields>(of row: Row) -> UInt64? {
        switch self {
        case .nameYear:
            return BlockingKey.nameYear(family: row.foldedToken(.family), given: row.foldedToken(.given),
                                        year: row.birthDate.year)
        case .givenDate:
            let date = row.birthDate
            return date.precision == .day ? BlockingKey.givenDate(given: row.foldedToken(.given), date: date) : nil
        case .namePlace:
            return BlockingKey.namePlace(family: row.foldedToken(.family), middle: row.foldedToken(.middle),
                                         given: row.foldedToken(.given), province: row.provinceCode)
        }
    }
}
