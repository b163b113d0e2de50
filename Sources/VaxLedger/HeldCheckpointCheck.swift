import VaxCore
import VaxCrypto

// spec: ledger-format.md "Verification" step 8.

/// Phase 8: a checkpoint the auditor kept outside the ledger is still contained in it: same
/// origin, not beyond its end (truncation), same root and chain head at its size (rewrite).
enum HeldCheckpointCheck {
    /// - Parameters:
    ///   - key: the key the held checkpoint must be signed with.
    ///   - size: the ledger's tree size.
    ///   - witnesses: the witnesses whose cosignatures count (any other line is refused).
    /// - Returns: the number of distinct given witnesses that validly cosigned it.
    /// - Throws: `VerificationFailure` naming truncation, rewrite or a bad note.
    static func check(
        _ text: String, key: Ed25519PublicKey, origin: String, size: Int, checkpoints: [Int: Checkpoint],
        witnesses: [WitnessKey]
    ) throws -> Int {
        let held: Checkpoint
        do { held = try Checkpoint(text: text, key: key, witnesses: witnesses) } catch let error as VaxError {
            throw VerificationFailure(nil, nil, "the held \(error.message)")
        }
        if held.origin != origin {
            throw VerificationFailure(nil, nil, "the held checkpoint is for another ledger (\(held.origin))")
        }
        if held.treeSize > size {
            throw VerificationFailure(
                size, nil,
                "the ledger was truncated: the held checkpoint covers \(held.treeSize) entries, the ledger has \(size)")
        }
        guard let mine = checkpoints[held.treeSize], mine.root == held.root,
            held.chainHead == nil || mine.chainHead == nil || mine.chainHead == held.chainHead
        else {
            throw VerificationFailure(
                max(0, held.treeSize - 1), nil,
                "the ledger was rewritten or forked: it does not contain the held checkpoint's tree")
        }
        return held.cosignatures.count
    }
}
