#if canImport(Glibc)
import Glibc
#endif
public import VaxCore
public import VaxStorage

/// A candidate and how well it matches, for review and evidence.
public struct ScoredCandidate: Sendable {
    public var row: StoreRow
    public var citizenID: CitizenID
    /// Posterior log2-odds that the shot is this citizen's.
    public var log2Odds: Double
    public var levels: ComparisonVector

    /// The match probability in [0, 1].
    public var score: Double { 1 / (1 + exp2(-log2Odds)) }
}
