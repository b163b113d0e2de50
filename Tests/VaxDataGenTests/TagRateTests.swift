import Testing
import VaxDataGen

// Tag rates follow GeneratorParameters: within ±30 % for the tags that apply to nearly every
// shot, present and not above their rate for the tags that apply only to some.
@Suite struct TagRateTests {
    static let parameters = GeneratorParameters(citizens: 25_000, shots: 20_000, seed: 7)
    static let nearlyAlways: Set<String> = [
        "id_missing", "id_digit", "name_no_diacritics", "name_case_spacing",
        "name_missing_middle", "name_typo", "dob_missing", "dob_dmy",
        "sex_missing", "sex_wrong",
    ]

    @Test(arguments: 0..<parameters.ratesByTag.count)
    func tagRateFollowsItsParameter(_ index: Int) {
        let (tag, rate) = Self.parameters.ratesByTag[index]
        let data = GeneratedData.medium
        let count = data.truth.rows.filter { $0[2].split(separator: ";").contains { $0 == tag } }.count
        let observed = Double(count) / Double(data.truth.rows.count)
        if Self.nearlyAlways.contains(tag) {
            #expect(abs(observed - rate) <= 0.3 * rate, "\(tag): observed \(observed), parameter \(rate)")
        } else {
            #expect(observed > 0 && observed <= 1.3 * rate, "\(tag): observed \(observed), parameter \(rate)")
        }
    }

    @Test func aboutFortyPercentOfShotsHaveErrors() {
        let data = GeneratedData.medium
        let tagged = data.truth.rows.filter { !$0[2].isEmpty }.count
        let share = Double(tagged) / Double(data.truth.rows.count)
        #expect(share >= 0.35 && share <= 0.50)
        #expect(data.summary.shotsWithErrors == tagged)
    }
}
