import Foundation
import Testing
import VaxCrypto
import VaxDataGen

// The hard profile (data-gen/README.md "The hard profile") adds error kinds behind
// --profile hard; the standard profile's bytes stay those of generator version 1.
@Suite struct HardProfileTests {
    static let hardData: GeneratedData = try! GeneratedData.make(
        GeneratorParameters.hard(citizens: 20_000, shots: 16_000, seed: 7))

    /// SHA-256 of the files made by the generator before the hard profile existed
    /// (commit b29546d, `vaxlink generate --citizens 5000 --shots 4000 --seed 99`).
    @Test func standardProfileIsByteIdenticalToVersionOne() throws {
        let data = try GeneratedData.make(GeneratorParameters(citizens: 5_000, shots: 4_000, seed: 99))
        #expect(SHA256.hash([UInt8](data.population.raw)).hex
            == "445bb6f9cbca4b95e49d14fa6b423ddff87b166d34bdb51b1c5c6b81973fe4b0")
        #expect(SHA256.hash([UInt8](data.shots.raw)).hex
            == "584fb933b00fdef2044a8412c7f36b0dfaf7a6315e57b03e67599dccd2d8dba7")
        #expect(SHA256.hash([UInt8](data.truth.raw)).hex
            == "663e27edd157e077585df6c611780743dac11327334c84b64273785c88b1deee")
        #expect(SHA256.hash(data.manifest).hex == "d5282a3ca1bd9a7b78a3135e9610228475fbe45192a40b9c06a23870f42c3154")
    }

    @Test func hardProfileIsDeterministicAndRecorded() throws {
        let parameters = GeneratorParameters.hard(citizens: 3_000, shots: 2_400, seed: 5)
        let one = try GeneratedData.make(parameters, threads: 1)
        let two = try GeneratedData.make(parameters, threads: 2)
        #expect(one.shots.raw == two.shots.raw && one.truth.raw == two.truth.raw)
        #expect(one.manifest.contains("\"profile\": \"hard\""))
        #expect(one.manifest.contains("\"dob_vaccination_date\": "))
        #expect((try? JSONSerialization.jsonObject(with: Data(one.manifest.utf8))) != nil)
        let standard = try GeneratedData.make(GeneratorParameters(citizens: 3_000, shots: 2_400, seed: 5))
        #expect(standard.shots.raw != one.shots.raw)
    }

    @Test(arguments: [
        "compound", "lookalike", "name_given_only", "name_family_omitted", "dob_vaccination_date",
        "dob_short_year", "id_legacy_padded", "name_vni", "phone_formatted", "id_formatted", "id_zeros_dropped",
    ])
    func everyHardKindIsTagged(_ tag: String) {
        let rows = Self.hardData.truth.rows.filter { $0[2].split(separator: ";").contains { $0 == tag } }
        #expect(!rows.isEmpty, "no shot tagged \(tag)")
    }

    /// A VNI name keeps its marks as digits, a formatted phone its number under the separators.
    @Test func vniNamesAndFormattedPhonesAreWrittenAsTyped() {
        let truth = Dictionary(uniqueKeysWithValues: Self.hardData.truth.rows.map { ($0[0], $0[2]) })
        let vni = Self.hardData.shots.rows.filter { truth[$0[0]]?.contains("name_vni") == true }
        #expect(!vni.isEmpty)
        for row in vni { #expect(row[2].contains { $0.isNumber }, "\(row[2])") }
        let phones = Self.hardData.shots.rows.filter { truth[$0[0]]?.contains("phone_formatted") == true }
        #expect(!phones.isEmpty)
        for row in phones {
            let phone = row[5]
            #expect(phone.contains(" ") || phone.contains(".") || phone.hasPrefix("84"), "\(phone)")
            let digits = phone.filter(\.isNumber)
            #expect(digits.count == (digits.hasPrefix("84") ? 11 : 10), "\(phone)")
        }
    }

    /// A grouped ID keeps its digits under the separators (or after the text mark); an ID kept
    /// as a number is the recorded one without its leading zeros.
    @Test func idsInSpreadsheetFormsKeepTheirDigits() {
        let truth = Dictionary(uniqueKeysWithValues: Self.hardData.truth.rows.map { ($0[0], $0) })
        var grouped = 0, numbers = 0
        for row in Self.hardData.shots.rows {
            guard let answer = truth[row[0]] else { continue }
            let tags = Set(answer[2].split(separator: ";").map(String.init))
            let digits = row[1].filter(\.isNumber)
            if tags.contains("id_formatted") {
                grouped += 1
                #expect(row[1].hasPrefix("'") || row[1].contains(" ") || row[1].contains(".") || row[1].contains("-"), "\(row[1])")
                #expect([9, 12].contains(digits.count) || tags.contains("id_length"), "\(row[1])")
            }
            if tags.contains("id_zeros_dropped") {
                numbers += 1
                #expect(!row[1].hasPrefix("0") && row[1].allSatisfy(\.isNumber), "\(row[1])")
                // Clean copies of a registered citizen's own ID: that ID less its zeros.
                if tags == ["id_zeros_dropped"] && !answer[1].isEmpty { #expect(answer[1].hasSuffix(row[1]) && answer[1].dropLast(row[1].count).allSatisfy { $0 == "0" }) }
            }
        }
        #expect(grouped > 100 && numbers > 100)
    }

    /// A compound record carries a name typo, a year off and a wrong ID digit together.
    @Test func compoundRecordsCarryThreeErrors() {
        let rows = Self.hardData.truth.rows.filter { $0[2].split(separator: ";").contains("compound") }
        #expect(rows.count > 100)
        for row in rows {
            let tags = Set(row[2].split(separator: ";").map(String.init))
            #expect(tags.contains("id_digit") && tags.contains("dob_year_off"), "\(tags)")
        }
        let typos = rows.filter { $0[2].contains("name_typo") }.count
        #expect(Double(typos) >= 0.9 * Double(rows.count))
    }

    /// A lookalike is outside the register but shares a registered citizen's full name,
    /// birth date and sex.
    @Test func lookalikesShareANameAndBirthDateButAreNotRegistered() {
        let data = Self.hardData
        let registered = Set(data.population.rows.map { "\($0[2])|\($0[3])|\($0[4])" })
        let truth = Dictionary(uniqueKeysWithValues: data.truth.rows.map { ($0[0], $0) })
        var checked = 0
        for shot in data.shots.rows {
            guard let answer = truth[shot[0]], answer[2].split(separator: ";").contains("lookalike") else { continue }
            #expect(answer[1].isEmpty)
            // Only clean copies can be compared field by field.
            guard answer[2] == "lookalike" else { continue }
            #expect(registered.contains("\(shot[2])|\(shot[3])|\(shot[4])"))
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func vaccinationDateAsBirthDateIsTheDoseDate() {
        let data = Self.hardData
        let truth = Dictionary(uniqueKeysWithValues: data.truth.rows.map { ($0[0], $0[2]) })
        let rows = data.shots.rows.filter { truth[$0[0]]?.contains("dob_vaccination_date") == true }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row[3] == row[10]) }
    }

    @Test func paddedLegacyIDsStartWithThreeZeros() {
        let data = Self.hardData
        let truth = Dictionary(uniqueKeysWithValues: data.truth.rows.map { ($0[0], $0[2]) })
        let rows = data.shots.rows.filter { truth[$0[0]]?.contains("id_legacy_padded") == true }
        #expect(!rows.isEmpty)
        for row in rows where !(truth[row[0]] ?? "").contains("id_digit") && !(truth[row[0]] ?? "").contains("id_length")
            && !(truth[row[0]] ?? "").contains("id_transposed") && !(truth[row[0]] ?? "").contains("id_zeros_dropped")
            && !(truth[row[0]] ?? "").contains("id_formatted") {
            #expect(row[1].count == 12 && row[1].hasPrefix("000"))
        }
    }
}
