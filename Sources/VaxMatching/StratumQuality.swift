/// The quality of one stratum, for the report's "weakest strata" table.
public struct StratumQuality: Sendable, Equatable {
    /// "dimension=value", e.g. "age=80+" or "recorded_id=another_persons".
    public var stratum: String
    public var shots: Int
    public var precision: EstimatedRate
    public var recall: EstimatedRate
    public var reviewRate: Double
    /// Whether precision (recall) rests on enough trials to count toward `weakness`.
    public var countsPrecision = true
    public var countsRecall = true

    public init(stratum: String, shots: Int, precision: EstimatedRate, recall: EstimatedRate, reviewRate: Double) {
        self.stratum = stratum
        self.shots = shots
        self.precision = precision
        self.recall = recall
        self.reviewRate = reviewRate
    }

    /// The lower interval bound of precision or recall, whichever is lower.
    public var weakness: Double { min(countsPrecision ? precision.lower : 1, countsRecall ? recall.lower : 1) }

    /// The `count` weakest of `rows` (lowest `weakness` first, then by name).
    public static func weakestFirst(_ rows: [StratumQuality], count: Int) -> [StratumQuality] {
        let sorted = rows.sorted { a, b in
            let x = a.weakness
            let y = b.weakness
            return x < y || (x == y && a.stratum < b.stratum)
        }
        return Array(sorted.prefix(count))
    }
}
