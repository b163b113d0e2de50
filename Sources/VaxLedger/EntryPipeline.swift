import Dispatch
import VaxCore
#if canImport(Glibc)
import Glibc
#endif

// spec: ledger-format.md "Verification" step 4: every entry, read once.

/// Phase 4's schedule: one sequential pass reads the entries into chunks (`EntryChunkReader`),
/// the chain walk (`ChainWalk`) takes each chunk in order, and block-aligned ranges of every
/// chunk (`EntryRangeCheck`) run whenever a thread is free. The reader runs ahead by up to
/// `Chunking.buffers` chunks; a chunk's buffer is refilled only once its walk and all its
/// ranges are done. No step waits for all threads (on a shared machine a thread that loses
/// its core would stall the others at every barrier): each thread takes the next task whose
/// inputs are ready, the chain walk first, then the next read, then the oldest range.
///
/// The findings do not depend on the thread count or the chunk sizes: the ranges' results
/// are kept in entry order, and the report names the first failing entry and, at that entry,
/// the first check in `EntryCheck` order, whichever task found it.
enum EntryPipeline {
    /// How much a chunk holds.
    struct Chunking: Sendable {
        /// Entries per chunk: a multiple of 256 keeps chunks on Merkle block boundaries (any
        /// count works: a range continues the block the previous chunk ended in).
        var entries = 16_384
        /// A chunk ends early past this many bytes (an entry is about 100 bytes; a ledger of
        /// huge rows still holds at most `buffers` chunks in memory).
        var bytes = 8 << 20
        /// Chunks in memory at once: how far the reader may run ahead of the checks.
        var buffers = 4
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
        let schedule = PipelineSchedule(
            reader: try EntryChunkReader(path: path, size: size),
            chain: ChainWalk(sizes: sizes, checkpoints: checkpoints, version: version),
            context: EntryRangeCheck.Context(sizes: sizes, version: version), chunking: chunking,
            parts: lanes.count == 1 ? 1 : lanes.count * 4, readsAhead: lanes.count > 1)
        if lanes.count == 1 {
            schedule.work(on: lanes[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: lanes.count) { schedule.work(on: lanes[$0]) }
        }
        return schedule.results()
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
}

/// The pipeline's state: which chunks are read, walked and checked, under one lock. The work
/// itself runs outside the lock; the reader and the chain walk are each run by one task at
/// a time (the next read and the next walk become ready only when the previous one ends).
///
/// `@unchecked Sendable`: every field is read and written under `condition`'s lock, except
/// the buffers, which follow the rule above (filled by one read, then only read).
private final class PipelineSchedule: @unchecked Sendable {
    private let reader: EntryChunkReader
    private let chain: ChainWalk
    private let context: EntryRangeCheck.Context
    private let buffers: [EntryChunk]
    private let chunkBytes: Int
    private let parts: Int
    /// Several threads: the next read before ranges, so that the reader never waits. One:
    /// ranges first, so that one chunk at a time is in flight (it stays in the cache).
    private let readsAhead: Bool
    private let condition = Monitor()

    /// Chunks 0..<read are read; `reading`: the next is being read; `readerDone`: no more.
    private var read = 0
    private var reading = false
    private var readerDone = false
    /// Chunks 0..<walked are walked by the chain.
    private var walked = 0
    private var walking = false
    /// Range tasks not started, oldest first, and those running.
    private var pending: [(chunk: Int, part: Int)] = []
    private var running = 0
    /// Per chunk: its ranges, tasks left (walk and ranges), and the ranges' results.
    private var ranges: [Int: [Range<Int>]] = [:]
    private var left: [Int: Int] = [:]
    private var outputs: [Int: [(EntryRangeCheck.ChunkResult, MerkleFrontier)?]] = [:]
    /// Chunks whose buffer may be refilled.
    private var finished: Set<Int> = []
    /// A failure was found in this chunk: later chunks hold later entries, so they need not
    /// be read or checked.
    private var stop = Int.max

    init(
        reader: EntryChunkReader, chain: ChainWalk, context: EntryRangeCheck.Context,
        chunking: EntryPipeline.Chunking, parts: Int, readsAhead: Bool
    ) {
        self.readsAhead = readsAhead
        self.reader = reader
        self.chain = chain
        self.context = context
        // An entry is about 100 bytes; a buffer grows if its rows are larger.
        buffers = (0..<max(2, chunking.buffers)).map { _ in
            EntryChunk(capacity: chunking.entries, bytes: min(chunking.bytes, chunking.entries * 128))
        }
        chunkBytes = chunking.bytes
        self.parts = parts
    }

    private enum Task {
        case read(Int), walk(Int), range(Int, Int)
    }

    /// Takes tasks until none is left.
    func work(on lane: VerifierLane) {
        condition.lock()
        while true {
            guard let task = next() else {
                if isComplete {
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                condition.wait()
                continue
            }
            condition.unlock()
            let done = run(task, lane: lane)
            condition.lock()
            done()
            condition.broadcast()
        }
    }

    /// The next ready task, marked as started; nil if none is ready now. Under the lock.
    private func next() -> Task? {
        if !walking && walked < read && walked <= stop {
            walking = true
            return .walk(walked)
        }
        let canRead =
            !reading && !readerDone && read <= stop
            && (read < buffers.count || finished.contains(read - buffers.count))
        if canRead && readsAhead {
            reading = true
            return .read(read)
        }
        pending.removeAll { $0.chunk > stop }
        if let index = pending.firstIndex(where: { carryIsReady($0) }) {
            running += 1
            let task = pending.remove(at: index)
            return .range(task.chunk, task.part)
        }
        if canRead {
            reading = true
            return .read(read)
        }
        return nil
    }

    /// Whether everything that can still matter is done. Under the lock.
    private var isComplete: Bool {
        !reading && !walking && running == 0 && pending.isEmpty && (readerDone || read > stop)
            && (walked == read || walked > stop)
    }

    /// A range that starts inside a block continues the frontier of the range before it.
    private func carryIsReady(_ task: (chunk: Int, part: Int)) -> Bool {
        guard task.part == 0, task.chunk > 0, buffers[task.chunk % buffers.count].first % LedgerFormat.blockSize != 0
        else { return true }
        return outputs[task.chunk - 1]?.last.flatMap { $0 } != nil
    }

    /// Runs `task` (outside the lock); returns what records its end (under the lock).
    private func run(_ task: Task, lane: VerifierLane) -> () -> Void {
        switch task {
        case .read(let k):
            let buffer = buffers[k % buffers.count]
            reader.read(into: buffer, bytes: chunkBytes)
            return { [self] in
                reading = false
                readerDone = reader.isDone
                guard buffer.count > 0 else {
                    readerDone = true
                    return
                }
                let chunkRanges = EntryPipeline.blockAlignedRanges(buffer, parts: parts)
                ranges[k] = chunkRanges
                left[k] = 1 + chunkRanges.count
                outputs[k] = Array(repeating: nil, count: chunkRanges.count)
                pending += chunkRanges.indices.map { (k, $0) }
                read = k + 1
            }
        case .walk(let k):
            chain.walk(buffers[k % buffers.count])
            return { [self] in
                walking = false
                walked = k + 1
                if chain.failure != nil { stop = min(stop, k) }
                taskEnded(chunk: k)
            }
        case .range(let k, let part):
            let buffer = buffers[k % buffers.count]
            // The frontier carried from the previous chunk's last range (read under the lock:
            // the task is ready only once it is there).
            condition.lock()
            let carried = part == 0 ? (outputs[k - 1]?.last.flatMap { $0 }?.1 ?? MerkleFrontier()) : MerkleFrontier()
            let range = ranges[k]![part]
            condition.unlock()
            let output = EntryRangeCheck.check(
                buffer, range: range, block: buffer.first % LedgerFormat.blockSize == 0 ? MerkleFrontier() : carried,
                context: context, lane: lane)
            return { [self] in
                running -= 1
                outputs[k]![part] = output
                if output.0.failure != nil || output.0.thrown != nil { stop = min(stop, k) }
                taskEnded(chunk: k)
            }
        }
    }

    /// Counts one of chunk k's tasks done; frees its buffer after the last. Under the lock.
    private func taskEnded(chunk k: Int) {
        left[k]! -= 1
        if left[k] == 0 { finished.insert(k) }
    }

    /// The walk's result, the ranges' in entry order, the reader's. After `work` returned.
    func results() -> [EntryRangeCheck.ChunkResult] {
        var chained = EntryRangeCheck.ChunkResult()
        chained.heads = chain.heads
        chained.failure = chain.failure
        var all = [chained]
        for k in outputs.keys.sorted() {
            all += outputs[k]!.compactMap { $0?.0 }
        }
        var readResult = EntryRangeCheck.ChunkResult()
        readResult.failure = reader.failure.map { RankedFailure(check: .row, failure: $0) }
        readResult.thrown = reader.thrown
        return all + [readResult]
    }
}

/// A mutex with one condition (pthread): `wait` releases the lock until a `broadcast`.
private final class Monitor: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        // Traps: initialising with default attributes fails only without memory.
        precondition(pthread_mutex_init(mutex, nil) == 0 && pthread_cond_init(changed, nil) == 0, "pthread init")
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(changed, mutex) }
    func broadcast() { pthread_cond_broadcast(changed) }
}
