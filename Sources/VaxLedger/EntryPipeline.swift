import Dispatch
import Synchronization
import VaxCore

// spec: ledger-format.md "Verification" step 4: every entry, read once.

/// Phase 4's schedule: one sequential pass reads the entries into chunks; while it reads
/// chunk k + 1, the chain walk (sequential) and the range checks (leaves, blocks, bodies: in
/// parallel over block-aligned ranges) work on chunk k. Every step ends before the next
/// begins, so a chunk buffer is never read while it is filled.
///
/// The findings do not depend on the thread count: the ranges' results are kept in entry
/// order, and the report names the first failing entry and, at that entry, the first check
/// in `EntryCheck` order, whichever task found it.
enum EntryPipeline {
    /// How much a chunk holds.
    struct Chunking: Sendable {
        /// Entries per chunk: a multiple of 256 keeps chunks on Merkle block boundaries (any
        /// count works: a range continues the block the previous chunk ended in).
        var entries = 16_384
        /// A chunk ends early past this many bytes (an entry is about 150 bytes; a ledger of
        /// huge rows still holds at most two chunks in memory). Ranges then continue the
        /// block the previous chunk ended in.
        var bytes = 8 << 20
    }

    /// Checks entries 0..<size on `threads` threads.
    /// - Returns: the chain walk's result first, then every range's in entry order, then
    ///   the reader's (a missing entry, a row that fails on its own, a fault).
    /// - Throws: `VaxError` if the ledger cannot be opened for reading.
    static func run(
        path: String, size: Int, checkpoints: [Int: Checkpoint], sizes: [Int], version: UInt8, threads: Int,
        chunking: Chunking = Chunking()
    ) throws -> [EntryRangeCheck.ChunkResult] {
        let lanes = (0..<max(1, threads)).map { _ in VerifierLane(path: path) }
        let reader = try EntryChunkReader(path: path, size: size)
        let chain = ChainWalk(sizes: sizes, checkpoints: checkpoints, version: version)
        let context = EntryRangeCheck.Context(sizes: sizes, version: version)
        let (chunkEntries, chunkBytes) = (chunking.entries, chunking.bytes)
        let buffers = [
            EntryChunk(capacity: chunkEntries, bytes: chunkBytes + chunkBytes / 4),
            EntryChunk(capacity: chunkEntries, bytes: chunkBytes + chunkBytes / 4),
        ]
        var results: [EntryRangeCheck.ChunkResult] = []
        var carried = MerkleFrontier()  // the block the next chunk starts in
        reader.read(into: buffers[0], bytes: chunkBytes)
        var step = 0
        while buffers[step % 2].count > 0 {
            let chunk = buffers[step % 2]
            let nextChunk = buffers[(step + 1) % 2]
            let readsNext = !reader.isDone
            let ranges = blockAlignedRanges(chunk, parts: lanes.count == 1 ? 1 : lanes.count * 4)
            // Task 0 reads the next chunk, task 1 walks the chain (the two sequential ones go
            // first), then the ranges.
            let taskCount = 2 + ranges.count
            let outputs = UnsafeMutableBufferPointer<(EntryRangeCheck.ChunkResult, MerkleFrontier)?>.allocate(
                capacity: ranges.count)
            outputs.initialize(repeating: nil)
            defer { outputs.deallocate() }
            // safe: slot i is written only by the task of range i, and read after all tasks end.
            nonisolated(unsafe) let slots = outputs
            let start = carried
            runTasks(taskCount, lanes: lanes) { task, lane in
                switch task {
                case 0: if readsNext { reader.read(into: nextChunk, bytes: chunkBytes) }
                case 1: chain.walk(chunk)
                default:
                    let index = task - 2
                    slots[index] = EntryRangeCheck.check(
                        chunk, range: ranges[index], block: index == 0 ? start : MerkleFrontier(), context: context,
                        lane: lane)
                }
            }
            var failed = chain.failure != nil
            for output in outputs {
                let (result, block) = output!
                failed = failed || result.failure != nil || result.thrown != nil
                results.append(result)
                carried = block
            }
            // Later chunks hold later entries: a failure here comes first.
            if failed || !readsNext { break }
            step += 1
        }
        var chained = EntryRangeCheck.ChunkResult()
        chained.heads = chain.heads
        chained.failure = chain.failure
        var read = EntryRangeCheck.ChunkResult()
        read.failure = reader.failure.map { RankedFailure(check: .row, failure: $0) }
        read.thrown = reader.thrown
        return [chained] + results + [read]
    }

    /// About `parts` consecutive ranges covering the chunk, every inner boundary on a
    /// 256-entry block boundary of the ledger.
    static func blockAlignedRanges(_ chunk: EntryChunk, parts: Int) -> [Range<Int>] {
        let block = LedgerFormat.blockSize
        var bounds = [0]
        for k in 1..<max(parts, 1) {
            let target = chunk.first + chunk.count * k / parts
            let aligned = target / block * block - chunk.first
            if aligned > bounds.last! && aligned < chunk.count { bounds.append(aligned) }
        }
        bounds.append(chunk.count)
        return (1..<bounds.count).map { bounds[$0 - 1]..<bounds[$0] }
    }

    /// Runs tasks 0..<count on the lanes, each lane taking the next task not yet taken; returns
    /// when all are done. One lane: in order, on this thread.
    private static func runTasks(
        _ count: Int, lanes: [VerifierLane], _ work: @Sendable (Int, VerifierLane) -> Void
    ) {
        if lanes.count == 1 {
            for task in 0..<count { work(task, lanes[0]) }
            return
        }
        let counter = TaskCounter()
        DispatchQueue.concurrentPerform(iterations: lanes.count) { lane in
            while true {
                let task = counter.next.add(1, ordering: .relaxed).oldValue
                guard task < count else { return }
                work(task, lanes[lane])
            }
        }
    }
}

/// The next task index, shared by the lanes of one step.
private final class TaskCounter: Sendable {
    let next = Atomic<Int>(0)
}
