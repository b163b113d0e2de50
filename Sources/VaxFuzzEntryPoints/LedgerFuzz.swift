import VaxCore
import VaxCrypto
import VaxLedger

// The first byte picks what the rest is (mod 3):
//   0  a checkpoint note, parsed and checked against the fuzz key (`Checkpoint(text:key:)`);
//   1  an inclusion proof file, parsed and checked against the fuzz key (`InclusionProof`);
//   2  one ledger entry: u8 shot_id length ‖ shot_id ‖ body. The target builds the proof a
//      ledger would give for it, signed by the fuzz key (a two-leaf tree: a fixed evidence entry
//      defining code 0, then this entry), so every input reaches the body decoder
//      (`EntryCodec.decode`: header, decision, reject, seal, evidence and passport bodies).
// Hash rules (docs/ledger-format.md): canonical(seq) = u64be(seq) ‖ u8(len) ‖ shot_id ‖ body,
// leaf = SHA256(0x00 ‖ canonical), node = SHA256(0x01 ‖ left ‖ right).

/// The ledger reader/verifier target.
enum LedgerFuzz {
    /// A fixed key (RFC 8032 test 1's seed), so the seeds and fail cases stay valid.
    static let key: Ed25519PrivateKey = {
        let seed: [UInt8] = [
            0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
            0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
        ]
        do { return try Ed25519PrivateKey(seed: seed) } catch { preconditionFailure("the fuzz key: \(error)") }
    }()

    /// The evidence entry at seq 0: kind 5, code 0, text "n=1".
    static let evidenceBody: [UInt8] = [5, 0, 0, 0, 0, 0, 3] + Array("n=1".utf8)

    static func run(_ bytes: UnsafeRawBufferPointer) throws {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        switch mode % 3 {
        case 0:
            let checkpoint = try Checkpoint(text: String(decoding: rest, as: UTF8.self), key: key.publicKey)
            blackHole(checkpoint.origin.utf8.count &+ checkpoint.treeSize &+ checkpoint.text.utf8.count)
        case 1:
            try check(proofText: String(decoding: rest, as: UTF8.self))
        default:
            guard let shotCount = rest.first.map(Int.init), rest.count >= 1 + shotCount else { return }
            let shot = Array(rest[1..<(1 + shotCount)])
            let body = Array(rest[(1 + shotCount)...])
            try check(proofText: proofText(shotID: shot, body: body))
        }
    }

    private static func check(proofText: String) throws {
        let proof = try InclusionProof(text: proofText)
        blackHole(proof.text.utf8.count)
        let entry = try proof.check(key: key.publicKey)
        switch entry {
        case .header(let h): blackHole(h.toolVersion.utf8.count &+ h.inputs.count &+ h.thresholds.count)
        case .decision(let d): blackHole(d.shotID.utf8.count &+ d.line &+ d.evidence.utf8.count &+ d.provinceCode)
        case .reject(let r): blackHole(r.message.utf8.count &+ r.line &+ (r.column?.utf8.count ?? 0))
        case .seal(let batch, let entries): blackHole(batch &+ entries)
        case .evidence(let code, let text): blackHole(code &+ text.utf8.count)
        case .passport(let p): blackHole(p.uvci.utf8.count &+ p.decisionSeqs.count)
        case .review(let r): blackHole(r.shotID.utf8.count &+ r.settlesSeq &+ r.reviewer.utf8.count &+ r.line)
        case .complaint(let c): blackHole(c.shotID.utf8.count &+ c.concernsSeq &+ c.text.utf8.count &+ c.line)
        }
    }

    /// The text of a signed two-leaf proof for `body` at seq 1.
    static func proofText(shotID: [UInt8], body: [UInt8]) -> String {
        let evidence = canonical(seq: 0, shotID: [], body: evidenceBody)
        let proven = canonical(seq: 1, shotID: shotID, body: body)
        let leaf0 = SHA256.hash([0] + evidence), leaf1 = SHA256.hash([0] + proven)
        let root = SHA256.hash([1] + leaf0.bytes + leaf1.bytes)
        var text = "vaxlink inclusion proof v1\n"
        text += "index 1\nentry \(Base64.encode(proven))\npath \(Base64.encode(leaf0.bytes))\n"
        text += "evidence-index 0\nevidence-entry \(Base64.encode(evidence))\nevidence-path \(Base64.encode(leaf1.bytes))\n"
        return text + "\n" + checkpoint(treeSize: 2, root: root)
    }

    /// A checkpoint note over `root`, signed by the fuzz key (C2SP signed-note).
    static func checkpoint(treeSize: Int, root: SHA256Digest) -> String {
        let head = SHA256.hash("fuzz chain head")
        let body = "vaxlink/ledger/fuzz\n\(treeSize)\n\(Base64.encode(root.bytes))\nchain \(Base64.encode(head.bytes))\n"
        let keyID = Array(SHA256.hash(Array("vaxlink".utf8) + [0x0A, 0x01] + key.publicKey.rawBytes).bytes.prefix(4))
        let signature = key.signature(for: Array(body.utf8))
        return body + "\n\u{2014} vaxlink \(Base64.encode(keyID + signature))\n"
    }

    static func canonical(seq: UInt64, shotID: [UInt8], body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64($0))) }
        out.append(UInt8(shotID.count))
        return out + shotID + body
    }
}
