import VaxCore
import VaxCrypto

// spec: ledger-format.md "Verification" step 3.

/// Phase 3: every checkpoint row parses, is signed by the key and names its own tree size
/// and this ledger's origin.
enum CheckpointRowsCheck {
    /// The checkpoints by tree size, and their sizes in increasing order (never empty).
    struct Result {
        var checkpoints: [Int: Checkpoint]
        var sizes: [Int]
    }

    /// - Throws: `VerificationFailure` at the checkpoint's last entry; `VaxError` if SQLite fails.
    static func check(
        _ database: SQLiteDatabase, key: Ed25519PublicKey, origin: String, version: UInt8, witnesses: [WitnessKey]
    ) throws -> Result {
        var checkpoints: [Int: Checkpoint] = [:]
        var sizes: [Int] = []
        let listing = try database.prepare("SELECT tree_size, note FROM checkpoint ORDER BY tree_size")
        while try listing.step() {
            let size = Int(listing.int64(0))
            guard listing.isInteger(0), listing.isText(1) else {
                throw VerificationFailure(max(0, size - 1), nil, "checkpoint row has wrong column types")
            }
            let checkpoint: Checkpoint
            do { checkpoint = try Checkpoint(text: listing.text(1), key: key, witnesses: witnesses) } catch let error
                as VaxError
            {
                throw VerificationFailure(
                    max(0, size - 1), nil, "the \(error.message) (checkpoint of tree size \(size))")
            }
            guard checkpoint.formatVersion == version else {
                throw VerificationFailure(
                    max(0, size - 1), nil, "the checkpoint of tree size \(size) is not of format version \(version)")
            }
            guard checkpoint.treeSize == size, checkpoint.origin == origin else {
                throw VerificationFailure(
                    max(0, size - 1), nil, "checkpoint of tree size \(size) names another size or ledger")
            }
            checkpoints[size] = checkpoint
            sizes.append(size)
        }
        guard let first = sizes.first else { throw VerificationFailure(nil, nil, "the ledger has no checkpoint") }
        // spec: ledger-format.md "Validity rules" R4: batch 0 is the header and its seal.
        guard first == 2 else {
            throw VerificationFailure(
                max(0, min(first, 2) - 1), nil, "the first checkpoint must cover the header and its seal (tree size 2)")
        }
        return Result(checkpoints: checkpoints, sizes: sizes)
    }
}
