#if canImport(Glibc)
import Glibc
#endif
import VaxCore
public import VaxStorage

/// Fits a model to a register and a sample of its shots, as Splink does: u from random
/// (shot, citizen) pairs, which are almost never the same person, and m by
/// expectation-maximisation over the candidate pairs that the search finds.
public enum ModelEstimator {
    /// What an estimation produced, for the operator.
    public struct Report: Sendable {
        public var randomPairs: Int
        public var candidatePairs: Int
        public var iterations: Int
        /// The estimated share of candidate pairs that are matches.
        public var matchShare: Double
        /// Set when thresholds were set from a precision target.
        public var thresholds: ThresholdChoice?
        /// Set with the thresholds: the share of strangers among ID-less name links.
        public var strangers: StrangerEstimate?
    }

    /// Estimates m and u starting from `start` (whose thresholds are kept).
    /// - Parameters:
    ///   - shots: a sample of recorded shots (a few hundred thousand is plenty).
    ///   - randomPairs: how many random pairs estimate u.
    ///   - minimumObservations: a u level seen fewer times than this keeps the start value,
    ///     since a handful of random agreements cannot measure a one-in-a-billion event.
    public static func estimate(store: PopulationStore, shots: [RecordedShot], start: MatchModel = .standard,
                                randomPairs: Int = 1_000_000, iterations: Int = 25, seed: UInt64 = 1,
                                minimumObservations: Int = 50, targetPrecision: Double? = nil,
                                threads: Int) -> (MatchModel, Report) {
        let matcher = Matcher(store: store, model: start)
        var model = start
        let fields = Field.allCases

        // u: level frequencies among random pairs.
        var uCounts = fields.map { [Double](repeating: 0, count: start.u[$0.rawValue].count) }
        if store.rowCount > 0 && !shots.isEmpty {
            let chunks = makeChunks(count: randomPairs, parts: threads * 4)
            let partials = mapChunks(chunks, threads: threads) { range -> [[Double]] in
                var counts = fields.map { [Double](repeating: 0, count: start.u[$0.rawValue].count) }
                var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(range.lowerBound))
                for _ in range {
                    let shot = shots[rng.below(shots.count)]
                    let levels = matcher.levels(shot, row: rng.below(store.rowCount)).levels
                    for f in fields { counts[f.rawValue][levels[f.rawValue]] += 1 }
                }
                return counts
            }
            for p in partials { for f in fields.indices { for l in uCounts[f].indices { uCounts[f][l] += p[f][l] } } }
            for f in fields.indices {
                for l in uCounts[f].indices where uCounts[f][l] >= Double(minimumObservations) {
                    model.u[f][l] = uCounts[f][l] / Double(randomPairs)
                }
                // Renormalise the measured levels so that each field's u sums to 1.
                let total = model.u[f].reduce(0, +)
                model.u[f] = model.u[f].map { $0 / total }
            }
        }

        // m: EM over the pairs that the recorded ID finds, as Splink trains with a blocking
        // rule: a field that chose the pairs cannot be learned from them (they all agree on
        // it), so the ID is left out of the odds and its m is kept from `start`. (Pairs found
        // by name and birth date hold so many non-matches that EM learned nonsense for the
        // ID's m from them: 0.55 for "someone else's valid ID".)
        let idField = Field.citizenID.rawValue
        let vectors: [[Int]] = mapChunks(makeChunks(count: shots.count, parts: threads * 4), threads: threads) { range in
            range.compactMap { i -> [Int]? in
                guard case .citizen(let id) = shots[i].recordedID, let row = matcher.store.row(of: id) else { return nil }
                return matcher.levels(shots[i], row: row).levels
            }
        }.flatMap { $0 }
        let others = Set(fields.indices).subtracting([idField])
        let (m, share, done) = expectationMaximization(vectors, model: model, learn: others, use: others,
                                                       maximumShare: 0.999, iterations: iterations)
        model.m = m
        model.provenance = "em: \(vectors.count) candidate pairs, \(randomPairs) random pairs, seed \(seed)"
        var choice: ThresholdChoice?
        var strangers: StrangerEstimate?
        if let targetPrecision {
            choice = ThresholdChoice.make(vectors, model: model, learned: others, share: share,
                                          citizens: store.rowCount, targetPrecision: targetPrecision)
            if let choice {
                choice.apply(to: &model)
                // The sample decided with the chosen model, its doses grouped among themselves,
                // says how many of its ID-less links are strangers (StrangerEstimate).
                let results = Matcher(store: store, model: model).decide(batch: shots, threads: threads)
                let estimate = StrangerEstimate.make(shots: shots, results: results, targetPrecision: targetPrecision)
                estimate.apply(to: &model)
                strangers = estimate
            }
        }
        return (model, Report(randomPairs: randomPairs, candidatePairs: vectors.count, iterations: done, matchShare: share,
                              thresholds: choice, strangers: strangers))
    }

    /// EM over level vectors: re-estimates m of the fields in `learn` (and the match share),
    /// with the fields in `use` in the odds. Returns the new m, the share and iterations run.
    static func expectationMaximization(_ vectors: [[Int]], model: MatchModel, learn: Set<Int>, use: Set<Int>,
                                        maximumShare: Double, iterations: Int) -> ([[Double]], Double, Int) {
        var m = model.m
        guard !vectors.isEmpty else { return (m, 0, 0) }
        var share = maximumShare / 2
        let used = use.sorted()
        for iteration in 0..<iterations {
            var sums = m.map { [Double](repeating: 0, count: $0.count) }
            var total = 0.0
            for v in vectors {
                var logRatio = log2(share / (1 - share))
                for f in used { logRatio += log2(m[f][v[f]] / model.u[f][v[f]]) }
                let p = 1 / (1 + exp2(-logRatio))
                total += p
                for f in learn { sums[f][v[f]] += p }
            }
            for f in learn {
                // A small pseudo-count keeps unseen levels possible.
                let levels = Double(sums[f].count)
                m[f] = sums[f].map { ($0 + 0.5) / (total + 0.5 * levels) }
            }
            share = min(max(total / Double(vectors.count), 1e-6), maximumShare)
            if iteration == iterations - 1 { return (m, share, iterations) }
        }
        return (m, share, iterations)
    }
}

