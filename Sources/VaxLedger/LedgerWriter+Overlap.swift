import Dispatch
import VaxCore

/// The writer's two threads: one prepares batches (bodies, hashes, tree, signed
/// checkpoints), the other stores the prepared rows in SQLite and commits, so that
/// appending overlaps the caller's deciding and the two stages overlap each other.
///
/// - Order: each stage is one serial queue, so rows are stored and batches committed in the
///   order they were handed over, each batch in its own transaction, exactly as if appended
///   in line (the same ledger bytes on any thread count and batch size).
/// - Memory: at most `maxBatchesInFlight` batches handed over and not yet committed (the
///   caller waits for a slot), and at most `maxChunksInFlight` chunks of prepared rows
///   waiting to be stored (the preparing stage waits).
/// - Errors: the first error is kept; every later chunk and batch is dropped unwritten (the
///   storing stage rolls back the batch it began, so nothing after the failure is
///   committed), and the error is thrown by the writer's next call.
///
/// `@unchecked Sendable`: `failureStorage` is guarded by `lock`; everything else is
/// immutable or thread-safe (DispatchQueue, DispatchSemaphore).
final class BatchPipeline: @unchecked Sendable {
    /// Batches handed over and not yet committed: the one being written and one waiting.
    static let maxBatchesInFlight = 2
    /// Chunks of `PreparedRows.capacity` rows prepared and not yet stored.
    static let maxChunksInFlight = 4

    private let preparing = DispatchQueue(label: "vaxlink.ledger-prepare", qos: .userInitiated)
    private let storing = DispatchQueue(label: "vaxlink.ledger-store", qos: .userInitiated)
    private let batchSlots = DispatchSemaphore(value: maxBatchesInFlight)
    private let chunkSlots = DispatchSemaphore(value: maxChunksInFlight)
    private let lock = Lock()
    private var failureStorage: (any Error)?

    /// The first error of either stage, if any.
    var failure: (any Error)? { lock.withLock { failureStorage } }

    /// Records `error` unless an earlier one is recorded.
    func fail(_ error: any Error) { lock.withLock { if failureStorage == nil { failureStorage = error } } }

    /// Runs `prepare` on the preparing thread after every batch before it; waits while
    /// `maxBatchesInFlight` batches are pending. The batch's last chunk must release the slot.
    func submitBatch(_ prepare: @escaping @Sendable () -> Void) {
        batchSlots.wait()
        preparing.async(execute: prepare)
    }

    /// Frees the slot of a committed (or dropped) batch.
    func releaseBatchSlot() { batchSlots.signal() }

    /// Runs `store` on the storing thread after every chunk before it; waits while
    /// `maxChunksInFlight` chunks are pending.
    func store(_ store: @escaping @Sendable () -> Void) {
        chunkSlots.wait()
        storing.async { [self] in
            store()
            chunkSlots.signal()
        }
    }

    /// Waits until both stages are idle: every submitted batch is committed or dropped.
    /// After it, the caller's thread sees every write the stages made (each sync is a barrier).
    func drain() {
        preparing.sync {}
        storing.sync {}
    }
}

/// One chunk of prepared rows of the entry and node tables; the last chunk of a batch
/// carries what its commit needs. Made by the preparing stage, then owned by the storing one.
struct PreparedRows: Sendable {
    /// Rows per chunk: small enough for the stages to overlap within one batch, large enough
    /// that a hand-over costs nothing per row.
    static let capacity = 4096

    /// One entry row; its shot_id (if any) and body lie in `arena` from `offset`, back to back.
    struct Row: Sendable {
        var seq: Int64
        /// The tag's 8 bytes, in memory order.
        var tag: UInt64
        var offset: Int
        /// -1 for NULL (entries without a shot).
        var shotCount: Int32
        var bodyCount: Int32
    }

    var rows: [Row] = []
    var arena: [UInt8] = []
    /// Merkle node rows (id, hash) completed by these entries.
    var nodes: [(id: Int64, hash: [UInt8])] = []
    /// Set on a batch's last chunk.
    var end: BatchEnd?

    init() {
        rows.reserveCapacity(Self.capacity)
        arena.reserveCapacity(Self.capacity * 128)
    }
}

/// The end of a batch: what its commit records, or nil if preparing it failed.
struct BatchEnd: Sendable {
    /// Whether the batch holds one of `BatchPipeline`'s batch slots (appendBatch's batches do).
    var releasesSlot: Bool
    /// The head after the batch (its checkpoint to insert) and the input records it adds.
    var commit: (head: LedgerWriter.Head, records: Int)?

    init(releasesSlot: Bool) { self.releasesSlot = releasesSlot }
}

/// The writer, handed to its own threads: only the stage running a piece of work touches
/// that stage's state, and the owner drains the pipeline before touching any (every public
/// member of `LedgerWriter` does), so no state is touched by two threads at once.
struct QueuedWriter: @unchecked Sendable {
    /// Unowned: the writer drains its pipeline in `deinit`, so it outlives all queued work.
    unowned(unsafe) let writer: LedgerWriter
}
