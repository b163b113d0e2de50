public import VaxCore
public import VaxCrypto

/// Verifies a ledger: every chain link, every stored Merkle node, every checkpoint's root,
/// head and signature, and optionally a checkpoint held outside the ledger.
///
/// The phases, one type each, in the order they run: `SchemaCheck`, `HeaderCheck`,
/// `CheckpointRowsCheck`, `MerkleNodeCheck.load`, the entry walk (`EntryPipeline`: one read
/// pass by `EntryChunkReader`; per chunk the `ChainWalk` and, in parallel, `EntryRangeCheck`
/// with `BodyRules`, `PassportReferenceCheck` and the review checks), `RecordOrderCheck`,
/// `DuplicateShotCheck`, `MerkleNodeCheck.check`, `CheckpointRootCheck`, the review
/// settlement check, `HeldCheckpointCheck`. Each throws a `VerificationFailure`, which
/// becomes the report's `failure`; the report does not depend on the thread count.
public enum LedgerVerifier {
    /// Verifies the ledger at `path`, in parallel inside every batch.
    /// - Parameters:
    ///   - publicKey: the key the auditor expects; nil trusts the key in the header.
    ///   - heldCheckpoint: a checkpoint text kept outside the ledger that it must still contain.
    ///   - threads: worker threads (results do not depend on it).
    /// - Returns: the report; `failure` names the first entry that does not hold.
    /// - Throws: `.corruption` for a file SQLite cannot read, `.badInput` for a non-ledger.
    /// - Complexity: O(n) hashes, about 3 per entry.
    ///   - witnesses: witness keys whose cosignatures are accepted on checkpoints (others' lines are refused).
    ///   - quorum: how many distinct given witnesses must have cosigned the held checkpoint.
    public static func verify(
        path: String, publicKey: Ed25519PublicKey? = nil, heldCheckpoint: String? = nil,
        witnesses: [WitnessKey] = [], quorum: Int = 0, threads: Int = processorCount
    ) throws -> VerificationReport {
        try verify(
            path: path, publicKey: publicKey, heldCheckpoint: heldCheckpoint, witnesses: witnesses, quorum: quorum,
            threads: threads, chunking: EntryPipeline.Chunking())
    }

    /// `verify` with the entry walk's chunk sizes given (tests make them small; the report
    /// does not depend on them).
    static func verify(
        path: String, publicKey: Ed25519PublicKey? = nil, heldCheckpoint: String? = nil,
        witnesses: [WitnessKey] = [], quorum: Int = 0, threads: Int, chunking: EntryPipeline.Chunking
    ) throws -> VerificationReport {
        var report = VerificationReport()
        do {
            let reader = try LedgerReader(path: path)
            let database = reader.database
            try SchemaCheck.check(database)
            let header = try HeaderCheck.check(reader, publicKey: publicKey)
            let maxSeq = Int(try database.scalarInt("SELECT max(seq) FROM entry") ?? -1)
            let listed = try CheckpointRowsCheck.check(
                database, key: header.key, origin: header.origin, version: header.version, witnesses: witnesses)
            let (checkpoints, sizes) = (listed.checkpoints, listed.sizes)
            // The entries the checkpoints cover; gaps and extras are named after the walk.
            let size = sizes.last!
            let stored = try MerkleNodeCheck.load(database)
            let results = try EntryPipeline.run(
                path: path, size: size, checkpoints: checkpoints, sizes: sizes, version: header.version,
                threads: threads, chunking: chunking)
            // Once the walk found every seq of 0..<size, the rows are those, any above (named
            // by maxSeq first) and any below 0: counted through the rowid, not a table scan.
            let below = Int(try database.scalarInt("SELECT count(*) FROM entry WHERE seq < 0") ?? 0)
            let count = size + below
            let merged = try RecordOrderCheck.check(results, size: size, count: count, maxSeq: maxSeq)
            try DuplicateShotCheck.check(merged.shots, database: database)
            let hashing = LedgerHashing()
            let levels = try MerkleNodeCheck.check(
                stored: stored, blockHashes: merged.blockHashes, size: size, hashing: hashing)
            try CheckpointRootCheck.check(
                checkpoints: checkpoints, sizes: sizes, levels: levels, partialRoots: merged.partialRoots,
                heads: merged.heads, hashing: hashing)

            // spec: ledger-format.md "Review entries": no shot settled twice by a person.
            if let (seq, shot, message) = reviewSettlementProblem(merged.personEntries) {
                throw VerificationFailure(seq, shot.isEmpty ? nil : shot, message)
            }
            let latest = checkpoints[size]!
            report.treeSize = size
            report.batches = sizes.count
            report.chainHead = merged.heads[size]
            report.root = latest.root
            report.latestCheckpoint = latest.text
            var cosigners = 0
            if let heldCheckpoint {
                cosigners = try HeldCheckpointCheck.check(
                    heldCheckpoint, key: publicKey ?? header.key, origin: header.origin, size: size,
                    checkpoints: checkpoints, witnesses: witnesses)
            }
            // spec: ledger-format.md "Validity rules" R18
            if quorum > 0 && cosigners < quorum {
                throw VerificationFailure(
                    nil, nil,
                    heldCheckpoint == nil
                        ? "a witness quorum needs a cosigned checkpoint (--checkpoint)"
                        : "the held checkpoint has \(cosigners) valid cosignatures by the given witnesses, \(quorum) needed"
                )
            }
            report.trust = TrustRoots(
                publicKeyGiven: publicKey != nil, heldCheckpoint: heldCheckpoint != nil, witnesses: cosigners)
        } catch let failure as VerificationFailure {
            report.failure = failure.failure
        }
        return report
    }
}
