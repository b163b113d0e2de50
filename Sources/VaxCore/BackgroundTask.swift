import Dispatch

/// One piece of work run on another thread while the caller goes on; `value` waits for it.
///
/// For steps that do not depend on each other but run one after the other on one thread:
/// a batch decided while the previous one is written out, a file hashed while it is grouped.
///
/// `@unchecked Sendable`: the result is written once by the working thread and read by the
/// caller after the semaphore, both through the lock (which ThreadSanitizer understands).
public final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let result = Protected<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` at once on a global queue.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }
    }

    /// The work's result once it has finished; rethrows its error. Call it once.
    public func value() throws -> Value {
        done.wait()
        guard let outcome = result.withLock({ $0 }) else { preconditionFailure("signalled without a result") }
        return try outcome.get()
    }
}
