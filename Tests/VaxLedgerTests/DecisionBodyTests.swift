import Foundation
import Testing
import VaxCore
import VaxCrypto

@testable import VaxLedger

// spec: ledger-format.md "Entries" (kind 2) and "Test vectors": the decision-body table in
// LedgerFormat.swift, the document's field list and its vectors say the same thing.
@Suite struct DecisionBodyTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/ledger-format.md"), encoding: .utf8)) ?? ""
    }()

    /// The hex canonical bytes the document gives under `title` (e.g. "entry 3 (decision S2):").
    static func vector(_ title: String) -> [UInt8] {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        guard let at = lines.firstIndex(where: { $0 == title }), at + 1 < lines.count else { return [] }
        return hexBytes(String(lines[at + 1]))
    }

    /// The decision body inside canonical bytes: after u64 seq, u8 len and the shot_id.
    static func body(of canonical: [UInt8]) -> [UInt8] {
        guard canonical.count > 9 else { return [] }
        return Array(canonical[(9 + Int(canonical[8]))...])
    }

    @Test func tableIsContiguousAndCoversTheBody() {
        var next = 0
        for field in DecisionBody.fields {
            #expect(field.offset == next, "\(field.name) starts at \(field.offset), expected \(next)")
            next = field.offset + field.size
        }
        #expect(next == DecisionBody.size)
    }

    @Test func documentListsTheSameFieldsInOrder() throws {
        let row = try #require(
            Self.document.split(separator: "\n").first { $0.hasPrefix("| 2 | decision") },
            "no kind-2 row in the document")
        // Field names are the words after a type: `u32 line`, `digest raw_row_sha256`.
        let names = row.split(separator: "`").compactMap { chunk -> String? in
            let words = chunk.split(separator: " ")
            guard words.count >= 2, ["u8", "u16", "u32", "u64", "f64", "digest"].contains(words[0]) else { return nil }
            return String(words[1])
        }
        #expect(names == DecisionBody.fields.dropFirst().map(\.name))
    }

    @Test func documentVectorsHaveTheirFieldsAtTheTableOffsets() throws {
        let body = Self.body(of: Self.vector("entry 3 (decision S2):"))
        try #require(body.count == DecisionBody.size, "the document's decision S2 is \(body.count) bytes")
        body.withUnsafeBytes { raw in
            func get(_ field: DecisionBody.Field) -> UInt64 { DecisionBody.get(field, in: raw) }
            #expect(get(DecisionBody.kind) == 2)
            #expect(get(DecisionBody.line) == 4)
            #expect(get(DecisionBody.provinceCode) == 3)
            #expect(get(DecisionBody.outcome) == UInt64(Outcome.relinked.rawValue))
            #expect(get(DecisionBody.citizenID) == 10_000_000_002)
            #expect(Double(bitPattern: get(DecisionBody.score)) == 0.02)
            #expect(Double(bitPattern: get(DecisionBody.matchWeight)) == -8.5)
            #expect(get(DecisionBody.corrections) == 0)
            #expect(get(DecisionBody.evidenceCode) == 0)
        }
        #expect(Array(body[DecisionBody.rawSHA256.range]) == SHA256.hash(Array("row 2".utf8)).bytes)
        let s4 = Self.body(of: Self.vector("entry 6 (decision S4):"))
        try #require(s4.count == DecisionBody.size)
        s4.withUnsafeBytes { raw in
            #expect(DecisionBody.get(DecisionBody.citizenID, in: raw) == EntryCodec.noCitizen)
            #expect(DecisionBody.get(DecisionBody.evidenceCode, in: raw) == 1)
        }
    }

    @Test func encoderAndDecoderReproduceTheDocumentVector() throws {
        let decision = Decision(
            shotID: "S2", line: 4, provinceCode: 3, outcome: .relinked,
            citizenID: CitizenID(rawValue: 10_000_000_002), score: 0.02, matchWeight: -8.5, corrections: [],
            evidence: "n=0.97;b=1;s=1;p=2", rawSHA256: SHA256.hash(Array("row 2".utf8)))
        var writer = ByteWriter()
        try EntryCodec.encode(decision, evidenceCode: 0, into: &writer)
        let expected = Self.body(of: Self.vector("entry 3 (decision S2):"))
        #expect(writer.bytes == expected)
        let decoded = expected.withUnsafeBytes {
            EntryCodec.decode(body: $0, shotID: "S2") { $0 == 0 ? "n=0.97;b=1;s=1;p=2" : nil }
        }
        #expect(decoded == .decision(decision))
    }
}
