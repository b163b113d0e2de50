import VaxCore
import VaxInterchange
import VaxLedger
import VaxPassport

/// Joins a finished run's decisions (from the ledger) with the shots they decided (from
/// shots.csv) into an `EligibilityIndex`, streaming both in input order: memory is the
/// index's 16 bytes per shot plus one batch of shots. Each link is judged by `LinkEvidence`
/// (its outcome and evidence text): a citizen with a link too weak for a passport is held back
/// as weak_evidence. Decisions are the effective ones: a shot a person settled by review
/// (`LedgerReader.personDecisions`) counts with the person's outcome and citizen, and a
/// person's link is strong evidence (they checked the citizen or the paper record).
enum PassportEligibilityScan {
    /// Reads every accepted shot of `shotsPath` and the decision for it, hashing the file in
    /// the same pass (spec: issue 12 finding 8), so that what is parsed is what the ledger names.
    /// - Parameter shotsSHA256: the digest of shots.csv that the ledger's header records.
    /// - Throws: `.badInput` if the bytes read are not the ones the ledger's run decided, or
    ///   for an unreadable shots.csv header; `.problem` if the ledger lacks a decision for an
    ///   accepted shot or holds one for a line that is not an accepted shot (an unfinished
    ///   run); `.corruption` for a damaged ledger.
    /// - Complexity: O(shots + decisions).
    static func scan(shotsPath: String, shotsSHA256: SHA256Digest?, ledger: LedgerReader, quiet: Bool) throws
        -> EligibilityIndex
    {
        let shots = try ShotsReader(path: shotsPath, hashingContent: true)
        func otherShots() -> VaxError {
            VaxError(.badInput, "these shots are not the ones the ledger's run decided", file: shotsPath)
        }
        do {
            let index = try scan(shots, shotsPath: shotsPath, ledger: ledger, quiet: quiet)
            guard shots.contentSHA256 == shotsSHA256 else { throw otherShots() }
            return index
        } catch let error as VaxError where error.kind == .problem {
            // Other shots disagree with the decisions long before the end: read on to the end
            // (error path only) to tell other shots (exit 2) from an unfinished run (exit 1).
            var rest = ShotBatch()
            while try shots.readBatch(into: &rest, maxRows: 1 << 16) {}
            if shots.contentSHA256 != shotsSHA256 { throw otherShots() }
            throw error
        }
    }

    private static func scan(_ shots: ShotsReader, shotsPath: String, ledger: LedgerReader, quiet: Bool) throws
        -> EligibilityIndex
    {
        let decisions = try ledger.decisionsWithEvidence()
        let people = try ledger.personDecisions()
        // A shot with an open complaint is disputed: its linked citizen and the complainants
        // wait for the site's decision (review_pending), as for a shot in review.
        var disputed: [Int: [CitizenID]] = [:]
        for (seq, c) in people.complaints where people.isOpen(complaintSeq: seq, decision: c.concernsSeq) {
            disputed[c.concernsSeq, default: []].append(c.citizenID)
        }
        var strength = LinkStrengths(texts: try ledger.evidenceTexts())
        var index = EligibilityIndex()
        var batch = ShotBatch()
        var pending = try decisions.next()
        let progress = ProgressReporter(stage: "passport: read decisions and shots", unit: "shots", quiet: quiet)
        func unfinished(_ line: Int) -> VaxError {
            VaxError(
                .problem,
                "the ledger holds no decision for the shot at line \(line): the match run is unfinished "
                    + "or was made from other inputs; finish 'vaxlink match' first", file: shotsPath, line: line)
        }
        while try shots.readBatch(into: &batch, maxRows: 1 << 16) {
            for i in 0..<batch.count {
                let line = batch.lines[i]
                guard let detail = pending, detail.summary.line <= line else { throw unfinished(line) }
                var decision = detail.summary
                guard decision.line == line else {
                    throw VaxError(
                        .problem,
                        "the ledger holds a decision for line \(decision.line), which is not an accepted shot",
                        file: shotsPath, line: decision.line)
                }
                let vaccine = batch.withBytes(.vaccine, i) { VaccineProduct.code(named: $0) }
                let date = batch.vaccinationDate(i)
                let dose = batch.doseNumber(i)
                // A person's link is named by its review entry: the passport rests on it
                // (ledger-format.md R10 accepts a review entry that links the same citizen).
                let person = people.final[decision.seq]
                if let (reviewSeq, record) = person {
                    decision.outcome = record.outcome
                    decision.citizenID = record.citizenID
                    if record.choice == .link { decision.seq = reviewSeq }
                }
                switch decision.outcome {
                case .verified, .corrected, .relinked:
                    guard let citizen = decision.citizenID else {
                        throw VaxError(
                            .corruption, "a link decision without a citizen (entry \(decision.seq))",
                            file: ledger.path)
                    }
                    index.append(
                        citizenID: citizen, role: .link, seq: decision.seq, vaccinatedOn: date,
                        doseNumber: dose, vaccine: vaccine,
                        isStrong: person != nil
                            || strength.isStrong(outcome: decision.outcome, code: detail.evidenceCode))
                case .review:
                    if let candidate = decision.citizenID {
                        index.append(
                            citizenID: candidate, role: .review, seq: decision.seq, vaccinatedOn: nil,
                            doseNumber: nil, vaccine: 0)
                    }
                case .unmatched:
                    if case .citizen(let recorded) = batch.citizenID(i) {
                        index.append(
                            citizenID: recorded, role: .unmatched, seq: decision.seq, vaccinatedOn: nil,
                            doseNumber: nil, vaccine: 0)
                    }
                }
                for citizen in (disputed[detail.summary.seq] ?? [])
                    + (decision.outcome.isLink ? [decision.citizenID!] : [])
                where disputed[detail.summary.seq] != nil {
                    index.append(
                        citizenID: citizen, role: .review, seq: decision.seq, vaccinatedOn: nil, doseNumber: nil,
                        vaccine: 0)
                }
                pending = try decisions.next()
            }
            progress.advance(by: batch.count)
        }
        if let extra = pending?.summary {
            throw VaxError(
                .problem, "the ledger holds a decision for line \(extra.line), beyond the shots read",
                file: shotsPath, line: extra.line)
        }
        progress.finish()
        index.sort()
        return index
    }
}

/// `LinkEvidence.isStrong` for each (evidence code, outcome) of one ledger, judged once:
/// a ledger holds a few hundred evidence texts and hundreds of millions of decisions.
struct LinkStrengths {
    let texts: [String]
    /// 0: not judged yet, 1: strong, 2: weak; at code × 8 + outcome.
    private var verdicts: [UInt8]

    init(texts: [String]) {
        self.texts = texts
        verdicts = [UInt8](repeating: 0, count: texts.count * 8)
    }

    /// Whether a passport may rest on a link with `outcome` and evidence text `code`.
    mutating func isStrong(outcome: Outcome, code: Int) -> Bool {
        let slot = code * 8 + Int(outcome.rawValue)
        if verdicts[slot] == 0 {
            verdicts[slot] = LinkEvidence(outcome: outcome, evidence: texts[code]).isStrong ? 1 : 2
        }
        return verdicts[slot] == 1
    }
}
