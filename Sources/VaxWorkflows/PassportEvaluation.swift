import VaxCore
import VaxInterchange
import VaxLedger

/// Scores issued passports against a generated answer key (truth.csv): a passport is
/// wrong-person if any dose it certifies (any link decision it rests on, as its ledger entry
/// names them) belongs to someone else, or to someone outside the register, per the key.
/// It is incomplete if the holder has a dose in the key that the passport does not rest on
/// (its dn may then be too low).
///
/// Memory: one dictionary entry per truth row (a few tens of bytes each) and one per passport;
/// this is a test-data tool, run on generated sets, not on a national register.
public struct PassportEvaluation: Sendable, Equatable {
    /// Passports checked (rows of passports.csv).
    public var passports = 0
    /// Passports certifying at least one dose of another person.
    public var wrongPerson = 0
    /// Passports whose holder has a dose in the key that the passport does not rest on.
    public var incomplete = 0
    /// Doses certified in all (decisions the passports rest on).
    public var doses = 0
    /// Certified doses that belong to someone else.
    public var wrongDoses = 0
    /// Up to ten wrong-person passports' UVCIs, for a person to look at.
    public var examples: [String] = []

    /// Scores `passportsPath` (citizen_id, uvci, hc1) against `truthPath`, through the passport
    /// entries of `ledgerPath` that name the decisions each rests on.
    /// - Throws: `.badInput` for an unreadable file or a passport whose UVCI the ledger does not
    ///   record for that citizen; `.corruption` for a damaged ledger.
    /// - Complexity: O(truth rows + passports + certified doses × log(entries)).
    public static func evaluate(passportsPath: String, ledgerPath: String, truthPath: String) throws
        -> PassportEvaluation
    {
        // The true owner of each shot, and how many shots each person really has.
        var owner: [String: UInt64] = [:]
        var trueDoses: [UInt64: Int] = [:]
        let truth = try TruthReader(path: truthPath)
        while let (rows, _) = try truth.readBatch(maxRows: 1 << 16) {
            for row in rows {
                let id = row.citizenID?.rawValue ?? UInt64.max
                owner[row.shotID] = id
                if id != UInt64.max { trueDoses[id, default: 0] += 1 }
            }
        }
        // The decisions a passport rests on, read by seq (a point query each).
        let reader = try LedgerReader(path: ledgerPath)
        func trueOwner(seq: Int) throws -> UInt64 {
            switch try reader.entry(seq: seq) {
            case .decision(let decision)? where decision.outcome.isLink: return owner[decision.shotID] ?? UInt64.max
            case .review(let review)? where review.choice == .link: return owner[review.shotID] ?? UInt64.max
            default: throw VaxError(.corruption, "a passport rests on entry \(seq), not a link", file: ledgerPath)
            }
        }
        var recorded: [String: PassportRecord] = [:]
        for record in try reader.passports() { recorded[record.uvci] = record }

        var result = PassportEvaluation()
        let csv = try CSVReader(path: passportsPath)
        var isHeader = true
        while let row = try csv.readRecord({ record in
            record.count >= 2 && record.malformation == nil ? (record.line, record.string(0), record.string(1)) : nil
        }) {
            guard let (line, citizenText, uvci) = row else {
                throw VaxError(.badInput, "not a passports.csv row", file: passportsPath, line: csv.line)
            }
            if isHeader {
                isHeader = false
                continue
            }
            guard let citizen = Array(citizenText.utf8).withUnsafeBytes({ CitizenID(digits: $0) }),
                let record = recorded[uvci],
                record.citizenID == citizen
            else {
                throw VaxError(
                    .badInput, "the ledger records no passport with this row's UVCI for its citizen",
                    file: passportsPath, line: line)
            }
            result.passports += 1
            var wrong = 0
            for seq in record.decisionSeqs where try trueOwner(seq: seq) != citizen.rawValue { wrong += 1 }
            result.doses += record.decisionSeqs.count
            result.wrongDoses += wrong
            if wrong > 0 {
                result.wrongPerson += 1
                if result.examples.count < 10 { result.examples.append(uvci) }
            }
            if trueDoses[citizen.rawValue, default: 0] > record.decisionSeqs.count - wrong { result.incomplete += 1 }
        }
        return result
    }

    /// The lines `vaxlink passport evaluate` prints.
    public var text: String {
        var lines = [
            "passports checked: \(passports) (\(doses) certified doses)",
            "wrong-person passports: \(wrongPerson) (\(wrongDoses) doses of someone else)",
            "incomplete passports (a dose of the holder not certified): \(incomplete)",
        ]
        if !examples.isEmpty { lines.append("wrong-person UVCIs: " + examples.joined(separator: " ")) }
        return lines.joined(separator: "\n")
    }

    /// The same as JSON.
    public var json: String {
        JSONText.object([
            ("passports", .int(passports)), ("wrong_person", .int(wrongPerson)), ("incomplete", .int(incomplete)),
            ("doses", .int(doses)), ("wrong_doses", .int(wrongDoses)),
            ("examples", .array(examples.map { .string($0) })),
        ]).render()
    }

    /// `vaxlink passport evaluate`: the scores; a found problem if any passport is wrong-person.
    public static func report(passportsPath: String, ledgerPath: String, truthPath: String, json: Bool) throws
        -> WorkflowReport
    {
        let result = try evaluate(passportsPath: passportsPath, ledgerPath: ledgerPath, truthPath: truthPath)
        return WorkflowReport(
            output: json ? result.json : result.text,
            diagnostics: result.wrongPerson > 0
                ? "vaxlink: \(result.wrongPerson) passports certify another person's dose\n" : "",
            foundProblem: result.wrongPerson > 0)
    }
}
