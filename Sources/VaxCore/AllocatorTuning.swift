#if canImport(Glibc)
import CMalloc
#endif

/// Sets glibc's allocator up for a long run that allocates and frees large arrays over and
/// over (a match run's batches of a million shots and decisions): each arena's heap grows
/// by 64 MiB beyond a request instead of by the request alone. With the default of none,
/// a national match spent about a tenth of its CPU time in the kernel, growing and
/// trimming the heaps page by page (`brk`, page faults, pages cleared): on the first 800 k
/// national shots, system time 3.4-4.3 s → 1.6-1.8 s, wall 20.3-21.6 s → 19.1-19.2 s, peak
/// memory the same (docs/performance notes in the README). Call once, first thing in a
/// process; a later call changes only heap growth from then on.
/// C: `mallopt(M_TOP_PAD)`.
package func tuneAllocatorForLongRuns() {
    #if canImport(Glibc)
    _ = mallopt(M_TOP_PAD, 64 << 20)
    #endif
}
