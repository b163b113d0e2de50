import Foundation
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

/// The fixture with namesakes: "Đặng Thị Thu" registered in province 1 (the person whose
/// doses the tests record) and in province 79, born a day-and-month swap apart, and a third
/// born in another year; and a woman of the person's birth year from another family and
/// province, whose ID reads as the person's own when typed on their record.
private func fixtureWithNamesakes() -> (Fixture, person: Int, swapped: Int, otherYear: Int, stranger: Int) {
    var fixture = Fixture()
    func add(_ serial: Int, _ province: Int, _ y: Int, _ m: Int, _ d: Int) {
        fixture.people.append(Fixture.Person(id: CitizenID.make(provinceCode: province, sex: .female, birthYear: y, serial: serial),
                                             name: "Đặng Thị Thu", date: PartialDate(year: y, month: m, day: d)!,
                                             sex: .female, province: province, legacy: nil))
    }
    add(9101, 1, 1992, 8, 9)
    add(9102, 79, 1992, 9, 8)
    add(9103, 79, 1961, 3, 17)
    fixture.people.append(Fixture.Person(id: CitizenID.make(provinceCode: 48, sex: .female, birthYear: 1992, serial: 9104),
                                         name: "Hoàng Thị Mai", date: PartialDate(year: 1992, month: 1, day: 30)!,
                                         sex: .female, province: 48, legacy: nil))
    let n = fixture.people.count
    return (fixture, n - 4, n - 3, n - 2, n - 1)
}

@Test func aNameLinkToANamesakeFollowsTheDoseProvenByIDFromTheSamePhone() throws {
    let (fixture, person, swapped, otherYear, _) = fixtureWithNamesakes()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let own = withPhone(fixture.shot(person), phone: 934_000_001, dose: 1)
        // Dose 2, given in province 79 without an ID, with the day and month swapped: the
        // record is the namesake's exactly, and alone it is linked to them.
        var moved = withPhone(fixture.shot(swapped, id: .missing), phone: 934_000_001, dose: 2)
        moved.provinceCode = 79
        let alone = matcher.decide(batch: [moved], threads: 1)[0]
        #expect(alone.outcome == .relinked)
        #expect(alone.citizenID == fixture.people[swapped].id)
        // Beside the person's own dose from the same phone, proven by their ID, it is theirs.
        let together = matcher.decide(batch: [own, moved], threads: 1)
        #expect(together[0].outcome == .verified)
        #expect(together[1].outcome == .relinked)
        #expect(together[1].citizenID == fixture.people[person].id)
        #expect(together[1].evidence.contains("sibling_dose=1"))
        // In either order in the file.
        #expect(matcher.decide(batch: [moved, own], threads: 1)[0].citizenID == fixture.people[person].id)
        // A record the proven citizen's birth date contradicts is neither theirs nor, beside
        // their dose, safely the namesake's: review.
        var contrary = withPhone(fixture.shot(otherYear, id: .missing), phone: 934_000_001, dose: 2)
        contrary.provinceCode = 79
        #expect(matcher.decide(batch: [contrary], threads: 1)[0].citizenID == fixture.people[otherYear].id)
        let clash = matcher.decide(batch: [own, contrary], threads: 1)[1]
        #expect(clash.outcome == .review)
        #expect(clash.evidence.contains("dose_conflict=1"))
        // Two dose 1s from one phone are two people: the name link stands.
        let twoPeople = withPhone(moved, phone: 934_000_001, dose: 1)
        #expect(matcher.decide(batch: [own, twoPeople], threads: 1)[1].citizenID == fixture.people[swapped].id)
        // Another phone is no evidence: the name link stands.
        let otherPhone = withPhone(moved, phone: 934_000_002, dose: 2)
        #expect(matcher.decide(batch: [own, otherPhone], threads: 1)[1].citizenID == fixture.people[swapped].id)
    }
}

@Test func aDoseWithARelativesIDIsLinkedThroughItsSiblingProvenByID() throws {
    let (fixture, person, _, _, stranger) = fixtureWithNamesakes()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let own = withPhone(fixture.shot(person), phone: 934_000_003, dose: 1)
        // Dose 2 with another registered person's ID typed in, one that fits the person's sex
        // and birth year: alone it reads as a stranger's own number and is not linked.
        let relativesID = withPhone(fixture.shot(person, id: .citizen(fixture.people[stranger].id)), phone: 934_000_003, dose: 2)
        let alone = matcher.decide(batch: [relativesID], threads: 1)[0]
        #expect(!(alone.outcome.isLink && alone.citizenID == fixture.people[person].id))
        // Its sibling from the same phone with the person's own ID explains the number.
        let together = matcher.decide(batch: [own, relativesID], threads: 1)[1]
        #expect(together.outcome == .relinked)
        #expect(together.citizenID == fixture.people[person].id)
        #expect(together.evidence.contains("sibling_dose=1"))
    }
}

@Test func aNameTypedInVNIWithTheInputMethodOffIsRead() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // "Trần Thị Hương" typed in VNI with the input method off, with the right ID.
        let r = matcher.decide(fixture.shot(1, name: "Tra62n Thi5 Hu7o7ng"))
        #expect(r.outcome == .corrected)
        #expect(r.citizenID == fixture.people[1].id)
        #expect(r.evidence.hasPrefix("fn=folded;mn=folded;gn=folded"))
    }
}

@Test func aLegacyNumberWithASlipStillFindsItsCitizen() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // Person 0's CMND 123456789 with its last digit wrong, on a record whose birth year
        // is one off: two slips on one record.
        let shot = fixture.shot(0, id: .legacy(123_456_780), date: PartialDate(year: 1981, month: 3, day: 14)!)
        let r = matcher.decide(shot)
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[0].id)
        #expect(r.evidence.contains("id=variant"))
        // Two adjacent digits swapped is a slip too; two wrong digits are not.
        #expect(matcher.decide(fixture.shot(0, id: .legacy(123_456_798))).evidence.contains("id=variant"))
        #expect(matcher.decide(fixture.shot(0, id: .legacy(123_456_700))).evidence.contains("id=different"))
    }
}

@Test func anIDWeighsMoreInALargerRegisterButNeverLessThanTheModelSays() {
    #expect(Comparator.idWeightShift(citizens: 2_000) == 0)
    #expect(Comparator.idWeightShift(citizens: 1_000_000) == 0)
    #expect(abs(Comparator.idWeightShift(citizens: 10_000_000) - log2(10)) < 1e-12)
    #expect(abs(Comparator.idWeightShift(citizens: 100_000_000) - log2(100)) < 1e-12)
}

@Test func whereStrangersAreManyAnIDLessLinkNeedsAProvenDoseOfThePersonOrTheirHousehold() throws {
    let fixture = Fixture()
    // A relative of person 0 (Nguyễn, province 1) and someone of another family in province 1.
    let relative = try #require(fixture.people.indices.first {
        $0 >= 5 && fixture.people[$0].name.hasPrefix("Nguyễn ") && fixture.people[$0].province == 1
    })
    let otherFamily = try #require(fixture.people.indices.first {
        $0 >= 5 && fixture.people[$0].name.hasPrefix("Vũ ") && fixture.people[$0].province == 1
    })
    try withTemporaryDirectory { dir in
        let store = try fixture.build(at: dir + "/s")
        var model = MatchModel.standard
        model.idlessLinksToReview = [.withPhone]
        let cautious = Matcher(store: store, model: model)
        let person = fixture.people[0].id
        let idless = withPhone(fixture.shot(0, id: .missing), phone: 935_000_001, dose: 1)
        // The standard model links it by name and birth date; a model that expects many
        // strangers among such links sends it to review, with the citizen as best candidate.
        #expect(Matcher(store: store, model: .standard).decide(batch: [idless], threads: 1)[0].outcome == .relinked)
        let alone = cautious.decide(batch: [idless], threads: 1)[0]
        #expect(alone.outcome == .review && alone.citizenID == person)
        #expect(alone.evidence.hasSuffix(";strangers_many=1"))
        // The stratum without a phone is not named by this model: linked.
        #expect(cautious.decide(fixture.shot(0, id: .missing)).outcome == .relinked)
        // The person's own dose from the same phone, proven by their ID, links it...
        let own = withPhone(fixture.shot(0), phone: 935_000_001, dose: 2)
        let withOwn = cautious.decide(batch: [own, idless], threads: 1)[1]
        #expect(withOwn.outcome == .relinked && withOwn.citizenID == person)
        // ...and so does a relative's: the same phone, family name and province.
        let relatives = withPhone(fixture.shot(relative), phone: 935_000_001, dose: 1)
        let withRelative = cautious.decide(batch: [relatives, idless], threads: 1)
        #expect(withRelative[0].outcome == .verified)
        #expect(withRelative[1].outcome == .relinked && withRelative[1].citizenID == person)
        #expect(withRelative[1].evidence.contains("sibling_dose=1"))
        #expect(!withRelative[1].evidence.contains("strangers_many"))
        // Someone of another family on the phone is no household of the citizen's: review.
        let others = withPhone(fixture.shot(otherFamily), phone: 935_000_001, dose: 1)
        #expect(cautious.decide(batch: [others, idless], threads: 1)[1].outcome == .review)
        // Nor is the relative on another phone.
        let elsewhere = withPhone(fixture.shot(relative), phone: 935_000_002, dose: 1)
        #expect(cautious.decide(batch: [elsewhere, idless], threads: 1)[1].outcome == .review)
    }
}
