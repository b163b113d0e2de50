import Testing
import VaxCore
import VaxDataGen
import VaxInterchange
@testable import VaxMatching
import VaxStorage
import VaxTestSupport
import VaxWorkflows

// Rows a search finds but need not read: of another family name beside a fully agreeing
// best (OtherFamilyRule), every name lookup when the recorded ID's rows settle the shot
// (`Matcher.idRowsSettle`), rows born far from the recorded date that cannot be kept
// (`Comparator.weightBound`). None may change a decision.

/// A register where one given name and birth date are shared by 400 people of 20 other
/// family names, beside the people the shots are about.
private struct SharedBirthday {
    static let date = PartialDate(year: 1984, month: 6, day: 9)!
    var fixture = Fixture()

    init() {
        let families = ["Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
                        "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Mai"]
        for i in 0..<400 {
            let sex: Sex = i % 2 == 0 ? .male : .female
            fixture.people.append(.init(id: CitizenID.make(provinceCode: [1, 79, 48][i % 3], sex: sex, birthYear: 1984, serial: 5000 + i),
                                        name: "\(families[i % 20]) \(["Văn", "Thị", "Minh"][i % 3]) Khoa",
                                        date: Self.date, sex: sex, province: [1, 79, 48][i % 3], legacy: nil))
        }
        // The people the shots name: a family name none of the 400 has.
        fixture.people.append(.init(id: CitizenID.make(provinceCode: 1, sex: .male, birthYear: 1984, serial: 9001),
                                    name: "Nguyễn Văn Khoa", date: Self.date, sex: .male, province: 1, legacy: nil))
        fixture.people.append(.init(id: CitizenID.make(provinceCode: 79, sex: .female, birthYear: 1984, serial: 9002),
                                    name: "Nguyễn Thị Khoa", date: Self.date, sex: .female, province: 79, legacy: nil))
    }
    var khoa: Int { fixture.people.count - 2 }
    var sister: Int { fixture.people.count - 1 }
}

/// Builds the register and gives `body` a function deciding a shot twice: with the matcher
/// as `vaxlink match` runs it (`held`) and with one that scores every row it finds (`all`).
private func withBothMatchers(_ register: SharedBirthday,
                              _ body: ((RecordedShot) -> (held: MatchResult, all: MatchResult)) throws -> Void) throws {
    try withTemporaryDirectory { dir in
        let store = try register.fixture.build(at: dir + "/s")
        let holding = Matcher(store: store, model: .standard)
        let scoringAll = Matcher(store: store, model: .standard, scoresEveryRow: true)
        try body { shot in (holding.decide(shot), scoringAll.decide(shot)) }
    }
}

@Test func theShippedModelLetsRowsOfAnotherFamilyWaitAndAStrictMarginDoesNot() throws {
    try withTemporaryDirectory { dir in
        let store = try Fixture().build(at: dir + "/s")
        let weights = Comparator(store: store, model: .standard).weights
        #expect(OtherFamilyRule(model: .standard, weights: weights).applies)
        // A link margin wider than the gap between an agreeing and a disagreeing family name:
        // a row of another family could come within it, so nothing may be dropped.
        var strict = MatchModel.standard
        strict.linkMargin = 12
        #expect(!OtherFamilyRule(model: strict, weights: Comparator(store: store, model: strict).weights).applies)
        // A model in which a middle name equal without diacritics weighs more than an exact one:
        // an exact best no longer bounds the others.
        var odd = MatchModel.standard
        odd.m[Field.middle.rawValue][NameLevel.folded.rawValue] = 0.95
        #expect(!OtherFamilyRule(model: odd, weights: Comparator(store: store, model: odd).weights).applies)
    }
}

@Test func rowsOfAnotherFamilyAreDroppedOnlyBesideAFullyAgreeingDecisiveBest() throws {
    let register = SharedBirthday()
    try withBothMatchers(register) { both in
        let f = register.fixture
        // No ID, everything else as registered: the 400 are dropped unscored.
        let clean = both(f.shot(register.khoa, id: .missing))
        #expect(clean.held.outcome == .relinked && clean.held.citizenID == f.people[register.khoa].id)
        #expect(clean.all.outcome == clean.held.outcome && clean.all.citizenID == clean.held.citizenID)
        #expect(clean.held.log2Odds == clean.all.log2Odds && clean.held.evidence == clean.all.evidence)
        #expect(clean.all.rowsScored >= 400)
        #expect(clean.held.rowsScored < 20, "\(clean.held.rowsScored) rows scored")
        // A middle name typed wrong: the best does not agree fully, so every row is scored.
        let typo = both(f.shot(register.khoa, id: .missing, name: "Nguyễn Vn Khoa"))
        #expect(typo.held.rowsScored == typo.all.rowsScored)
        #expect(typo.held.outcome == typo.all.outcome && typo.held.citizenID == typo.all.citizenID)
        // Another province than the register's: scored too.
        var moved = f.shot(register.sister, id: .missing)
        moved.provinceCode = 48
        let away = both(moved)
        #expect(away.held.rowsScored == away.all.rowsScored)
        #expect(away.held.outcome == away.all.outcome && away.held.citizenID == away.all.citizenID)
    }
}

/// The bound holds for every row the recorded ID does not find: each weighs at most
/// `weightBound`, each born far from the recorded date at most the far bound, and each of
/// another family name at most that bound.
@Test func noRowOutsideTheIDLookupsWeighsMoreThanTheBound() throws {
    let fixture = Fixture()
    try withTemporaryDirectory { dir in
        let store = try fixture.build(at: dir + "/s")
        let matcher = Matcher(store: store, model: .standard)
        let comparator = matcher.comparator
        var shots: [RecordedShot] = []
        for i in stride(from: 0, to: fixture.people.count, by: 97) {
            let p = fixture.people[i]
            shots.append(fixture.shot(i, id: .missing))
            shots.append(fixture.shot(i, id: .citizen(CitizenID(rawValue: p.id.rawValue + 1)), sex: .some(nil)))
            shots.append(fixture.shot(i, id: .legacy(123_456_789), name: p.name.lowercased(), date: .some(nil)))
            let words = p.name.split(separator: " ")
            shots.append(fixture.shot(i, id: .missing, name: words.dropFirst().joined(separator: " ")))
            shots.append(fixture.shot(i, id: .malformed(Array("12345678901".utf8)),
                                      name: String(decoding: p.name.utf8.map { $0 < 0x80 ? $0 : 0x61 }, as: UTF8.self)))
        }
        var compared = 0, far = 0, otherFamilies = 0, tight = 0
        for shot in shots {
            let name = ShotName(shot.name, index: matcher.tokenIndex)
            let bound = comparator.weightBound(shot, name: name)
            let farBound = comparator.weightBound(shot, name: name, dates: [.yearOnly, .different])
            let otherFamilyBound = comparator.weightBound(shot, name: name, familyDisagrees: true)
            for row in 0..<store.rowCount {
                let legacy: LegacyMatch = store.rows(ofLegacy: 123_456_789).contains(row) ? .exact : .unrelated
                let (levels, w) = comparator.compare(shot, name: name, row: row, legacy: legacy)
                switch levels.citizenID {
                case .exact, .variant, .legacy: continue  // found by the ID's own lookups
                case .missing, .different, .differentSelfConsistent: break
                }
                #expect(w <= bound + 1e-9, "row \(row) weighs \(w) above the bound \(bound)")
                if bound - w < 1e-9 { tight += 1 }
                if levels.birthDate == .yearOnly || levels.birthDate == .different {
                    #expect(w <= farBound + 1e-9, "row \(row) born far weighs \(w) above \(farBound)")
                    far += 1
                }
                if levels.family == .different {
                    #expect(w <= otherFamilyBound + 1e-9, "row \(row) of another family weighs \(w) above \(otherFamilyBound)")
                    otherFamilies += 1
                }
                compared += 1
            }
        }
        #expect(compared > 10_000 && far > 10_000 && otherFamilies > 10_000)
        // The bound is reached: it is the weight of a row that agrees wherever it can.
        #expect(tight > 0)
    }
}

/// A shot whose own ID is found and settles it is decided without any lookup by name.
@Test func theRecordedIDsOwnRowSettlesAShotWithoutTheNameSearch() throws {
    let register = SharedBirthday()
    try withBothMatchers(register) { both in
        // The right ID, the family name typed as another: the fast path does not take it, and
        // the name search would find the 400 born that day with that given name.
        let (a, b) = both(register.fixture.shot(register.khoa, name: "Trần Văn Khoa"))
        #expect(a.outcome == .corrected && a.citizenID == register.fixture.people[register.khoa].id)
        #expect(b.outcome == a.outcome && b.citizenID == a.citizenID && b.log2Odds == a.log2Odds && b.evidence == a.evidence)
        #expect(a.rowsScored == 1, "\(a.rowsScored) rows scored")
        #expect(b.rowsScored > 400)
    }
}

/// On a generated register and its shots, every decision is the same whether or not rows
/// are left unread, undecided shots keep the same candidates, and rows are spared.
@Test func holdingBackRowsOfAnotherFamilyChangesNoDecision() throws {
    try withTemporaryDirectory { dir in
        _ = try DataGenerator(parameters: GeneratorParameters(citizens: 40_000, shots: 12_000, seed: 515)).generate(into: dir, threads: 2)
        _ = try PopulationIngest.build(population: dir + "/population.csv", store: dir + "/store", shards: 1, threads: 2, quiet: true)
        let store = try PopulationStore.open(dir + "/store")
        let holding = Matcher(store: store, model: .standard)
        let scoringAll = Matcher(store: store, model: .standard, scoresEveryRow: true)
        var source = try ShotsFileSource(path: dir + "/shots.csv")
        var shots = 0, rowsHeld = 0, rowsAll = 0
        while let batch = try source.nextBatch(maxRecords: 4096) {
            for shot in batch.shots {
                let a = holding.decide(shot), b = scoringAll.decide(shot)
                #expect(a.outcome == b.outcome && a.citizenID == b.citizenID && a.log2Odds == b.log2Odds
                        && a.evidence == b.evidence && a.corrections == b.corrections, "shot \(shots)")
                if !a.outcome.isLink {
                    #expect(a.candidates.map(\.citizenID) == b.candidates.map(\.citizenID)
                            && a.candidates.map(\.log2Odds) == b.candidates.map(\.log2Odds), "candidates of shot \(shots)")
                }
                rowsHeld += a.rowsScored
                rowsAll += b.rowsScored
                shots += 1
            }
        }
        #expect(shots == 12_000)
        #expect(rowsHeld < rowsAll, "\(rowsHeld) rows scored against \(rowsAll)")
    }
}
