import Testing
import VaxCore
import VaxInterchange
import VaxMatching
import VaxTestSupport

// An ID field as a clerk or a spreadsheet leaves it (issue 16: how Vietnamese records are
// really typed and kept): in groups, marked as text, or kept as a number without its zeros.

private func matchable(_ typed: String) -> RecordedID {
    Array(typed.utf8).withUnsafeBytes { RecordedID(bytes: $0) }.matchable
}

@Test func anIDInGroupsOrWithoutItsLeadingZerosIsReadAsTheNumberItIs() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        // Person 0 is registered in province 01 (ID 00...), person 2 in 79 (ID 07...).
        for person in [0, 2] {
            let id = fixture.people[person].id
            let text = id.description
            let grouped = [" ", ".", "-"].map { s in
                String(text.prefix(3)) + s + String(text.dropFirst(3).prefix(3)) + s + String(text.suffix(6))
            }
            let asNumber = String(text.drop { $0 == "0" })
            #expect(asNumber.count == (person == 0 ? 10 : 11))
            for typed in grouped + ["'" + text] + (person == 2 ? [asNumber] : []) {
                #expect(matchable(typed) == .citizen(id), "\(typed)")
                let r = matcher.decide(fixture.shot(person, id: matchable(typed)))
                #expect(r.outcome == .verified && r.citizenID == id, "\(typed)")
            }
            if person == 0 {
                // Ten digits could be a CMND with a digit typed twice: the number is looked
                // up with its 00 back, and found it weighs as an ID one slip off.
                #expect(matchable(asNumber) == .malformed(Array(asNumber.utf8)))
                let r = matcher.decide(fixture.shot(person, id: matchable(asNumber)))
                #expect(r.outcome.isLink && r.citizenID == id, "\(asNumber)")
                #expect(r.candidates.first?.levels.citizenID == .variant)
            }
        }
        // Ten digits that name nobody with their 00 back are no ID, not an unregistered one.
        let unknown = matchable("1999999999")
        #expect(unknown == .malformed(Array("1999999999".utf8)))
        #expect(matcher.decide(fixture.shot(0, id: unknown)).candidates.first?.levels.citizenID == .missing)
        // A CMND kept as a number: 8 digits are the 9 less a leading 0.
        #expect(matchable("12345678") == .legacy(12_345_678))
        #expect(matchable("123 456 789") == .legacy(123_456_789))
    }
}

@Test func digitsThatAreNoIDInAnotherFormStayAsTyped() {
    // A mobile phone typed into the ID field: 10 digits from 0.
    #expect(matchable("0912345678") == .malformed(Array("0912345678".utf8)))
    // Ten digits whose province (with the two zeros back) does not exist: 009... is none.
    #expect(matchable("9912345678") == .malformed(Array("9912345678".utf8)))
    // Eleven digits from 0 lost some other digit: kept, without the separators, for the
    // search of the numbers one digit longer.
    #expect(matchable("001 080 00010") == .malformed(Array("00108000010".utf8)))
    // Letters, or an apostrophe inside, are not a form of a number.
    #expect(matchable("00108000010x") == .malformed(Array("00108000010x".utf8)))
    #expect(matchable("001'080000101") == .malformed(Array("001'080000101".utf8)))
    // Thirteen digits are not shortened: that is a digit too many, for the variant search.
    #expect(matchable("0010800001011") == .malformed(Array("0010800001011".utf8)))
}
