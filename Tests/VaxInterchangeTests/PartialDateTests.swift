import Testing
import VaxCore

@Suite struct PartialDateTests {
    static let valid: [(text: String, dayFirst: Bool, year: Int, month: Int?, day: Int?)] = [
        ("1990-05-17", false, 1990, 5, 17), ("1990-05", false, 1990, 5, nil), ("1990", false, 1990, nil, nil),
        ("17/05/1990", true, 1990, 5, 17), ("2000-02-29", false, 2000, 2, 29), ("2024-02-29", false, 2024, 2, 29),
        ("29/02/1996", true, 1996, 2, 29), ("1880-01-01", false, 1880, 1, 1), ("2030-12-31", false, 2030, 12, 31),
    ]
    static let invalid: [(text: String, dayFirst: Bool)] = [
        ("1900-02-29", false), ("2023-02-29", false), ("29/02/2023", true), ("1990-04-31", false),
        ("1990-13", false), ("1990-00", false), ("1990-01-00", false), ("1879", false), ("2031", false),
        ("17/05/1990", false), ("1990/05/17", true), ("199O", false), ("90", false), ("", false),
        ("1990-5-17", false), (" 1990", false), ("+990", false),
    ]

    @Test(arguments: 0..<valid.count)
    func validForms(index: Int) throws {
        let c = PartialDateTests.valid[index]
        let date = try #require(PartialDate.parse(c.text, allowsDayFirst: c.dayFirst))
        #expect(date.year == c.year && date.month == c.month && date.day == c.day)
        #expect(PartialDate(packed: date.packed) == date)
        #expect(date.packed != 0)
        if !c.dayFirst { #expect(date.description == c.text) }
    }

    @Test(arguments: 0..<invalid.count)
    func invalidForms(index: Int) {
        let c = PartialDateTests.invalid[index]
        #expect(PartialDate.parse(c.text, allowsDayFirst: c.dayFirst) == nil)
    }

    @Test func precisionOrderAndPacking() throws {
        let year = try #require(PartialDate(year: 1990))
        let month = try #require(PartialDate(year: 1990, month: 3))
        let day = try #require(PartialDate(year: 1990, month: 3, day: 2))
        #expect(year.precision == .year && month.precision == .month && day.precision == .day)
        #expect(year < month && month < day && day < PartialDate(year: 1991)!)
        #expect(PartialDate(year: 1990, day: 3) == nil)
        #expect(PartialDate(packed: 0) == nil)
        #expect(PartialDate(packed: 1990 << 9 | 2 << 5 | 30) == nil)
    }
}
