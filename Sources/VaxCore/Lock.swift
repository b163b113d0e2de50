#if canImport(Glibc)
import Glibc
#endif

/// A mutual-exclusion lock for the few places that share mutable state across threads.
///
/// `@unchecked Sendable`: the pthread mutex is the synchronization itself.
public final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A value that threads share, reached only while holding its lock.
///
/// Used instead of the standard library's `Mutex`: on Linux that lock waits through futex
/// system calls that ThreadSanitizer does not see, so `make sanitize` reported the accesses
/// it guards as races; a pthread mutex is understood by the sanitizer.
/// `@unchecked Sendable`: every access goes through `withLock`.
public final class Protected<Value>: @unchecked Sendable {
    private let lock = Lock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value, holding the lock.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&value) }
    }
}
