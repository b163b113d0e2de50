public import VaxCore
public import VaxCrypto

/// Appends a run's decisions and rejected rows to a ledger file, batch by batch.
///
/// Each batch is one SQLite transaction (WAL, synchronous=FULL) holding the batch's
/// entries, its seal, the Merkle nodes it completed and its signed checkpoint, so a crash at
/// any instant leaves the ledger at a batch boundary. Reopening with the same header resumes.
///
/// Appending runs in two stages on two threads of the writer's own (`BatchPipeline`,
/// LedgerWriter+Overlap.swift): preparing (entry bodies, chain and leaf hashes, tags, the
/// Merkle tree, seals, signed checkpoints: everything the format decides) and storing (the
/// SQLite rows and commits). `appendBatch`, the match run's decisions, checks the batch and
/// queues it, so that appending overlaps deciding; every other member waits for the queued
/// batches first, and an error of a queued batch is thrown by the next call. One owner;
/// not thread-safe.
public final class LedgerWriter {
    /// Where the ledger stands after the last committed batch.
    public struct Head: Sendable, Equatable {
        /// The chain hash of the last entry.
        public var chainHead: SHA256Digest
        /// Entries in the ledger (the Merkle tree size).
        public var treeSize: Int
        /// The latest signed checkpoint.
        public var checkpoint: Checkpoint
    }

    private let pipeline = BatchPipeline()

    // The preparing stage's state: touched by the preparing thread, or by the owner's thread
    // once the pipeline is drained.
    private let hashing = LedgerHashing()
    private let key: Ed25519PrivateKey
    private let origin: String
    private let formatVersion: UInt8
    private var frontier: MerkleFrontier
    private var batchIndex: Int
    /// The head as prepared: ahead of the committed head while batches are queued.
    private var prepared: Head
    var body = ByteWriter(capacity: 512)
    /// Evidence texts defined so far, by code.
    private var evidenceCodes: [String: UInt32]
    private var evidenceBody = ByteWriter(capacity: 128)
    /// One entry's hash input, laid out once: bytes 0..<32 the previous chain hash (byte 31
    /// is 0x00 while the leaf is hashed), then canonical(seq) from byte 32. Both hashes are
    /// then one contiguous update each.
    private var scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 16)
    /// The rows prepared and not yet handed to the storing stage.
    private var rows = PreparedRows()

    // The storing stage's state: touched by the storing thread, or by the owner's thread
    // once the pipeline is drained.
    private let database: SQLiteDatabase
    private let insertEntry: SQLiteStatement
    private let insertNode: SQLiteStatement
    private let insertCheckpoint: SQLiteStatement
    /// Whether a batch's transaction is open (between its first rows and its commit).
    private var inTransaction = false
    /// `head` and `committedRecords` as committed.
    private var current: Head
    private var committed: Int

    private var finished = false
    /// The one-writer lock (LedgerLock.swift), held until `finish` or until the writer is freed.
    private var lock: LedgerLock?

    /// Where the ledger stands after the batches appended so far (waits for queued ones).
    public var head: Head {
        pipeline.drain()
        return current
    }
    /// Input records (decisions + rejects) already committed, which a resumed run skips
    /// (waits for queued batches).
    public var committedRecords: Int {
        pipeline.drain()
        return committed
    }

    private init(
        database: SQLiteDatabase, key: Ed25519PrivateKey, origin: String, formatVersion: UInt8,
        frontier: MerkleFrontier, batchIndex: Int, head: Head, committedRecords: Int,
        evidenceCodes: [String: UInt32] = [:]
    ) throws {
        self.database = database
        self.key = key
        self.origin = origin
        self.formatVersion = formatVersion
        self.frontier = frontier
        self.batchIndex = batchIndex
        self.prepared = head
        self.current = head
        self.committed = committedRecords
        self.evidenceCodes = evidenceCodes
        insertEntry = try database.prepare("INSERT INTO entry(seq, shot_id, tag, body) VALUES (?1, ?2, ?3, ?4)")
        insertNode = try database.prepare("INSERT INTO node(id, hash) VALUES (?1, ?2)")
        insertCheckpoint = try database.prepare("INSERT INTO checkpoint(tree_size, note) VALUES (?1, ?2)")
    }

    deinit {
        // Queued work holds the writer unowned: it finishes (commits, or fails unseen) first.
        pipeline.drain()
        if inTransaction { _ = try? database.execute("ROLLBACK") }
        scratch.deallocate()
    }

    /// Opens the ledger at `path`: creates it with `header` as entry 0, or resumes it if it
    /// was started with an identical header.
    /// - Parameters:
    ///   - header: the run's inputs, store, model, thresholds and signer.
    ///   - signingKey: the private key matching `header.signerPublicKey`.
    ///   - lock: the ledger's lock if the caller took it (to hold it across more than the
    ///     writer); nil takes it here.
    /// - Throws: `.badInput` if an existing ledger has a different header (no mixing of runs),
    ///   `.corruption` for a damaged file, `.environment` for I/O faults or another writer.
    public static func open(path: String, header: RunHeader, signingKey: Ed25519PrivateKey, lock: LedgerLock? = nil)
        throws -> LedgerWriter
    {
        guard signingKey.publicKey == header.signerPublicKey else {
            throw VaxError(.usage, "the signing key does not match the header's public key")
        }
        precondition(lock == nil || lock?.ledgerPath == path, "the lock of another ledger")
        let lock = try lock ?? LedgerLock.acquire(ledgerPath: path, command: "ledger writer")
        try lock.createLedgerFileIfAbsent()
        let writer = try openLocked(path: path, header: header, signingKey: signingKey)
        writer.lock = lock
        return writer
    }

    private static func openLocked(path: String, header: RunHeader, signingKey: Ed25519PrivateKey) throws
        -> LedgerWriter
    {
        let database = try SQLiteDatabase(path: path, readOnly: false)
        // 16 KiB pages: less CPU an appended entry than 4 KiB (vaxbench ledger, 1.19-1.31 µs
        // against 1.32-1.84 µs, and finish 0.72-0.79 s against 0.89-1.05 s, WAL folded every
        // 64 MB in both); the tables' content is the same. Applies to a new (empty) file only:
        // an existing ledger keeps its page size.
        try database.execute("PRAGMA page_size=16384")
        try database.execute("PRAGMA journal_mode=WAL")
        try database.execute("PRAGMA synchronous=FULL")
        try database.execute("PRAGMA cache_size=-65536")
        // Fold the WAL into the file every ~64 MB rather than every 4 MB: each fold costs an
        // fsync and rewrites pages, and appends are bound by the disk, not the CPU. The
        // setting counts pages, of the size this file has.
        let pageSize = max(512, Int(try database.scalarInt("PRAGMA page_size") ?? 4096))
        try database.execute("PRAGMA wal_autocheckpoint=\((64 << 20) / pageSize)")
        let exists =
            try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='entry'") == 1
        let headerBody = header.body
        let hashing = LedgerHashing()
        let headerChain = headerBody.withUnsafeBytes {
            hashing.chain(
                previous: LedgerHashing.zero, seq: 0, shotID: UnsafeRawBufferPointer(start: nil, count: 0), body: $0)
        }
        let origin = Checkpoint.origin(headerChain: headerChain)
        // The schema commits before the header's batch: a crash between the two leaves empty
        // tables, which count as a new ledger.
        let started = try exists && (database.scalarInt("SELECT count(*) FROM entry") ?? 0) > 0
        if started {
            return try resume(database: database, header: header, key: signingKey, origin: origin)
        }
        let placeholder = Head(
            chainHead: LedgerHashing.zero, treeSize: 0,
            checkpoint: Checkpoint(
                origin: origin, treeSize: 0, root: LedgerHashing.zero,
                chainHead: LedgerHashing.zero, text: ""))
        try database.inTransaction {
            if !exists { for sql in LedgerFormat.schema { try database.execute(sql) } }
        }
        let writer = try LedgerWriter(
            database: database, key: signingKey, origin: origin, formatVersion: header.formatVersion,
            frontier: MerkleFrontier(),
            batchIndex: 0, head: placeholder, committedRecords: 0)
        // Batch 0: the header and its seal.
        try writer.commitBatch { writer in
            try writer.append(shotID: nil, body: headerBody)
            return 1
        }
        return writer
    }

    /// Reopens an existing ledger to append to it after its last checkpoint, with the header
    /// it holds (used to record passports issued from a finished run).
    /// - Parameter signingKey: the key whose public key is in the ledger's header.
    /// - Throws: `.badInput` for a missing or non-ledger file, `.usage` for another key,
    ///   `.corruption` for a damaged file, `.environment` for I/O faults.
    public static func reopen(path: String, signingKey: Ed25519PrivateKey, lock: LedgerLock? = nil) throws
        -> LedgerWriter
    {
        let header = try LedgerReader(path: path).header()
        guard signingKey.publicKey == header.signerPublicKey else {
            throw VaxError(.usage, "the ledger key does not match the public key in the ledger's header", file: path)
        }
        return try open(path: path, header: header, signingKey: signingKey, lock: lock)
    }

    /// Records passports atomically as one batch: their entries, a seal and a checkpoint.
    ///
    /// Nothing here checks the decision seqs against the ledger (the caller took them from
    /// it); `LedgerVerifier` checks every reference.
    /// - Throws: `.badInput` for a record that breaks the format's rules; SQLite faults as `.environment`.
    public func appendPassports(_ records: [PassportRecord]) throws {
        precondition(!finished, "appendPassports after finish")
        for record in records {
            if let problem = record.problem { throw VaxError(.badInput, "passport entry: \(problem)") }
        }
        try commitBatch { writer in
            for record in records {
                writer.body.removeAll()
                EntryCodec.encode(record, into: &writer.body)
                try writer.append(shotID: nil, body: writer.body.bytes)
            }
            // Passports are not input records: a resumed match must not count them.
            return 0
        }
    }

    /// Records one batch atomically: its decisions and rejects in line order, a seal and a checkpoint.
    /// Both arrays must each be in line order (the matcher's batches are).
    ///
    /// The batch is checked here, then prepared and committed on the writer's threads after
    /// the batches before it (`BatchPipeline`); this returns once it is queued, or waits
    /// while two batches are. `flush`, `finish` and every other member wait for it.
    /// - Throws: `.badInput` for a line number beyond 2^32-1, a shot_id of 0 or more than
    ///   255 bytes or evidence over 65535 bytes (nothing is queued); the error of an earlier
    ///   queued batch (`.environment` for SQLite faults), after which nothing more is written.
    public func appendBatch(decisions: [Decision], rejects: [RowIssue]) throws {
        precondition(!finished, "appendBatch after finish")
        if let failure = pipeline.failure { throw failure }
        try Self.check(decisions: decisions, rejects: rejects)
        let queued = QueuedWriter(writer: self)
        pipeline.submitBatch {
            queued.writer.prepareBatch(releasingSlot: true) { writer in
                try writer.appendRecords(decisions: decisions, rejects: rejects)
                return decisions.count + rejects.count
            }
        }
    }

    /// Waits until every batch `appendBatch` queued is committed.
    /// - Throws: the error of a queued batch that failed (nothing after it was written).
    public func flush() throws {
        pipeline.drain()
        if let failure = pipeline.failure { throw failure }
    }

    /// What `EntryCodec` and the row would refuse, checked before a batch is queued so that
    /// bad input fails the call that passed it, with nothing written.
    private static func check(decisions: [Decision], rejects: [RowIssue]) throws {
        for decision in decisions {
            guard decision.line >= 0, decision.line <= Int(UInt32.max) else {
                throw VaxError(.badInput, "line number out of the ledger's range", line: decision.line)
            }
            let shotBytes = decision.shotID.utf8.count
            guard shotBytes >= 1 && shotBytes <= 255 else {
                throw VaxError(.badInput, "a shot_id must have 1 to 255 bytes", line: decision.line, field: "shot_id")
            }
            guard decision.evidence.utf8.count <= 0xFFFF else {
                throw VaxError(.badInput, "evidence longer than 65535 bytes", field: "evidence")
            }
        }
        for reject in rejects where reject.line < 0 || reject.line > Int(UInt32.max) {
            throw VaxError(.badInput, "line number out of the ledger's range", line: reject.line)
        }
    }

    /// Appends decisions and rejects merged by line: entries keep input order across both.
    private func appendRecords(decisions: [Decision], rejects: [RowIssue]) throws {
        var d = 0
        var r = 0
        while d < decisions.count || r < rejects.count {
            if r == rejects.count || (d < decisions.count && decisions[d].line < rejects[r].line) {
                let decision = decisions[d]
                let code = try evidenceCode(decision.evidence)
                body.removeAll()
                try EntryCodec.encode(decision, evidenceCode: code, into: &body)
                var shot = decision.shotID
                try shot.withUTF8 { try append(shotID: UnsafeRawBufferPointer($0), body: body.bytes) }
                d += 1
            } else {
                body.removeAll()
                try EntryCodec.encode(rejects[r], into: &body)
                try append(shotID: nil, body: body.bytes)
                r += 1
            }
        }
    }

    /// Builds the shot_id index, writes the latest checkpoint to `checkpointOut` (atomically)
    /// and folds the WAL into the database file.
    public func finish(checkpointOut: String?) throws {
        precondition(!finished, "finish twice")
        try flush()
        if try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'entry_shot'") == 0 {
            // The index is built by sorting every shot ID at once; SQLite sorts on helper
            // threads when allowed to. A national ledger's (80 M shot IDs, this machine's 2
            // cores): 87 s on one thread, 58 s on two (a cache of 1 GB instead of 64 MB was
            // slower, 81 s, and took 2.6 GB).
            try database.execute("PRAGMA threads=\(min(8, processorCount))")
            try database.execute(LedgerFormat.shotIndex)
        }
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if let checkpointOut {
            let file = try OutputFile(path: checkpointOut)
            try file.write(current.checkpoint.text)
            try file.commit()
        }
        finished = true
        // No more writes from this writer; a caller that passed its lock still holds it.
        lock = nil
    }

    // MARK: - Internals

    /// The code of `text`, appending its evidence entry first if it is new.
    private func evidenceCode(_ text: String) throws -> UInt32 {
        if let code = evidenceCodes[text] { return code }
        guard text.utf8.count <= 0xFFFF else {
            throw VaxError(.badInput, "evidence longer than 65535 bytes", field: "evidence")
        }
        let code = UInt32(evidenceCodes.count)
        evidenceBody.removeAll()
        EntryCodec.encodeEvidence(code: code, text: text, into: &evidenceBody)
        try append(shotID: nil, body: evidenceBody.bytes)
        evidenceCodes[text] = code
        return code
    }

    /// Records one batch (`fill` appends its entries and returns the input records among
    /// them) from the caller's thread, after the batches queued before it, and waits for its commit.
    /// - Throws: the error of a queued batch, or this batch's.
    func commitBatch(_ fill: (LedgerWriter) throws -> Int) throws {
        try flush()
        prepareBatch(releasingSlot: false, fill)
        try flush()
    }

    /// Prepares one batch: `fill`'s entries, then the seal and the signed checkpoint, handed
    /// to the storing stage in chunks; the last chunk commits the batch. Runs on the
    /// preparing thread, or on the owner's with the pipeline drained. After a failure the
    /// batch is abandoned (the storing stage rolls back what it began) and stays failed.
    /// - Parameter releasingSlot: whether the batch holds one of `appendBatch`'s slots.
    private func prepareBatch(releasingSlot: Bool, _ fill: (LedgerWriter) throws -> Int) {
        var end = BatchEnd(releasesSlot: releasingSlot)
        do {
            if let failure = pipeline.failure { throw failure }
            let first = prepared.treeSize
            let records = try fill(self)
            body.removeAll()
            let v1 = formatVersion == 1
            EntryCodec.encodeSeal(
                batch: batchIndex, entries: prepared.treeSize - first, chainBefore: v1 ? nil : prepared.chainHead,
                into: &body)
            try append(shotID: nil, body: body.bytes)
            let root = frontier.root(hashing: hashing)
            prepared.checkpoint = Checkpoint.make(
                origin: origin, treeSize: prepared.treeSize, root: root,
                chainHead: v1 ? prepared.chainHead : nil, key: key)
            batchIndex += 1
            end.commit = (prepared, batchIndex > 1 ? records : 0)
        } catch {
            pipeline.fail(error)
        }
        rows.end = end
        sendRows()
    }

    /// Hands the prepared rows to the storing stage (waits while it is several chunks behind).
    private func sendRows() {
        let chunk = rows
        rows = PreparedRows()
        let queued = QueuedWriter(writer: self)
        pipeline.store { queued.writer.store(chunk) }
    }

    /// Stores one chunk of rows, opening the batch's transaction at its first and committing
    /// it at its last. Runs on the storing thread, or on the owner's with the pipeline drained.
    private func store(_ chunk: PreparedRows) {
        defer { if chunk.end?.releasesSlot == true { pipeline.releaseBatchSlot() } }
        do {
            if let failure = pipeline.failure { throw failure }
            if !inTransaction {
                try database.execute("BEGIN IMMEDIATE")
                inTransaction = true
            }
            try chunk.arena.withUnsafeBytes { arena in
                let base = arena.baseAddress!
                for row in chunk.rows {
                    // safe: the arena outlives run(), which steps and resets.
                    var tag = row.tag
                    try withUnsafeBytes(of: &tag) { tagBytes in
                        insertEntry.bind(1, row.seq)
                        if row.shotCount >= 0 {
                            insertEntry.bindNoCopy(
                                2, text: UnsafeRawBufferPointer(start: base + row.offset, count: Int(row.shotCount)))
                        } else {
                            insertEntry.bindNull(2)
                        }
                        insertEntry.bindNoCopy(3, blob: tagBytes)
                        let shotBytes = max(0, Int(row.shotCount))
                        insertEntry.bindNoCopy(
                            4, blob: UnsafeRawBufferPointer(start: base + row.offset + shotBytes, count: Int(row.bodyCount)))
                        try insertEntry.run()
                    }
                }
            }
            for node in chunk.nodes {
                insertNode.bind(1, node.id)
                node.hash.withUnsafeBytes { insertNode.bind(2, blob: $0) }
                try insertNode.run()
            }
            guard let end = chunk.end else { return }
            guard let (head, records) = end.commit else { throw VaxError(.environment, "ledger batch abandoned") }
            insertCheckpoint.bind(1, Int64(head.treeSize))
            insertCheckpoint.bind(2, text: head.checkpoint.text)
            try insertCheckpoint.run()
            try database.execute("COMMIT")
            inTransaction = false
            current = head
            committed += records
        } catch {
            if inTransaction {
                _ = try? database.execute("ROLLBACK")
                inTransaction = false
            }
            pipeline.fail(error)
        }
    }

    /// Appends one entry: its chain hash, tag, leaf (and the Merkle nodes it completes) to
    /// the prepared rows. Runs where `prepareBatch` runs.
    func append(shotID: UnsafeRawBufferPointer?, body: [UInt8]) throws {
        let seq = prepared.treeSize
        let shotCount = shotID?.count ?? 0
        let canonicalStart = 32
        let shotStart = canonicalStart + 9
        let bodyStart = shotStart + shotCount
        let end = bodyStart + body.count
        if scratch.count < end {
            scratch.deallocate()
            scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(end, 2 * scratch.count), alignment: 16)
        }
        let base = scratch.baseAddress!
        // canonical(seq) = u64be(seq) ‖ u8(len(shot_id)) ‖ shot_id ‖ body (LedgerFormat.swift).
        base.storeBytes(of: UInt64(seq).bigEndian, toByteOffset: canonicalStart, as: UInt64.self)
        base.storeBytes(of: UInt8(shotCount), toByteOffset: canonicalStart + 8, as: UInt8.self)
        if let shotID, shotCount > 0 { (base + shotStart).copyMemory(from: shotID.baseAddress!, byteCount: shotCount) }
        body.withUnsafeBytes { if $0.count > 0 { (base + bodyStart).copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        // leaf(seq) = SHA256(0x00 ‖ canonical(seq)), then chain(seq) = SHA256(chain(seq-1) ‖ canonical(seq)).
        base.storeBytes(of: 0, toByteOffset: canonicalStart - 1, as: UInt8.self)
        let leaf = hashing.leaf(input: UnsafeRawBufferPointer(start: base + canonicalStart - 1, count: end - canonicalStart + 1))
        let previous = prepared.chainHead.words
        base.storeBytes(of: previous.0.bigEndian, toByteOffset: 0, as: UInt64.self)
        base.storeBytes(of: previous.1.bigEndian, toByteOffset: 8, as: UInt64.self)
        base.storeBytes(of: previous.2.bigEndian, toByteOffset: 16, as: UInt64.self)
        base.storeBytes(of: previous.3.bigEndian, toByteOffset: 24, as: UInt64.self)
        let chain = hashing.hasher.hash(UnsafeRawBufferPointer(start: base, count: end))
        // The row: shot_id and body as in canonical(seq); the tag = the chain hash's first 8
        // bytes = its first word, big-endian.
        rows.rows.append(
            PreparedRows.Row(
                seq: Int64(seq), tag: chain.words.0.bigEndian, offset: rows.arena.count,
                shotCount: shotID == nil ? -1 : Int32(shotCount), bodyCount: Int32(body.count)))
        rows.arena.append(contentsOf: UnsafeRawBufferPointer(start: base + shotStart, count: end - shotStart))
        frontier.append(leaf, hashing: hashing) { level, index, hash in
            rows.nodes.append((LedgerFormat.nodeID(level: level, index: index), hash.bytes))
        }
        prepared.chainHead = chain
        prepared.treeSize = seq + 1
        if rows.rows.count == PreparedRows.capacity { sendRows() }
    }

    private static func resume(
        database: SQLiteDatabase, header: RunHeader, key: Ed25519PrivateKey,
        origin: String
    ) throws -> LedgerWriter {
        let reader = try LedgerReader(database: database)
        guard case .header(let recorded)? = try reader.entry(seq: 0) else {
            throw VaxError(.corruption, "the ledger has no run header", file: database.path)
        }
        let differences = header.differences(from: recorded)
        guard differences.isEmpty else {
            throw VaxError(
                .badInput,
                "the ledger was started by a different run (\(differences.joined(separator: ", ")) changed); "
                    + "refusing to mix runs in one ledger", file: database.path)
        }
        guard let checkpoint = try reader.latestCheckpoint(key: header.signerPublicKey) else {
            throw VaxError(.corruption, "the ledger has no checkpoint", file: database.path)
        }
        let size = checkpoint.treeSize
        let entries = try database.scalarInt("SELECT max(seq) FROM entry").map { Int($0) + 1 } ?? 0
        guard entries == size, checkpoint.origin == origin else {
            throw VaxError(.corruption, "the ledger's entries do not end at its last checkpoint", file: database.path)
        }
        // The frontier: stored subtrees for the bits ≥ 8 of the size, then the tail's leaves.
        let hashing = LedgerHashing()
        let blockStart = size - size % LedgerFormat.blockSize
        var levels: [SHA256Digest?] = []
        var start = 0
        for level in stride(from: Int.bitWidth - 2, through: LedgerFormat.storedLevel, by: -1)
        where size >> level & 1 == 1 {
            guard let node = try reader.node(level: level, index: start >> level) else {
                throw VaxError(.corruption, "the ledger lacks a Merkle node", file: database.path)
            }
            while levels.count <= level { levels.append(nil) }
            levels[level] = node
            start += 1 << level
        }
        var frontier = MerkleFrontier(size: blockStart, levels: levels)
        for leaf in try reader.leafHashes(blockStart..<size, hashing: hashing) {
            frontier.append(leaf, hashing: hashing) { _, _, _ in }
        }
        guard frontier.root(hashing: hashing) == checkpoint.root else {
            throw VaxError(
                .corruption, "the ledger's Merkle tree does not match its last checkpoint; run 'vaxlink ledger verify'",
                file: database.path)
        }
        let batches = Int(try database.scalarInt("SELECT count(*) FROM checkpoint") ?? 0)
        guard let chainHead = try checkpoint.chainHead ?? reader.chainHead(atSize: size) else {
            throw VaxError(.corruption, "the ledger's last seal does not hold its chain hash", file: database.path)
        }
        let head = Head(chainHead: chainHead, treeSize: size, checkpoint: checkpoint)
        let evidence = try reader.evidenceTable()
        let codes = Dictionary(uniqueKeysWithValues: evidence.texts.enumerated().map { ($1, UInt32($0)) })
        // Every entry but the header, the seals, the evidence definitions and the passports is
        // an input record.
        return try LedgerWriter(
            database: database, key: key, origin: origin, formatVersion: header.formatVersion, frontier: frontier,
            batchIndex: batches,
            head: head, committedRecords: size - 1 - batches - evidence.texts.count - evidence.passports,
            evidenceCodes: codes)
    }
}
