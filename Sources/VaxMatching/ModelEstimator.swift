#if canImport(Glibc)
import Glibc
#endif
public import VaxCore
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
    }

    /// Estimates m and u starting from `start` (whose thresholds are kept).
    /// - Parameters:
    ///   - shots: a sample of recorded shots (a few hundred thousand is plenty).
    ///   - randomPairs: how many random pairs estimate u.
    ///   - minimumObservations: a u level seen fewer times than this keeps the start value,
    ///     since a handful of random agreements cannot measure a one-in-a-billion event.
    public static func estimate(store: PopulationStore, shots: [RecordedShot], start: MatchModel = .standard,
                                randomPairs: Int = 1_000_000, iterations: Int = 25, seed: UInt64 = 1,
                                minimumObservations: Int = 50, threads: Int) -> (MatchModel, Report) {
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

        // m: EM over the candidate pairs' level vectors.
        let vectors: [[Int]] = mapChunks(makeChunks(count: shots.count, parts: threads * 4), threads: threads) { range in
            range.flatMap { matcher.candidates(for: shots[$0]).prefix(10).map { $0.levels.levels } }
        }.flatMap { $0 }
        // Each shot has at most one true match among its candidates, so the share of matches
        // among candidate pairs is at most shots / pairs: without this bound EM drifts to
        // calling every candidate a match.
        let maximumShare = min(0.999, Double(shots.count) / Double(max(vectors.count, 1)))
        var share = maximumShare / 2
        var done = 0
        if !vectors.isEmpty {
            for _ in 0..<iterations {
                var mSums = fields.map { [Double](repeating: 0, count: model.m[$0.rawValue].count) }
                var total = 0.0
                for v in vectors {
                    var logRatio = log2(share / (1 - share))
                    for f in fields.indices { logRatio += log2(model.m[f][v[f]] / model.u[f][v[f]]) }
                    let p = 1 / (1 + exp2(-logRatio))
                    total += p
                    for f in fields.indices { mSums[f][v[f]] += p }
                }
                for f in fields.indices {
                    // A small pseudo-count keeps unseen levels possible.
                    let levels = Double(mSums[f].count)
                    model.m[f] = mSums[f].map { ($0 + 0.5) / (total + 0.5 * levels) }
                }
                share = min(max(total / Double(vectors.count), 1e-6), maximumShare)
                done += 1
            }
        }
        model.provenance = "em: \(vectors.count) candidate pairs, \(randomPairs) random pairs, seed \(seed)"
        return (model, Report(randomPairs: randomPairs, candidatePairs: vectors.count, iterations: done, matchShare: share))
    }
}

