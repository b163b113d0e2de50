public import VaxStorage
import VaxNames

/// Decides shots against the population store with a Fellegi-Sunter model.
///
/// Immutable and shared by all worker threads; every decision depends only on the shot,
/// the store and the model, so results never depend on the thread count.
public final class Matcher: Sendable {
    public let store: PopulationStore
    public let model: MatchModel
    let comparator: Comparator
    /// When rows of another family name found by given name and birth date may go unscored.
    let otherFamilyRule: OtherFamilyRule
    /// Whether every row a search finds is scored: off, rows that cannot change what the
    /// search keeps are not read (OtherFamilyRule, `idRowsSettle`, the far rows' bound);
    /// on only in tests that compare the two.
    let scoresEveryRow: Bool
    let neighbours: [TokenNeighbours]
    let tokenIndex: TokenIndex
    let registeredText: RegisteredNameText
    /// The folded ID of the empty middle name (people registered without one), looked up
    /// once rather than for every shot; UInt32.max when nobody lacks a middle name.
    let emptyMiddle: UInt32
    /// Candidates scored at most per shot; blocks larger than this are cut deterministically.
    /// 500 rather than 2000: on 200 k national shots (100 M citizens) it cut the CPU time by
    /// 2.6x and precision and recall both rose slightly; the rows past 500 of a common name's
    /// block were noise. 200 was no faster and lost precision.
    let candidateLimit = 500

    public convenience init(store: PopulationStore, model: MatchModel) {
        self.init(store: store, model: model, scoresEveryRow: false)
    }

    init(store: PopulationStore, model: MatchModel, scoresEveryRow: Bool) {
        self.scoresEveryRow = scoresEveryRow
        self.store = store
        self.model = model
        comparator = Comparator(store: store, model: model)
        otherFamilyRule = OtherFamilyRule(model: model, weights: comparator.weights)
        neighbours = NamePart.allCases.map { TokenNeighbours(table: store.dictionaries[$0].folded, frequency: store.dictionaries[$0].foldedFrequency) }
        tokenIndex = TokenIndex(store.dictionaries)
        registeredText = RegisteredNameText(store.dictionaries)
        emptyMiddle = UInt32(store.dictionaries[.middle].folded.find([UInt8]()) ?? Int(UInt32.max))
    }
}
