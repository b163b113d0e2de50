import Synchronization

/// Keeps the values of reads made only to bring memory into cache.
///
/// In a national register nearly every read of a row's column is a cache miss. Code that
/// reads one row at a time waits for each miss before it can ask for the next; code that
/// first reads the words of many rows at once, with nothing waiting on them, lets the core
/// have dozens of misses in flight, and the real reads that follow find them in cache
/// (`PopulationStore.touch`). Such reads have no use of their own, so the compiler would drop
/// them: `keep` makes their values look used at the cost of one comparison.
public enum MemoryTouch {
    private static let sink = Atomic<UInt64>(0)

    /// Marks `value`, folded from touching reads, as used.
    @inline(__always)
    public static func keep(_ value: UInt64) {
        // Never true in practice; the compiler cannot know that, so it keeps every read
        // that `value` was folded from. A relaxed store, if it ever happens, is harmless.
        if value == 0x9E37_79B9_7F4A_7C15 { sink.store(value, ordering: .relaxed) }
    }
}
