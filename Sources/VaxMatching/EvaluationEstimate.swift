import VaxCore
import VaxInterchange

/// Precision and recall estimated from a checked clerical sample (EvaluationSample.swift),
/// overall and per domain, with 95 % intervals.
///
/// Stratified ratio estimators: with N_h decisions in sampling stratum h and n_h of them
/// checked, each checked decision weighs N_h / n_h. Precision = Ŷ / X̂ with y = a correct
/// link and x = a link; recall = Ŷ / X̂ with x = the shot's person is registered (a correct
/// link, or a true citizen found by the clerk). A domain (age band, sex, province, recorded
/// ID) sets y and x to 0 outside it. The variance is the linearised one,
/// V(R̂) = Σ_h N_h² (1 − n_h / N_h) s²_h(z) / n_h / X̂² with z = y − R̂ x (Cochran 1977, 6.11),
/// turned into a Wilson interval through the effective sample size (EstimatedRate).
public struct ClericalEstimate: Sendable {
    /// One checked decision as the estimator sees it.
    public struct Unit: Sendable {
        public var stratum: Int
        public var isCorrectLink: Bool
        public var isLink: Bool
        public var isLinkable: Bool
        public var domains: [String]

        public init(stratum: Int, isCorrectLink: Bool, isLink: Bool, isLinkable: Bool, domains: [String]) {
            self.stratum = stratum
            self.isCorrectLink = isCorrectLink
            self.isLink = isLink
            self.isLinkable = isLinkable
            self.domains = domains
        }

        /// The unit of a checked decision.
        /// - Returns: nil if the clerk left it unchecked.
        public init?(_ d: SampledDecision) {
            guard let correct = d.isCorrect else { return nil }
            let link = d.outcome.isLink
            self.init(
                stratum: ClericalSampler.stratum(d.outcome), isCorrectLink: link && correct, isLink: link,
                isLinkable: (link && correct) || d.trueCitizenID != nil, domains: d.domains)
        }
    }

    /// Estimates of one domain ("all" for the whole run).
    public struct Domain: Sendable {
        public var name: String
        public var checked: Int
        public var precision: EstimatedRate
        public var recall: EstimatedRate
    }

    public var overall: Domain
    public var domains: [Domain]

    /// Estimates from checked units; `sizes[h]` is the number of decisions in stratum h.
    public init(units: [Unit], sizes: [Int]) {
        let strata = sizes.count
        var checked = [Int](repeating: 0, count: strata)
        for u in units { checked[u.stratum] += 1 }
        func estimate(_ name: String, _ inDomain: (Unit) -> Bool) -> Domain {
            let members = units.filter(inDomain)
            func ratio(_ x: (Unit) -> Bool) -> EstimatedRate {
                var yTotal = 0.0
                var xTotal = 0.0
                for u in members {
                    let w = Double(sizes[u.stratum]) / Double(checked[u.stratum])
                    if u.isCorrectLink { yTotal += w }
                    if x(u) { xTotal += w }
                }
                let sampled = members.filter(x).count
                guard xTotal > 0 else { return EstimatedRate(value: 1, lower: 0, upper: 1) }
                let r = yTotal / xTotal
                // z over every checked unit of each stratum (0 outside the domain).
                var variance = 0.0
                var sums = [Double](repeating: 0, count: strata)
                var squares = sums
                for u in members {
                    let z = (u.isCorrectLink ? 1.0 : 0) - r * (x(u) ? 1.0 : 0)
                    sums[u.stratum] += z
                    squares[u.stratum] += z * z
                }
                for h in 0..<strata where checked[h] > 1 && sizes[h] > checked[h] {
                    let n = Double(checked[h])
                    let bigN = Double(sizes[h])
                    let s2 = max(0, (squares[h] - sums[h] * sums[h] / n) / (n - 1))
                    variance += bigN * bigN * (1 - n / bigN) * s2 / n
                }
                variance /= xTotal * xTotal
                return .wilson(estimate: r, variance: variance, sampled: sampled)
            }
            return Domain(
                name: name, checked: members.count, precision: ratio { $0.isLink }, recall: ratio { $0.isLinkable })
        }
        overall = estimate("all") { _ in true }
        let names = Set(units.flatMap(\.domains)).sorted()
        domains = names.map { name in estimate(name) { $0.domains.contains(name) } }
    }

    /// Reads a checked sample file.
    /// - Returns: the checked decisions and the stratum sizes (by outcome).
    /// - Throws: `VaxError(.badInput)` for a missing column or a bad value, naming the line.
    public static func read(path: String) throws -> (decisions: [SampledDecision], sizes: [Int]) {
        let reader = try CSVReader(path: path)
        guard let header = try reader.readRecord({ r in (0..<r.count).map { r.string($0) } }) else {
            throw VaxError(.badInput, "the checked sample is empty", file: path)
        }
        var column: [String: Int] = [:]
        for name in ClericalSampler.header {
            guard let i = header.firstIndex(of: name) else {
                throw VaxError(.badInput, "the checked sample has no column \(name)", file: path)
            }
            column[name] = i
        }
        var sizes = [Int](repeating: 0, count: Outcome.allCases.count)
        var decisions: [SampledDecision] = []
        while let row = try reader.readRecord({ r in (r.line, (0..<r.count).map { r.string($0) }) }) {
            let (line, fields) = row
            func field(_ name: String) -> String {
                let i = column[name]!
                return i < fields.count ? fields[i] : ""
            }
            func bad(_ name: String) -> VaxError {
                VaxError(.badInput, "bad value in column \(name)", file: path, line: line, field: name)
            }
            guard let stratum = Outcome(name: field("sampling_stratum")) else { throw bad("sampling_stratum") }
            guard let outcome = Outcome(name: field("outcome")) else { throw bad("outcome") }
            guard let size = Int(field("stratum_size")), size > 0 else { throw bad("stratum_size") }
            sizes[ClericalSampler.stratum(stratum)] = size
            let id = field("citizen_id")
            let trueID = field("true_citizen_id")
            guard id.isEmpty || citizenID(id) != nil else { throw bad("citizen_id") }
            guard trueID.isEmpty || citizenID(trueID) != nil else { throw bad("true_citizen_id") }
            let check = field("check").lowercased()
            guard ["", "correct", "incorrect"].contains(check) else { throw bad("check") }
            let recordedID: RecordedID
            switch field("recorded_id") {
            case "absent": recordedID = .missing
            case "legacy": recordedID = .legacy(0)
            case "malformed": recordedID = .malformed([])
            default: recordedID = .citizen(citizenID(id) ?? CitizenID(rawValue: 0))
            }
            var d = SampledDecision(
                shotID: field("shot_id"), outcome: outcome, citizenID: citizenID(id),
                score: Double(field("score")) ?? 0,
                strata: ShotStrata(
                    ageBand: field("age"), sex: field("sex"),
                    province: field("province"), recordedID: recordedID),
                isCorrect: check.isEmpty ? nil : check == "correct",
                trueCitizenID: citizenID(trueID))
            // The recorded-ID domain is kept as the sample wrote it.
            d.recordedIDStratum = field("recorded_id")
            decisions.append(d)
        }
        return (decisions, sizes)
    }

    /// A readable table.
    public var report: String {
        var lines = [
            "estimated from a checked sample of \(overall.checked) decisions (stratified by outcome; weight = stratum size / checked)",
            "precision \(overall.precision.formatted()), recall \(overall.recall.formatted())  (95 % intervals)",
            "domain                          checked  precision [95 % CI]             recall [95 % CI]",
        ]
        for d in domains {
            lines.append(
                pad(d.name, 32) + pad("\(d.checked)", 9) + pad(d.precision.formatted(5), 32) + d.recall.formatted(5))
        }
        return lines.joined(separator: "\n")
    }
}

/// A 12-digit citizen ID from text, or nil.
private func citizenID(_ text: String) -> CitizenID? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBytes { CitizenID(digits: UnsafeRawBufferPointer($0)) }
}
