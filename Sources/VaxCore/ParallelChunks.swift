import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Splits `0..<count` into about `parts` contiguous ranges of near-equal size.
public func makeChunks(count: Int, parts: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let n = max(1, min(parts, count))
    return (0..<n).map { i in (count * i / n)..<(count * (i + 1) / n) }
}

/// Runs `work` for each chunk on up to `threads` threads and returns the results in
/// chunk order, so that output never depends on the thread count.
///
/// The one audited place where data parallelism crosses into Dispatch (docs/STYLE.md §5).
/// `work` must be safe to call concurrently: immutable inputs, disjoint writes.
public func mapChunks<R>(_ chunks: [Range<Int>], threads: Int,
                         _ work: @Sendable (Range<Int>) -> R) -> [R] {
    guard !chunks.isEmpty else { return [] }
    if threads <= 1 || chunks.count == 1 {
        return chunks.map(work)
    }
    return [R](unsafeUninitializedCapacity: chunks.count) { out, count in
        // safe: capacity == chunks.count and slot i is written only by iteration i
        nonisolated(unsafe) let slots = out.baseAddress!
        let lanes = min(threads, chunks.count)
        // Each lane takes the next chunk nobody has taken: a lane slowed by other work on its
        // core (the match loop's own thread, the ledger's) leaves its share to the others.
        // Results go by chunk index, so which lane made one never shows.
        let nextChunk = Protected(0)
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while true {
                let i = nextChunk.withLock { next in
                    defer { next += 1 }
                    return next
                }
                guard i < chunks.count else { return }
                (slots + i).initialize(to: work(chunks[i]))
            }
        }
        count = chunks.count
    }
}

/// The number of active processors, at least 1.
public var processorCount: Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
