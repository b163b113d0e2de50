import Testing
import VaxCore
import VaxCrypto
import VaxLedger

// docs/ledger-format.md "Seal": the test vector there is this one.
private func vectorSeal() -> Seal {
    func digest(_ byte: UInt8) -> SHA256Digest { SHA256Digest([UInt8](repeating: byte, count: 32)) }
    return Seal(store: digest(0x11), shots: digest(0x22), model: digest(0x33), decisions: digest(0x44), review: digest(0x55),
                rejects: digest(0x66), parts: [
                    Seal.Part(index: 0, treeSize: 7, root: digest(0x77), checkpointSHA256: digest(0x88), ledgerPath: "/runs/a/part-0/ledger.sqlite"),
                    Seal.Part(index: 1, treeSize: 9, root: digest(0x99), checkpointSHA256: digest(0xAA), ledgerPath: "/runs/a/part 1/ledger.sqlite"),
                ])
}

private func vectorKey() throws -> Ed25519PrivateKey { try Ed25519PrivateKey(seed: [UInt8](repeating: 0x01, count: 32)) }

@Test func sealTestVectorIsStable() throws {
    let text = vectorSeal().signed(by: try vectorKey())
    #expect(text == SealVector.text, "\(text)")
    let parsed = try Seal(text: text, key: try vectorKey().publicKey)
    #expect(parsed == vectorSeal())
}

@Test func aSealEditedAnywhereDoesNotVerify() throws {
    let key = try vectorKey()
    let text = vectorSeal().signed(by: key)
    let bytes = Array(text.utf8)
    let bodyEnd = bytes.firstIndex(of: 0x0A).map { _ in text.utf8.count - (text.split(separator: "\n").last!.utf8.count + 1) } ?? 0
    for i in stride(from: 0, to: bodyEnd - 2, by: 7) {
        var edited = bytes
        edited[i] ^= 0x01
        guard let s = String(validating: edited, as: UTF8.self) else { continue }
        #expect(throws: VaxError.self, "byte \(i)") { try Seal(text: s, key: key.publicKey) }
    }
    let other = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x02, count: 32))
    #expect(throws: VaxError.self) { try Seal(text: text, key: other.publicKey) }
}
