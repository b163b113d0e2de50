import Dispatch
import VaxCore

/// The writer's own serial thread: it appends the match run's decision batches while the
/// caller decides the next ones, so that appending does not add to the run's wall time.
///
/// - Order: one serial queue, so batches are committed in the order they were handed over,
///   each in its own transaction, exactly as if appended in line (the same ledger bytes).
/// - Memory: at most `maxInFlight` batches handed over and not yet committed; the caller
///   waits for a slot before handing over another.
/// - Errors: the first error of a queued batch is kept; every batch queued after it is
///   dropped unwritten (nothing after a failed batch is committed), and the error is thrown
///   by the writer's next call (`appendBatch`, any other append, `finish`, `flush`).
///
/// `@unchecked Sendable`: `failureStorage` is guarded by `lock`; everything else is
/// immutable or thread-safe (DispatchQueue, DispatchSemaphore).
final class BatchQueue: @unchecked Sendable {
    /// Batches handed over and not yet committed: the one being written and one waiting.
    static let maxInFlight = 2

    private let queue = DispatchQueue(label: "vaxlink.ledger-writer", qos: .userInitiated)
    private let slots = DispatchSemaphore(value: maxInFlight)
    private let lock = Lock()
    private var failureStorage: (any Error)?

    /// The first error of a queued batch, if any.
    var failure: (any Error)? { lock.withLock { failureStorage } }

    /// Runs `work` on the writer's thread after every batch submitted before it; waits while
    /// `maxInFlight` batches are pending. After a failure, `work` is dropped.
    func submit(_ work: @escaping @Sendable () throws -> Void) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure == nil else { return }
            do {
                try work()
            } catch {
                lock.withLock { failureStorage = error }
            }
        }
    }

    /// Waits until every submitted batch is committed or dropped. After it, the caller's
    /// thread sees every write the writer's thread made (the queue's sync is a barrier).
    func drain() { queue.sync {} }
}

/// The writer, handed to its own thread: only that thread touches the writer's append
/// state while a batch is queued, and the owner drains the queue before touching it again
/// (every public member of `LedgerWriter` does), so the two never run at once.
struct QueuedWriter: @unchecked Sendable {
    /// Unowned: the writer drains its queue in `deinit`, so it outlives every queued batch.
    unowned(unsafe) let writer: LedgerWriter
}
