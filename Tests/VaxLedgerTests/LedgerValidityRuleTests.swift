import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

// spec: ledger-format.md "Validity rules": each rule broken by a forger who holds the key
// (every hash, node and signature recomputed by `forgeLedger`), so that only the rule itself
// can catch it. Issue 13 findings 1, 4 and 7 (duplicates).
@Suite struct LedgerValidityRuleTests {
    /// A ledger of 40 records in batches of 20: header, seal, two batches, as raw entries.
    static func baseEntries(_ dir: String) throws -> [RawEntry] {
        let path = dir + "/base.ledger"
        try writeFixtureLedger(path: path, records: 40, batchSize: 20)
        return try readRawEntries(path)
    }

    static func first(_ kind: EntryKind, in entries: [RawEntry]) -> Int {
        entries.firstIndex { $0.body.first == kind.rawValue }!
    }

    /// A reject body with chosen has_column flag and key bytes.
    static func rejectBody(hasColumn: UInt8, key: [UInt8] = []) -> [UInt8] {
        var w = ByteWriter()
        w.u8(EntryKind.reject.rawValue)
        w.u32(5)
        w.u16(UInt16(key.count))
        w.raw(key)
        w.string("field_count")
        w.string("expected 9 fields, found 8")
        w.u8(hasColumn)
        if hasColumn != 0 { w.string("full_name") }
        w.digest(SHA256.hash("row"))
        return w.bytes
    }

    /// (name, mutation returning the index of the entry that breaks a rule)
    static let cases: [(name: String, mutate: @Sendable (inout [RawEntry]) -> Int)] = [
        (
            "R7 decision corrections bit 0x10",
            { e in
                let i = first(.decision, in: e)
                e[i].body[DecisionBody.corrections.offset] |= 0x10
                return i
            }
        ),
        (
            "R7 decision citizen_id 10^12",
            { e in
                let i = first(.decision, in: e)
                var v = UInt64(1_000_000_000_000)
                for k in DecisionBody.citizenID.range.reversed() {
                    e[i].body[k] = UInt8(v & 0xFF)
                    v >>= 8
                }
                return i
            }
        ),
        (
            "R7 decision outcome 0",
            { e in
                let i = first(.decision, in: e)
                e[i].body[DecisionBody.outcome.offset] = 0
                return i
            }
        ),
        (
            "R6 decision trailing byte",
            { e in
                let i = first(.decision, in: e)
                e[i].body.append(0)
                return i
            }
        ),
        (
            "R8 reject has_column 2",
            { e in
                let i = first(.reject, in: e)
                e[i].body = rejectBody(hasColumn: 2)
                return i
            }
        ),
        (
            "R6 reject trailing byte",
            { e in
                let i = first(.reject, in: e)
                e[i].body.append(0)
                return i
            }
        ),
        (
            "R5 reject key not UTF-8",
            { e in
                let i = first(.reject, in: e)
                e[i].body = rejectBody(hasColumn: 0, key: [0xC3, 0x28])
                return i
            }
        ),
        (
            "R6 evidence trailing byte",
            { e in
                let i = first(.evidence, in: e)
                e[i].body.append(0)
                return i
            }
        ),
        (
            "R5 evidence text not UTF-8",
            { e in
                let i = first(.evidence, in: e)
                e[i].body = Array(e[i].body.prefix(5)) + [0, 2, 0xFF, 0xFE]
                return i
            }
        ),
        (
            "R3 shot_id not UTF-8",
            { e in
                let i = first(.decision, in: e)
                e[i].shot = [0xFF, 0x53]
                return i
            }
        ),
        (
            "R4 seq 1 is not the seal of batch 0",
            { e in
                e.remove(at: 1)
                return 1
            }
        ),
        (
            "R11 a second decision for a shot",
            { e in
                let i = first(.decision, in: e)
                e.insert(e[i], at: i + 1)
                return i + 1
            }
        ),
        (
            "R12 evidence code used before its definition",
            { e in
                let i = first(.evidence, in: e)  // the next entry is the first decision using it
                e.swapAt(i, i + 1)
                return i
            }
        ),
    ]

    @Test func aForgedCopyOfAValidLedgerVerifies() throws {
        // The control: the forger's tool alone does not make a ledger invalid.
        try withTemporaryDirectory { dir in
            let entries = try Self.baseEntries(dir)
            try forgeLedger(path: dir + "/forged.ledger", entries: entries)
            let report = try LedgerVerifier.verify(path: dir + "/forged.ledger", threads: 1)
            #expect(report.isValid, "\(String(describing: report.failure))")
            #expect(try readRawEntries(dir + "/forged.ledger") == entries)
        }
    }

    @Test(arguments: 0..<cases.count)
    func aBrokenRuleIsCaughtAndNamed(index: Int) throws {
        let (name, mutate) = Self.cases[index]
        try withTemporaryDirectory { dir in
            var entries = try Self.baseEntries(dir)
            let target = mutate(&entries)
            let path = dir + "/forged.ledger"
            try forgeLedger(path: path, entries: entries)
            for threads in [1, 2] {
                let report = try LedgerVerifier.verify(path: path, threads: threads)
                #expect(report.failure?.seq == target, "\(name): \(String(describing: report.failure))")
            }
        }
    }

    @Test func aLongShotIDIsRejectedWithoutATrap() throws {
        // Finding 4: written with plain SQL, no key; the verifier used to trap (exit 132).
        try withTemporaryDirectory { dir in
            let path = dir + "/run.ledger"
            try writeFixtureLedger(path: path, records: 40, batchSize: 20)
            let target = try LedgerReader(path: path).seq(ofShot: "S5")!
            try tamper(path, "UPDATE entry SET shot_id = '\(String(repeating: "A", count: 256))' WHERE seq = \(target)")
            let failure = try #require(try LedgerVerifier.verify(path: path).failure)
            #expect(failure.seq == target)
            #expect(failure.message.contains("255"))
            #expect(throws: VaxError.self) { try LedgerReader(path: path).canonicalBytes(seq: target) }
        }
    }
}

@Suite struct ShotKeyTests {
    @Test func radixSortAgreesWithSort() {
        var rng = SplitMix64(seed: 13)
        for count in [0, 1, 2, 1000, 70_000] {
            var keys = (0..<count).map { _ in rng.next() & (count % 2 == 0 ? UInt64.max : 0xFFFF_0000_FFFF) }
            let expected = keys.sorted()
            ShotKey.radixSort(&keys)
            #expect(keys == expected, "\(count) keys")
        }
    }
}
