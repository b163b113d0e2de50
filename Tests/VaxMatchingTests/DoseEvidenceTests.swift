import Testing
import VaxCore
@testable import VaxMatching
import VaxStorage
import VaxTestSupport

@Test func aNameTypedInTelexWithTheRightIDIsCorrectedNotLost() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(0, name: "Nguyeenx Vawn An"))
        #expect(r.outcome == .corrected)
        #expect(r.citizenID == fixture.people[0].id)
        #expect(r.corrections == [.fullName])
    }
}

/// Shots of the fixture's people with a phone and a dose number.
private func withPhone(_ shot: RecordedShot, phone: UInt64, dose: Int) -> RecordedShot {
    var s = shot
    s.phone = phone
    s.doseNumber = dose
    return s
}

@Test func aHouseholdPhoneResolvesTwinsButNeverTheSameDoseTwice() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // People 3 and 4 have the same name and birth date: without an ID a shot is a review...
        let twin = withPhone(fixture.shot(3, id: .missing), phone: 912_345_678, dose: 2)
        #expect(matcher.decide(batch: [twin], threads: 1)[0].outcome == .review)
        // ...until a dose from the same phone is linked to person 3 by their own ID.
        let own = withPhone(fixture.shot(3), phone: 912_345_678, dose: 1)
        let results = matcher.decide(batch: [own, twin], threads: 1)
        #expect(results[0].outcome == .verified)
        #expect(results[1].outcome == .relinked)
        #expect(results[1].citizenID == fixture.people[3].id)
        #expect(results[1].evidence.contains("sibling_dose=1"))
        // The same dose number twice from one phone is not one person's: it stays in review.
        let sameDose = withPhone(fixture.shot(3, id: .missing), phone: 912_345_678, dose: 1)
        #expect(matcher.decide(batch: [own, sameDose], threads: 1)[1].outcome == .review)
    }
}

@Test func aNameLinkThatClashesWithTheCitizensOwnDoseGoesToReview() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // Person 2's own dose 1, recorded with their ID from their phone.
        let own = withPhone(fixture.shot(2), phone: 901_111_111, dose: 1)
        // Another dose 1 with the same name and birth date but no ID, from another phone:
        // alone it would be relinked to person 2; beside their own dose 1 it is a lookalike.
        let lookalike = withPhone(fixture.shot(2, id: .missing), phone: 902_222_222, dose: 1)
        #expect(matcher.decide(batch: [lookalike], threads: 1)[0].outcome == .relinked)
        let results = matcher.decide(batch: [own, lookalike], threads: 1)
        #expect(results[0].outcome == .verified)
        #expect(results[1].outcome == .review)
        #expect(results[1].evidence.contains("dose_conflict=1"))
    }
}

@Test func aNameLinkFromAnotherPhoneThanTheCitizensOwnDosesGoesToReviewWhateverTheDose() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // Person 2's own doses 1 and 2, with their ID, from their phone.
        let own1 = withPhone(fixture.shot(2), phone: 901_111_111, dose: 1)
        let own2 = withPhone(fixture.shot(2), phone: 901_111_111, dose: 2)
        // A dose 3 with the same name and birth date, no ID, from another phone: nothing but
        // the name and date ties it to person 2, whose own doses speak for another phone.
        let other = withPhone(fixture.shot(2, id: .missing), phone: 902_222_222, dose: 3)
        let results = matcher.decide(batch: [own1, own2, other], threads: 1)
        #expect(results[0].outcome == .verified && results[1].outcome == .verified)
        #expect(results[2].outcome == .review)
        #expect(results[2].evidence.contains("dose_conflict=1"))
        // The contrast: the same dose 3 from person 2's own phone is theirs.
        let same = withPhone(fixture.shot(2, id: .missing), phone: 901_111_111, dose: 3)
        let linked = matcher.decide(batch: [own1, own2, same], threads: 1)
        #expect(linked[2].outcome == .relinked)
        #expect(linked[2].citizenID == fixture.people[2].id)
    }
}

@Test func aSiblingLinkedByNameAloneDoesNotOverruleADosesOwnObjection() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // A well-formed CCCD nobody in the register holds: alone, a review (`unregisteredID`).
        let foreign = CitizenID.make(provinceCode: 79, sex: .male, birthYear: 1990, serial: 777_777)
        let unregistered = withPhone(fixture.shot(2, id: .citizen(foreign)), phone: 903_333_333, dose: 2)
        #expect(matcher.decide(batch: [unregistered], threads: 1)[0].outcome == .review)
        // Its sibling from the same phone has no ID and is linked by name and birth date
        // alone: the pair proves no more than one name does, so the review stands.
        let idless = withPhone(fixture.shot(2, id: .missing), phone: 903_333_333, dose: 1)
        let byName = matcher.decide(batch: [idless, unregistered], threads: 1)
        #expect(byName[0].outcome == .relinked)
        #expect(byName[1].outcome == .review)
        // The contrast: a sibling linked by person 2's own ID carries the dose with it.
        let own = withPhone(fixture.shot(2), phone: 903_333_333, dose: 1)
        let byID = matcher.decide(batch: [own, unregistered], threads: 1)
        #expect(byID[0].outcome == .verified)
        #expect(byID[1].outcome == .relinked)
        #expect(byID[1].evidence.contains("sibling_dose=1"))
    }
}

@Test func evidenceTextsMatchTheirLevels() {
    let v = ComparisonVector(family: .folded, middle: .missing, given: .similar, birthDate: .swapped, sex: .different,
                             citizenID: .variant, province: .different)
    #expect(v.evidence == "fn=folded;mn=missing;gn=similar;dob=swapped;sex=different;id=variant;prov=different")
    #expect(v.evidence == v.evidenceText)
}
