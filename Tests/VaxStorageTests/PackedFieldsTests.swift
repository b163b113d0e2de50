import Testing
import VaxCore
@testable import VaxStorage

// The layout is a format fact (shard sections 106 and 107): pinned here, so that changing
// it without bumping the store format fails a test.
@Test func sexAndProvincePackIntoOneByteAndBack() {
    #expect(PackedFields.packSexProvince(sex: .male, provinceCode: 1) == 0x01)
    #expect(PackedFields.packSexProvince(sex: .female, provinceCode: 96) == 0x80 | 96)
    for sex in [Sex.male, .female] {
        for province in 0..<128 {
            let packed = PackedFields.packSexProvince(sex: sex, provinceCode: province)
            #expect(PackedFields.sex(packed) == sex && PackedFields.provinceCode(packed) == province)
            #expect(PackedFields.sexProvince(UInt64(packed)) == packed)
        }
    }
}

@Test func birthDatesPackIntoSeventeenBitsAndBack() throws {
    let years = [PartialDate.yearRange.lowerBound, 1950, 2000, PartialDate.yearRange.upperBound]
    for year in years {
        let dates = [PartialDate(year: year), PartialDate(year: year, month: 12), PartialDate(year: year, month: 2, day: 28)]
        for date in dates.compactMap({ $0 }) {
            let stored = PackedFields.packDate(packed: date.packed)
            #expect(stored < 1 << PackedFields.dateBits)
            #expect(PackedFields.date(stored) == date)
        }
    }
    #expect(PackedFields.packDate(packed: try #require(PartialDate(year: PartialDate.yearRange.lowerBound)).packed) == 0)
    #expect(PackedFields.date(0) == PartialDate.unknownRegistered)  // year only, the first year: never a recorded date
}
