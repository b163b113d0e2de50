import VaxCore
import VaxCrypto

// spec: ledger-format.md "Verification" step 2.

/// Phase 2: entry 0 decodes as a run header, its key is the expected one, and the ledger's
/// origin follows from its chain hash.
enum HeaderCheck {
    /// The key the checkpoints must be signed with and the origin they must name.
    struct Result {
        var key: Ed25519PublicKey
        var origin: String
        var version: UInt8
    }

    /// - Parameter publicKey: the key the auditor expects; nil trusts the header's.
    /// - Throws: `VerificationFailure` at entry 0; `VaxError` if SQLite fails.
    static func check(_ reader: LedgerReader, publicKey: Ed25519PublicKey?) throws -> Result {
        let header: RunHeader
        do { header = try reader.header() } catch {
            throw VerificationFailure(0, nil, "the run header is missing or does not decode")
        }
        let key = header.signerPublicKey
        if let publicKey, publicKey != key {
            throw VerificationFailure(0, nil, "the ledger is signed by a different key than the one given")
        }
        let hashing = LedgerHashing()
        let origin = try Checkpoint.origin(
            headerChain: {
                guard let bytes = try reader.canonicalBytes(seq: 0) else { return LedgerHashing.zero }
                return bytes.withUnsafeBytes { raw in
                    hashing.chain(
                        previous: LedgerHashing.zero, seq: 0, shotID: UnsafeRawBufferPointer(start: nil, count: 0),
                        body: UnsafeRawBufferPointer(rebasing: raw[9...]))
                }
            }())
        return Result(key: key, origin: origin, version: header.formatVersion)
    }
}
