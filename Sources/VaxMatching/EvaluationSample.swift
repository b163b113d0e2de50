public import VaxCore
import VaxInterchange

// A stratified sample of a run's decisions for clerical checking, where there is no answer
// key: the way national statistics offices measure linkage quality. The sampling strata are
// the five outcomes (a rare outcome such as relinked gets as many checks as a common one);
// each holds a reservoir (Vitter's algorithm R, seeded) of ⌈N / 5⌉ decisions, so a run of any
// size is streamed in memory bounded by the sample. Every row carries its stratum's size
// and sample size: the weight of a checked row is stratum size / sample size.
//
// sample.csv columns: shot_id, sampling_stratum, stratum_size, sample_size, outcome,
// citizen_id, score, age, sex, province, recorded_id, check, true_citizen_id. The clerk
// fills `check` with `correct` or `incorrect` and, when the shot's person is found in the
// register and is not the linked citizen, `true_citizen_id`:
//   link (verified, corrected, relinked): correct = the linked citizen is the shot's person;
//   review, unmatched: correct = the person is not in the register (nothing to link).

/// One decision drawn for clerical checking, and what the clerk found.
public struct SampledDecision: Sendable, Equatable {
    public var shotID: String
    public var outcome: Outcome
    public var citizenID: CitizenID?
    public var score: Double
    public var strata: ShotStrata
    /// The clerk's verdict: nil before checking.
    public var isCorrect: Bool?
    /// The citizen the clerk found the shot belongs to, when it is not the linked one.
    public var trueCitizenID: CitizenID?
    /// The recorded-ID stratum as a sample file wrote it (nil: judged from `strata`).
    public var recordedIDStratum: String?

    public init(
        shotID: String, outcome: Outcome, citizenID: CitizenID?, score: Double, strata: ShotStrata,
        isCorrect: Bool? = nil, trueCitizenID: CitizenID? = nil
    ) {
        self.shotID = shotID
        self.outcome = outcome
        self.citizenID = citizenID
        self.score = score
        self.strata = strata
        self.isCorrect = isCorrect
        self.trueCitizenID = trueCitizenID
    }

    /// The domains the decision is reported in (ShotStrata's dimensions but the tag; the
    /// recorded ID judged against the linked citizen, "present" for a non-link).
    public var domains: [String] {
        var keys = strata.keys(reference: outcome.isLink ? citizenID : nil, knowsOwner: outcome.isLink, tags: nil)
        if let recordedIDStratum { keys[3] = "recorded_id=" + recordedIDStratum }
        return keys
    }
}

/// Draws the stratified sample while decisions stream past.
public struct ClericalSampler: Sendable {
    /// Streams decisions.csv with shots.csv (for the strata) into a sampler of about `size`.
    /// - Throws: `VaxError(.badInput)` for unreadable inputs or a decided shot missing from shots.csv.
    /// - Complexity: O(decisions + shots); memory O(size) plus shots read out of order.
    public static func draw(decisionsPath: String, shotsPath: String, size: Int, seed: UInt64) throws -> ClericalSampler {
        var sampler = ClericalSampler(size: size, seed: seed)
        let decisions = try DecisionsReader(path: decisionsPath)
        var strata = try StrataCursor(path: shotsPath)
        while let (rows, issues) = try decisions.readBatch(maxRows: 1 << 16) {
            if let issue = issues.first { throw VaxError(.badInput, issue.reason, file: decisionsPath, line: issue.line) }
            for row in rows {
                guard let s = try strata.strata(for: row.shotID) else {
                    throw VaxError(.badInput, "shot is not in shots.csv", file: decisionsPath, line: row.line,
                                   field: "shot_id")
                }
                sampler.offer(SampledDecision(shotID: row.shotID, outcome: row.outcome, citizenID: row.citizenID,
                                              score: row.score, strata: s))
            }
        }
        return sampler
    }

    /// Decisions kept per outcome.
    public let perStratum: Int
    private var rng: SplitMix64
    private var reservoirs: [[SampledDecision]]
    /// Decisions seen per outcome (the stratum sizes).
    public private(set) var sizes: [Int]

    /// A sampler of about `size` decisions in all.
    public init(size: Int, seed: UInt64) {
        precondition(size > 0, "a sample holds at least one decision")
        perStratum = (size + Outcome.allCases.count - 1) / Outcome.allCases.count
        rng = SplitMix64(seed: seed, stream: 0x5A4D_504C, index: 0)
        reservoirs = Array(repeating: [], count: Outcome.allCases.count)
        sizes = Array(repeating: 0, count: Outcome.allCases.count)
    }

    /// The sampling stratum of an outcome.
    static func stratum(_ outcome: Outcome) -> Int { Outcome.allCases.firstIndex(of: outcome)! }

    /// Offers one decision. - Complexity: O(1).
    public mutating func offer(_ decision: SampledDecision) {
        let h = ClericalSampler.stratum(decision.outcome)
        sizes[h] += 1
        if reservoirs[h].count < perStratum {
            reservoirs[h].append(decision)
        } else {
            let j = rng.below(sizes[h])
            if j < perStratum { reservoirs[h][j] = decision }
        }
    }

    /// The sample, stratum by stratum.
    public var sample: [SampledDecision] { reservoirs.flatMap { $0 } }

    /// Writes the sample for the clerks (see the top of this file).
    /// - Throws: `VaxError(.environment)` if the file cannot be written.
    public func write(path: String) throws {
        let writer = try CSVWriter(path: path, header: ClericalSampler.header)
        for (h, reservoir) in reservoirs.enumerated() {
            for d in reservoir {
                try writer.writeRow([
                    d.shotID, Outcome.allCases[h].name, "\(sizes[h])", "\(reservoir.count)", d.outcome.name,
                    d.citizenID?.description ?? "", formatFixed(d.score, 6), d.strata.ageBand, d.strata.sex,
                    d.strata.province,
                    d.strata.idStratum(
                        reference: d.outcome.isLink ? d.citizenID : nil,
                        knowsOwner: d.outcome.isLink),
                    d.isCorrect.map { $0 ? "correct" : "incorrect" } ?? "", d.trueCitizenID?.description ?? "",
                ])
            }
        }
        try writer.commit()
    }

    static let header = [
        "shot_id", "sampling_stratum", "stratum_size", "sample_size", "outcome", "citizen_id", "score", "age", "sex",
        "province", "recorded_id", "check", "true_citizen_id",
    ]
}
