import Testing
import VaxCore
import VaxInterchange
import VaxMatching
import VaxStorage
import VaxTestSupport

/// A tiny register where every case below has a known answer.
struct Fixture {
    struct Person { var id: CitizenID; var name: String; var date: PartialDate; var sex: Sex; var province: Int; var legacy: UInt32? }
    var people: [Person] = []

    init() {
        func add(_ serial: Int, _ name: String, _ y: Int, _ m: Int, _ d: Int, _ sex: Sex, province: Int = 1, legacy: UInt32? = nil) {
            people.append(Person(id: CitizenID.make(provinceCode: province, sex: sex, birthYear: y, serial: serial), name: name,
                                 date: PartialDate(year: y, month: m, day: d)!, sex: sex, province: province, legacy: legacy))
        }
        add(101, "Nguyễn Văn An", 1980, 3, 14, .male, legacy: 123_456_789)
        add(102, "Trần Thị Hương", 1975, 11, 2, .female)
        add(103, "Lê Đức Thắng", 1990, 7, 21, .male, province: 79)
        // Two people nobody can tell apart from a record without an ID.
        add(104, "Phạm Thị Lan", 1985, 5, 5, .female)
        add(105, "Phạm Thị Lan", 1985, 5, 5, .female)
        // Filler, so that names have realistic frequencies.
        var rng = SplitMix64(seed: 4)
        let families = ["Nguyễn", "Trần", "Lê", "Hoàng", "Vũ"], middles = ["Văn", "Thị", "Minh", "Ngọc"]
        let givens = ["Bình", "Cường", "Dung", "Giang", "Hải", "Khánh", "Long", "Mai", "Nam", "Oanh", "Phúc", "Quân"]
        for serial in 200..<2200 {
            let sex: Sex = rng.chance(0.5) ? .male : .female
            add(serial, "\(families[rng.below(5)]) \(middles[rng.below(4)]) \(givens[rng.below(12)])",
                1940 + rng.below(70), 1 + rng.below(12), 1 + rng.below(28), sex, province: [1, 79, 48][rng.below(3)])
        }
    }

    func build(at path: String) throws -> PopulationStore {
        let builder = StoreBuilder(sourcePath: "population.csv")
        for (i, p) in people.enumerated() {
            var name = p.name
            name.withUTF8 {
                builder.add(RegisterRecord(line: i + 2, citizenID: p.id, legacyID: p.legacy, birthDate: p.date, sex: p.sex,
                                           provinceCode: p.province), fullName: UnsafeRawBufferPointer($0))
            }
        }
        _ = try builder.write(to: path, shardCount: 2, threads: 2)
        return try PopulationStore.open(path)
    }

    func shot(_ i: Int, id: RecordedID? = nil, name: String? = nil, date: PartialDate?? = nil, sex: Sex?? = nil) -> RecordedShot {
        let p = people[i]
        return RecordedShot(recordedID: id ?? .citizen(p.id), fullName: Array((name ?? p.name).utf8),
                            birthDate: date ?? p.date, sex: sex ?? p.sex, phone: 0, provinceCode: p.province, doseNumber: 1)
    }
}

@Test func aCleanShotIsVerified() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(0))
        #expect(r.outcome == .verified)
        #expect(r.citizenID == fixture.people[0].id)
        #expect(r.corrections.isEmpty)
        #expect(r.score > 0.99)
    }
}

@Test func aRightIDWithASwappedDateIsCorrected() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(1, date: PartialDate(year: 1975, month: 2, day: 11)!))
        #expect(r.outcome == .corrected)
        #expect(r.citizenID == fixture.people[1].id)
        #expect(r.corrections == [.birthDate])
    }
}

@Test func aMissingIDIsRelinkedByTheOtherFields() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(2, id: .missing))
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[2].id)
        #expect(r.corrections.contains(.citizenID))
    }
}

@Test func aOneDigitWrongIDIsRelinkedToTheRightPerson() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let right = fixture.people[2].id.rawValue
        let wrong = CitizenID(rawValue: right - right % 10 + (right % 10 + 1) % 10)
        let r = matcher.decide(fixture.shot(2, id: .citizen(wrong)))
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[2].id)
    }
}

@Test func aLegacyIDFindsTheCitizen() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(0, id: .legacy(123_456_789)))
        #expect(r.outcome == .relinked)
        #expect(r.citizenID == fixture.people[0].id)
    }
}

@Test func indistinguishableCandidatesGoToReviewNeverAGuess() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(fixture.shot(3, id: .missing))
        #expect(r.outcome == .review)
        #expect(r.candidates.count >= 2)
        #expect(Set(r.candidates.prefix(2).map(\.citizenID)) == [fixture.people[3].id, fixture.people[4].id])
    }
}

@Test func somebodyNotInTheRegisterIsUnmatched() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        let r = matcher.decide(RecordedShot(recordedID: .missing, fullName: Array("Đinh Công Tráng".utf8),
                                            birthDate: PartialDate(year: 1961, month: 9, day: 30)!, sex: .male, phone: 0,
                                            provinceCode: 1, doseNumber: 1))
        #expect(r.outcome == .unmatched)
        #expect(r.citizenID == nil)
    }
}

@Test func batchDecisionsDoNotDependOnThreads() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let matcher = Matcher(store: try fixture.build(at: dir + "/s"), model: .standard)
        var rng = SplitMix64(seed: 8)
        let shots = (0..<3000).map { _ -> RecordedShot in
            let i = rng.below(fixture.people.count)
            return fixture.shot(i, id: rng.chance(0.3) ? .missing : nil, date: rng.chance(0.2) ? .some(nil) : nil)
        }
        let one = matcher.decide(batch: shots, threads: 1), two = matcher.decide(batch: shots, threads: 2)
        #expect(one.map(\.outcome) == two.map(\.outcome))
        #expect(one.map(\.citizenID) == two.map(\.citizenID))
        #expect(one.map(\.log2Odds) == two.map(\.log2Odds))
    }
}

@Test func modelFileRoundTripsAndRejectsGarbage() throws {
    try withTemporaryDirectory { dir in
        try MatchModel.standard.save(path: dir + "/m.model")
        let back = try MatchModel.load(path: dir + "/m.model")
        #expect(back == MatchModel.standard)
        #expect(back.hash() == MatchModel.standard.hash())
        #expect(throws: VaxError.self) { try MatchModel(text: "vaxlink-model 1\nm fn 2 x\n", file: "bad") }
    }
}
