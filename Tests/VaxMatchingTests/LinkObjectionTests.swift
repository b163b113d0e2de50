import Testing
import VaxCore
import VaxInterchange
@testable import VaxMatching
import VaxStorage
import VaxTestSupport

// The rules of Matcher+Decide that keep a name link out (LinkObjection) and read typing
// slips for what they are, each checked against its contrast case: the same shot without
// the evidence the rule reads is decided the other way.

/// The fixture with people whose IDs the tests record on other people's shots: a stranger
/// (another family, another province) and a relative of person 2 (Lê, province 79), both
/// with the sex and birth year of person 2, so their IDs read as person 2's own.
private func fixtureWithOwners() -> (Fixture, stranger: CitizenID, relative: CitizenID) {
    var fixture = Fixture()
    let stranger = CitizenID.make(provinceCode: 1, sex: .male, birthYear: 1990, serial: 9001)
    let relative = CitizenID.make(provinceCode: 79, sex: .male, birthYear: 1990, serial: 9002)
    fixture.people.append(Fixture.Person(id: stranger, name: "Hoàng Quốc Việt", date: PartialDate(year: 1990, month: 2, day: 9)!,
                                         sex: .male, province: 1, legacy: nil))
    fixture.people.append(Fixture.Person(id: relative, name: "Lê Đức Toàn", date: PartialDate(year: 1990, month: 2, day: 9)!,
                                         sex: .male, province: 79, legacy: nil))
    return (fixture, stranger, relative)
}

/// Person 2's ID (Lê Đức Thắng, 079 0 90 serial 103) with the digits at `positions` (0 = first) raised by one.
private func person2ID(_ fixture: Fixture, changing positions: [Int]) -> CitizenID {
    var digits = Array(fixture.people[2].id.description.utf8)
    for p in positions { digits[p] = 48 + (digits[p] - 48 + 1) % 10 }
    return CitizenID(String(decoding: digits, as: UTF8.self))!
}

@Test func aWellFormedIDNobodyHoldsKeepsANameLinkInReview() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // Another serial in the same province, sex and year: a CCCD issued after the extract.
        let foreign = CitizenID.make(provinceCode: 79, sex: .male, birthYear: 1990, serial: 777_777)
        #expect(matcher.store.row(of: foreign) == nil)
        let r = matcher.decide(fixture.shot(2, id: .citizen(foreign)))
        #expect(r.outcome == .review)
        #expect(r.citizenID == fixture.people[2].id)
        // The contrast: without the ID the same record links.
        #expect(matcher.decide(fixture.shot(2, id: .missing)).outcome == .relinked)
    }
}

@Test func twoSlipsOfTheCandidatesOwnIDStillLink() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let twoDigits = person2ID(fixture, changing: [8, 10])
        #expect(matcher.store.row(of: twoDigits) == nil)
        let r = matcher.decide(fixture.shot(2, id: .citizen(twoDigits)))
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[2].id)
    }
}

@Test func plausibleSlipsAreTwoDigitsOrADigitAndASwap() {
    let id = CitizenID(rawValue: 079_090_000_103)
    #expect(isPlausibleSlip(CitizenID(rawValue: 079_090_000_203), of: id))  // one digit
    #expect(isPlausibleSlip(CitizenID(rawValue: 079_090_005_203), of: id))  // two digits
    #expect(isPlausibleSlip(CitizenID(rawValue: 079_090_001_053), of: id))  // 01 swapped to 10, and a 0 typed as 5
    #expect(!isPlausibleSlip(CitizenID(rawValue: 079_090_123_456), of: id))
    #expect(!isPlausibleSlip(CitizenID(rawValue: 079_190_005_203), of: id))  // three digits
}

@Test func aCCCDShapeIsWellFormedAnyOtherIsNot() {
    #expect(CitizenID.make(provinceCode: 79, sex: .female, birthYear: 2003, serial: 5).hasValidStructure)
    #expect(!CitizenID(rawValue: 079_590_000_103).hasValidStructure)  // sex/century digit 5
    #expect(!CitizenID(rawValue: 003_090_000_103).hasValidStructure)  // no province 03
}

@Test func aStrangersSelfConsistentIDKeepsANameLinkInReviewARelativesDoesNot() throws {
    let (fixture, stranger, relative) = fixtureWithOwners()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let byStranger = matcher.decide(fixture.shot(2, id: .citizen(stranger)))
        #expect(byStranger.outcome == .review)
        #expect(byStranger.citizenID == fixture.people[2].id)
        let byRelative = matcher.decide(fixture.shot(2, id: .citizen(relative)))
        #expect(byRelative.outcome == .relinked)
        #expect(byRelative.citizenID == fixture.people[2].id)
    }
}

@Test func aRelativesIDWithASlipIsNotTakenForAnUnregisteredOne() throws {
    let (fixture, _, relative) = fixtureWithOwners()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let slipped = CitizenID(rawValue: relative.rawValue + 10)
        #expect(matcher.store.row(of: slipped) == nil)
        #expect(!isPlausibleSlip(slipped, of: fixture.people[2].id))
        #expect(matcher.decide(fixture.shot(2, id: .citizen(slipped))).outcome == .relinked)
    }
}

@Test func aBirthDateEqualToTheVaccinationDateCountsAsMissing() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let day = PartialDate(year: 2021, month: 8, day: 14)!
        var shot = fixture.shot(2, id: .missing, date: .some(day))
        // Read as a birth date, it disagrees (the tiny register links the shot anyway).
        #expect(matcher.decide(shot).candidates.first?.levels.birthDate == .different)
        shot.vaccinatedOn = day
        let r = matcher.decide(shot)
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[2].id)
        #expect(r.candidates.first?.levels.birthDate == .missing)
        #expect(r.corrections.contains(.birthDate))
    }
}

@Test func aCMNDPaddedToTwelveDigitsIsReadAsTheCMND() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let padded = Array("000123456789".utf8)
        let id = padded.withUnsafeBytes { RecordedID(bytes: $0) }.matchable
        let r = matcher.decide(fixture.shot(0, id: id))
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[0].id)
        #expect(r.candidates.first?.levels.citizenID == .legacy)
    }
}

@Test func aNameWithoutItsFamilyNameMatchesOnItsMiddleAndGivenName() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // "Đức Thắng" for "Lê Đức Thắng", the ID one digit off, the birth year one off, no sex,
        // vaccinated in another province: read as typed ("Đức" the family name) it falls short.
        var shot = fixture.shot(2, id: .citizen(person2ID(fixture, changing: [11])), name: "Đức Thắng",
                                date: .some(PartialDate(year: 1991, month: 7, day: 21)!), sex: .some(nil))
        shot.provinceCode = 1
        let asTyped = matcher.decide(shot, name: nil)
        #expect(!asTyped.outcome.isLink)
        #expect(asTyped.candidates.first?.levels.family == .different)
        let r = matcher.decide(shot)
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[2].id)
        #expect(r.candidates.first?.levels.family == .missing)
        #expect(r.candidates.first?.levels.middle == .exact)
    }
}

@Test func aGivenNameAloneLinksOnlyWithTheIDsSupport() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let withoutID = matcher.decide(fixture.shot(2, id: .missing, name: "Thắng"))
        #expect(withoutID.outcome == .review)
        #expect(withoutID.citizenID == fixture.people[2].id)
        let withID = matcher.decide(fixture.shot(2, name: "Thắng"))
        #expect(withID.outcome.isLink)
        #expect(withID.citizenID == fixture.people[2].id)
    }
}

@Test func aNameLinkToACitizenTooYoungToBeVaccinatedGoesToReview() throws {
    var fixture = Fixture()
    let child = CitizenID.make(provinceCode: 1, sex: .male, birthYear: 2019, serial: 9101)
    fixture.people.append(Fixture.Person(id: child, name: "Võ Minh Khôi", date: PartialDate(year: 2019, month: 6, day: 1)!,
                                         sex: .male, province: 1, legacy: nil))
    let k = fixture.people.count - 1
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // No ID, a dose in March 2022: the register's Khôi was 2 years old.
        var shot = fixture.shot(k, id: .missing)
        shot.vaccinatedOn = PartialDate(year: 2022, month: 3, day: 10)
        let r = matcher.decide(shot)
        #expect(r.outcome == .review)
        #expect(r.citizenID == child)
        // The contrasts: the same record on the day he turns 5 links...
        shot.vaccinatedOn = PartialDate(year: 2024, month: 6, day: 1)
        #expect(matcher.decide(shot).outcome == .relinked)
        // ...and so does a dose that carries his own ID: the objection is to name links only.
        var withID = fixture.shot(k)
        withID.vaccinatedOn = PartialDate(year: 2022, month: 3, day: 10)
        #expect(matcher.decide(withID).outcome == .verified)
    }
}

@Test func anAgeIsCertainOnlyAtTheEarliestBirthAndTheLatestDay() {
    let day = PartialDate(year: 2022, month: 3, day: 10)!
    #expect(isYounger(than: 5, born: PartialDate(year: 2017, month: 3, day: 11)!, on: day))
    #expect(!isYounger(than: 5, born: PartialDate(year: 2017, month: 3, day: 10)!, on: day))  // the 5th birthday
    // A year-only birth date could be 1 January: then he was already 5 in March 2022.
    #expect(!isYounger(than: 5, born: PartialDate(year: 2017)!, on: day))
    #expect(isYounger(than: 5, born: PartialDate(year: 2018)!, on: day))
    // A vaccination date without its day could be the last day of the month.
    #expect(!isYounger(than: 5, born: PartialDate(year: 2017, month: 3, day: 31)!, on: PartialDate(year: 2022, month: 3)!))
    #expect(isYounger(than: 5, born: PartialDate(year: 2017, month: 4, day: 1)!, on: PartialDate(year: 2022, month: 3)!))
}
