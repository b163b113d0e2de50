import Dispatch

/// Produces the next items of a sequence on a second thread while the caller works on the
/// current one: for input whose parsing costs about as much as what is done with it (the
/// register's rows are parsed, then their names interned), so that the two overlap.
///
/// Items arrive in order, at most `depth` ahead of the caller; the first error ends the
/// sequence and is thrown by `next`. `close` stops the producer and waits for it, so that
/// whatever `produce` reads may be used again afterwards; it runs on deinit too.
///
/// `@unchecked Sendable`: the producer's own state is touched only by its thread until
/// `close` returns; what the two threads share sits in `Protected` and the semaphores.
public final class ReadAhead<Item: Sendable>: @unchecked Sendable {
    private let produced = Protected<[Result<Item?, any Error>]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let producerEnded = DispatchSemaphore(value: 0)
    private let stopRequested = Protected(false)
    private var ended = false
    private var ending: (any Error)?
    private var closed = false

    /// Starts producing at once: `produce` returns the next item, or nil at the end.
    public init(depth: Int = 2, _ produce: @escaping @Sendable () throws -> Item?) {
        precondition(depth >= 1, "read ahead needs room for one item")
        // Made at 0 and raised: libdispatch traps when a semaphore is freed below the value
        // it was made with, which an early `close` leaves this one at.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<depth { room.signal() }
        DispatchQueue.global().async { [self] in
            while true {
                room.wait()
                if stopRequested.withLock({ $0 }) { break }
                let result = Result { try produce() }
                produced.withLock { $0.append(result) }
                ready.signal()
                guard case .success(.some) = result else { break }
            }
            // Through the lock as well as the semaphore: ThreadSanitizer sees a pthread mutex
            // order the producer's last use of what it reads before the caller's next one.
            stopRequested.withLock { $0 = true }
            producerEnded.signal()
        }
    }

    deinit { close() }

    /// The next item; nil after the last one.
    public func next() throws -> Item? {
        if let ending { throw ending }
        if ended { return nil }
        ready.wait()
        let result = produced.withLock { $0.removeFirst() }
        room.signal()
        switch result {
        case .success(.some(let item)): return item
        case .success(.none):
            ended = true
            return nil
        case .failure(let error):
            ending = error
            throw error
        }
    }

    /// Stops the producer after the item it is making, and waits until it has.
    public func close() {
        guard !closed else { return }
        closed = true
        stopRequested.withLock { $0 = true }
        room.signal()  // a producer waiting for room wakes, sees the request and ends
        producerEnded.wait()
        _ = stopRequested.withLock { $0 }
    }
}
