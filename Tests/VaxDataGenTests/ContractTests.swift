import Foundation
import Testing
import VaxCore
import VaxDataGen
import VaxInterchange
import VaxNames

// spec: interchange.md "population.csv", "shots.csv", "truth.csv".
@Suite struct ContractTests {
    let data = GeneratedData.small

    @Test func headersAndFieldCounts() {
        #expect(
            data.population.header == ["citizen_id", "legacy_id", "full_name", "birth_date", "sex", "province_code"])
        #expect(
            data.shots.header == [
                "shot_id", "citizen_id", "full_name", "birth_date", "sex", "phone", "province_code",
                "facility_code", "vaccine", "dose_number", "vaccinated_on",
            ])
        #expect(data.truth.header == ["shot_id", "citizen_id", "errors"])
        #expect(data.population.rows.count == 5_000)
        #expect(data.shots.rows.count == 4_000)
        #expect(data.truth.rows.count == 4_000)
        #expect(data.population.rows.allSatisfy { $0.count == 6 })
        #expect(data.shots.rows.allSatisfy { $0.count == 11 })
        #expect(data.truth.rows.allSatisfy { $0.count == 3 })
        #expect(!data.shots.raw.contains(0x22) && !data.population.raw.contains(0x22))
    }

    @Test func citizenIDsAreUniqueAndStructured() throws {
        var seen = Set<String>()
        for row in data.population.rows {
            let id = try #require(CitizenID(row[0]))
            #expect(seen.insert(row[0]).inserted)
            #expect(id.hasValidLead)
            #expect(Province.isValid(code: id.provinceCode))
            let year = Int(row[3].prefix(4))!
            #expect(id.birthYear == year)
            #expect(id.sex == (row[4] == "M" ? .male : .female))
            #expect(row[4] == "M" || row[4] == "F")
            #expect(Province.isValid(code: Int(row[5])!) && row[5].count == 2)
        }
    }

    @Test func legacyIDsAreUniqueNineDigitsForAboutFortyPercent() {
        let legacy = data.population.rows.map { $0[1] }.filter { !$0.isEmpty }
        #expect(legacy.allSatisfy { $0.count == 9 && $0.allSatisfy(\.isASCII) && Int($0) != nil })
        #expect(Set(legacy).count == legacy.count)
        let share = Double(legacy.count) / Double(data.population.rows.count)
        #expect(share > 0.3 && share < 0.5)
    }

    @Test func birthDatesAreValidWithPartialDatesForTheOldest() {
        var yearOnly = 0
        var yearOnlyOld = 0
        for row in data.population.rows {
            let parts = row[3].split(separator: "-").map { Int($0)! }
            #expect((1925...2021).contains(parts[0]))
            if parts.count == 1 {
                yearOnly += 1
                if parts[0] < 1960 { yearOnlyOld += 1 }
            }
            if parts.count >= 2 { #expect((1...12).contains(parts[1])) }
        }
        let share = Double(yearOnly) / Double(data.population.rows.count)
        #expect(share > 0.01 && share < 0.06)
        #expect(yearOnlyOld * 10 >= yearOnly * 8)
    }

    @Test func truthMatchesShotsAndRegister() {
        let shotIDs = data.shots.rows.map { $0[0] }
        #expect(data.truth.rows.map { $0[0] } == shotIDs)
        #expect(Set(shotIDs).count == shotIDs.count)
        #expect(
            shotIDs.allSatisfy {
                $0.count <= 64
                    && $0.utf8.allSatisfy { b in
                        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45
                    }
            })
        let register = Set(data.population.rows.map { $0[0] })
        let linked = data.truth.rows.map { $0[1] }
        #expect(linked.filter { !$0.isEmpty }.allSatisfy { register.contains($0) })
        let outside = linked.filter(\.isEmpty).count
        #expect(outside > 0 && outside < 60)  // about 0.5 % of 4 000
    }

    @Test func shotFieldsAreWellFormed() {
        for row in data.shots.rows {
            #expect(Province.isValid(code: Int(row[6])!) && row[6].count == 2)
            #expect(row[7].hasPrefix(row[6] + "-"))
            #expect(
                row[5].isEmpty || (row[5].hasPrefix("0") && row[5].count == 10)
                    || (row[5].hasPrefix("+84") && row[5].count == 12))
            #expect((1...4).contains(Int(row[9])!))
            #expect(row[10] >= "2021-03-01" && row[10] <= "2022-12-31")
            #expect(["M", "F", ""].contains(row[4]))
        }
        let doses = data.shots.rows.map { Double($0[9])! }
        // Persons with fewer doses than drawn at the end of the run lower the mean a little.
        let perPerson = Double(doses.count) / Double(doses.filter { $0 == 1 }.count)
        #expect(perPerson > 2.2 && perPerson < 3.2)
    }

    // A clean shot (no tag) agrees with the register exactly.
    @Test func cleanShotsAgreeWithTheRegister() {
        let register = Dictionary(uniqueKeysWithValues: data.population.rows.map { ($0[0], $0) })
        var clean = 0
        for (shot, truth) in zip(data.shots.rows, data.truth.rows) where truth[2].isEmpty && !truth[1].isEmpty {
            clean += 1
            let citizen = register[truth[1]]!
            #expect(shot[1] == citizen[0])
            #expect(Array(shot[2].utf8) == Array(citizen[2].utf8))
            #expect(shot[3] == citizen[3])
            #expect(shot[4] == citizen[4])
        }
        let share = Double(clean) / Double(data.shots.rows.count)
        #expect(share > 0.5 && share < 0.65)
    }

    // Each tag alone really changes what it names, and name changes keep the canonical name.
    @Test func singleTagsChangeWhatTheyName() {
        let register = Dictionary(uniqueKeysWithValues: data.population.rows.map { ($0[0], $0) })
        for (shot, truth) in zip(data.shots.rows, data.truth.rows)
        where !truth[1].isEmpty && !truth[2].isEmpty
            && !truth[2].contains(";")
        {
            let citizen = register[truth[1]]!
            switch truth[2] {
            case "id_missing": #expect(shot[1].isEmpty)
            case "id_digit", "id_transposed": #expect(shot[1].count == 12 && shot[1] != citizen[0])
            case "id_legacy": #expect(shot[1] == citizen[1])
            case "id_length": #expect(shot[1].count == 11 || shot[1].count == 13)
            case "id_relative": #expect(shot[1] != citizen[0] && register[shot[1]] != nil)
            case "name_no_diacritics":
                #expect(shot[2].unicodeScalars.allSatisfy(\.isASCII) && foldName(shot[2]) == foldName(citizen[2]))
                #expect(shot[2] != citizen[2])
            case "name_nfd", "name_tone_placement", "name_case_spacing":
                #expect(Array(shot[2].utf8) != Array(citizen[2].utf8))
                #expect(normalizeName(shot[2]) == normalizeName(citizen[2]))
            case "name_missing_middle":
                #expect(shot[2].split(separator: " ").count == 2)
            case "dob_missing": #expect(shot[3].isEmpty)
            case "dob_dmy":
                let p = shot[3].split(separator: "/")
                #expect(p.count == 3 && "\(p[2])-\(p[1])-\(p[0])" == citizen[3])
            case "dob_year_only": #expect(shot[3] == String(citizen[3].prefix(4)) && shot[3] != citizen[3])
            case "dob_placeholder": #expect(shot[3] == citizen[3].prefix(4) + "-01-01")
            case "sex_missing": #expect(shot[4].isEmpty)
            case "sex_wrong": #expect(!shot[4].isEmpty && shot[4] != citizen[4])
            default:
                #expect(
                    shot[1] != citizen[0] || shot[2] != citizen[2] || shot[3] != citizen[3] || shot[4] != citizen[4])
            }
        }
    }

    @Test func someErrorsRepeatOnEveryDoseOfAPerson() {
        var records: [String: [String]] = [:]
        for (shot, truth) in zip(data.shots.rows, data.truth.rows) where !truth[1].isEmpty && !truth[2].isEmpty {
            records[truth[1], default: []].append(shot[1...4].joined(separator: ",") + "|" + truth[2])
        }
        let repeated = records.values.filter { $0.count >= 2 && Set($0).count == 1 }.count
        #expect(repeated > 10)
    }

    @Test func familyNamesFollowTheirShares() {
        let names = data.population.rows.map { $0[2].split(separator: " ").first.map(String.init) ?? "" }
        let nguyen = Double(names.filter { $0 == "Nguyễn" }.count) / Double(names.count)
        #expect(nguyen > 0.30 && nguyen < 0.46)
        let fullNames = data.population.rows.map { $0[2] }
        #expect(Set(fullNames).count < fullNames.count)  // exact duplicate full names exist
    }
}
