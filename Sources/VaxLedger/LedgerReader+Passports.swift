public import VaxCore

/// What passport issuance needs of one decision: where it is and whom it links.
public struct DecisionSummary: Sendable, Equatable {
    /// The decision's sequence number in the ledger.
    public var seq: Int
    /// The physical line of shots.csv where the shot starts.
    public var line: Int
    /// The decision.
    public var outcome: Outcome
    /// The linked citizen, or the best candidate for review; nil for none.
    public var citizenID: CitizenID?
}

/// Streams the decisions of a ledger in sequence order, reading only their fixed fields
/// (no evidence text is resolved). One owner; not thread-safe.
public final class DecisionCursor {
    private let statement: SQLiteStatement
    private let path: String

    init(database: SQLiteDatabase) throws {
        statement = try database.prepare("SELECT seq, body FROM entry WHERE shot_id IS NOT NULL ORDER BY seq")
        path = database.path
    }

    /// The next decision, or nil after the last.
    /// - Throws: `.corruption` for an entry that is not a well-formed decision.
    public func next() throws -> DecisionSummary? {
        guard try statement.step() else { return nil }
        let seq = Int(statement.int64(0))
        let summary = statement.withBytes(1) { body -> DecisionSummary? in
            var r = ByteReader(body)
            guard r.u8() == EntryKind.decision.rawValue, let line = r.u32(), r.u8() != nil,
                let outcome = r.u8().flatMap(Outcome.init(rawValue:)), let citizen = r.u64(),
                citizen == EntryCodec.noCitizen || citizen < 1_000_000_000_000
            else { return nil }
            return DecisionSummary(
                seq: seq, line: Int(line), outcome: outcome,
                citizenID: citizen == EntryCodec.noCitizen ? nil : CitizenID(rawValue: citizen))
        }
        guard let summary else {
            throw VaxError(
                .corruption, "entry \(seq) is not a well-formed decision; run 'vaxlink ledger verify'", file: path)
        }
        return summary
    }
}

extension LedgerReader {
    /// A cursor over the ledger's decisions in sequence order.
    public func decisions() throws -> DecisionCursor { try DecisionCursor(database: database) }

    /// The passports recorded in the ledger, in sequence order. O(entries without shot_id).
    /// - Throws: `.corruption` for a passport entry that does not decode.
    public func passports() throws -> [PassportRecord] {
        var out: [PassportRecord] = []
        try forEachPassport(fromSeq: 0) { _, record in out.append(record) }
        return out
    }

    /// Calls `body` with each passport recorded at seq `from` or later, in sequence order,
    /// streaming (one record in memory at a time): what a resumed `passport issue` checks its
    /// in-progress file against. O(entries without shot_id from `from` on).
    /// - Throws: `.corruption` for a passport entry that does not decode; what `body` throws.
    public func forEachPassport(fromSeq from: Int, _ body: (_ seq: Int, PassportRecord) throws -> Void) throws {
        let statement = try database.prepare(
            "SELECT seq, body FROM entry WHERE shot_id IS NULL AND seq >= ?1 ORDER BY seq")
        statement.bind(1, Int64(from))
        while try statement.step() {
            let seq = Int(statement.int64(0))
            guard statement.withBytes(1, { $0.first == EntryKind.passport.rawValue }) else { continue }
            guard case .passport(let record)? = statement.withBytes(1, { EntryCodec.decode(body: $0, shotID: nil) })
            else {
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
            try body(seq, record)
        }
    }

    /// The citizens the ledger records passports for, ascending: 8 bytes each, so that a
    /// national ledger's tens of millions fit where their full records would not.
    /// O(entries without shot_id + passports log passports).
    /// - Throws: `.corruption` for a passport entry too short to name its citizen.
    public func issuedCitizenIDs() throws -> [UInt64] {
        let statement = try database.prepare("SELECT seq, body FROM entry WHERE shot_id IS NULL ORDER BY seq")
        var out: [UInt64] = []
        while try statement.step() {
            guard statement.withBytes(1, { $0.first == EntryKind.passport.rawValue }) else { continue }
            let citizen = statement.withBytes(1) { body -> UInt64? in
                var r = ByteReader(body)
                // kind, str uvci, u64 citizen_id (docs/ledger-format.md, kind 6)
                guard r.u8() != nil, let length = r.u16(), r.raw(Int(length)) != nil else { return nil }
                return r.u64()
            }
            guard let citizen else {
                let seq = statement.int64(0)
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
            out.append(citizen)
        }
        out.sort()
        return out
    }

    /// The SHA-256 recorded in the run header for the input named `name` (e.g. "shots.csv").
    public func inputDigest(named name: String) throws -> SHA256Digest? {
        try header().inputs.first { $0.name == name }?.sha256
    }
}
