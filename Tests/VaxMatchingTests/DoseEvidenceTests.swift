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

@Test func evidenceTextsMatchTheirLevels() {
    let v = ComparisonVector(family: .folded, middle: .missing, given: .similar, birthDate: .swapped, sex: .different,
                             citizenID: .variant, province: .different)
    #expect(v.evidence == "fn=folded;mn=missing;gn=similar;dob=swapped;sex=different;id=variant;prov=different")
    #expect(v.evidence == v.evidenceText)
}
