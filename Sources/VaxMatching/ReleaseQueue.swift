#if canImport(Glibc)
import Glibc
#endif
import VaxCore

/// Puts final decisions back in input order, in bounded memory, for decisions.csv and the
/// ledger (`MatchRun`).
///
/// Rows are read in ascending order. A row whose decision its group may still change is
/// *held* until the group's last row is read (`Matcher.mayChangeInGroup`); every row is
/// released once it and every row before it is final. A group may span the whole file (a
/// national file in date order puts a person's doses months apart), so one held row near
/// the start can keep almost every later decision waiting.
///
/// Memory: at most `memoryLimit` waiting decisions in memory; beyond that they are sorted
/// and written to a run file in `directory` (removed as it is read back, and by `close`;
/// those of a killed run by the next queue made in the folder).
/// Runs are read back in a merge, in row order, as the rows become releasable. Runs have
/// levels: a spill makes a run of level 0, and `mergeWidth` runs of one level are merged
/// into one of the next, so each decision is rewritten once per level (the logarithm of
/// the runs to base `mergeWidth`) and at most `mergeWidth - 1` runs of each level are open.
/// A merge runs on the caller's thread, the match loop's, while the workers wait for their
/// next batch: in a national file nearly every decision waits to the end, in 80 runs of a
/// million, and merging 16 of them took 25 s with one core busy (merging every run into
/// one whenever 16 had gathered, as before, wrote 310 M records for 80 M decisions). So
/// the width is 128: a national run's runs are written once and read once, in the
/// release, from a heap of their heads (`RunHeads`). The held rows themselves cost one
/// bit per row between the oldest held row and the newest row read. What is released
/// after each call of `release` depends on the rows and decisions alone, never on
/// `memoryLimit`.
final class ReleaseQueue {
    /// A final decision and its accepted-row index.
    struct Item {
        var row: Int
        var decision: Decision
    }

    let directory: String
    let memoryLimit: Int
    let mergeWidth: Int
    /// Final decisions not yet released, in arrival order (sorted by row before a release or spill).
    private var waiting: [Item] = []
    private var runs: [SpillRun] = []
    private var runsMade = 0
    /// Decisions written to run files so far, merges included.
    private(set) var recordsWritten = 0
    /// Held rows not yet final: bit `r - bitBase` of `bits`. `bitBase` is a multiple of 64.
    private var bits: [UInt64] = []
    private var bitBase = 0
    /// Rows read so far: every row below is final or held.
    private var rowsRead = 0

    init(directory: String, memoryLimit: Int = 1 << 20, mergeWidth: Int = 128) {
        precondition(memoryLimit > 0 && mergeWidth >= 2, "a queue needs room for one decision and two runs")
        self.directory = directory
        self.memoryLimit = memoryLimit
        self.mergeWidth = mergeWidth
        ReleaseQueue.removeStaleRuns(in: directory)
    }

    static let runPrefix = ".release-run-"

    /// Removes the run files a killed run left in `directory` (a run that ends, even by an
    /// error, removes its own): the output folder belongs to one run at a time.
    static func removeStaleRuns(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(runPrefix) { stale.append(name) }
        }
        for name in stale { Sys.unlink(directory + "/" + name) }
    }

    deinit { close() }

    /// Notes that `row` was read (ascending) and whether its decision may still change.
    func read(row: Int, held: Bool) {
        precondition(row >= rowsRead, "rows are read in ascending order")
        rowsRead = row + 1
        guard held else { return }
        let word = (row - bitBase) >> 6
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: word - bits.count + 1)) }
        bits[word] |= 1 << UInt64((row - bitBase) & 63)
    }

    /// Adds the final decision of `row`, which was read (and, if held, is held no longer).
    func add(row: Int, _ decision: Decision) {
        precondition(row < rowsRead, "a decision for a row that was read")
        let offset = row - bitBase
        if offset >= 0, offset >> 6 < bits.count { bits[offset >> 6] &= ~(1 << UInt64(offset & 63)) }
        waiting.append(Item(row: row, decision: decision))
    }

    /// The first row that is not final yet (held), or `rowsRead` when every row read is final.
    private func firstUnfinished() -> Int {
        var word = 0
        while word < bits.count && bits[word] == 0 { word += 1 }
        // Rows below the first held word are final: drop the empty words in front, but never
        // past the rows read (a row read later may still be held).
        let drop = min(word, (rowsRead - bitBase) >> 6)
        if drop > 4096 || (drop > 0 && drop == bits.count) {
            bits.removeFirst(drop)
            bitBase += drop * 64
            word -= drop
        }
        guard word < bits.count else { return rowsRead }
        return bitBase + word * 64 + bits[word].trailingZeroBitCount
    }

    /// Releases, in row order, every final decision before the first row that is not final.
    /// - Throws: `VaxError(.environment)` when a run file cannot be written or read.
    func release(_ body: (Item) throws -> Void) throws {
        let limit = firstUnfinished()
        waiting.sort { $0.row < $1.row }
        var next = 0  // the next in-memory item
        do {
            var heads = RunHeads(runs)
            defer { runs = heads.runs }  // those not read to their end
            while true {
                // The smallest row among the memory head and the run heads.
                let inMemory = next < waiting.count ? waiting[next].row : Int.max
                guard min(inMemory, heads.smallestRow) < limit else { break }
                if inMemory < heads.smallestRow {
                    try body(waiting[next])
                    next += 1
                } else {
                    try body(heads.take())
                }
            }
        }
        waiting.removeFirst(next)
        if waiting.count > memoryLimit { try spill() }
    }

    /// Writes the waiting decisions (sorted) to a new run of level 0; then, while some level
    /// holds `mergeWidth` runs, merges them into one run of the level above.
    private func spill() throws {
        runs.append(try SpillRun.write(waiting, path: nextRunPath()))
        recordsWritten += waiting.count
        waiting.removeAll(keepingCapacity: false)
        var level = 0
        while true {
            let same = runs.filter { $0.level == level }
            guard same.count >= mergeWidth else { break }
            runs.removeAll { $0.level == level }
            runs.append(try merge(same, level: level + 1))
            level += 1
        }
    }

    /// One run of `level` holding the records of `group` in row order; the group's files are removed.
    private func merge(_ group: [SpillRun], level: Int) throws -> SpillRun {
        var heads = RunHeads(group)
        var merged: [Item] = []
        let out = try SpillRun.Writer(path: nextRunPath())
        while heads.smallestRow < Int.max {
            merged.append(heads.take())
            recordsWritten += 1
            if merged.count >= 4096 {
                try out.write(merged)
                merged.removeAll(keepingCapacity: true)
            }
        }
        try out.write(merged)
        let run = try out.finish()
        run.level = level
        return run
    }

    private func nextRunPath() -> String {
        runsMade += 1
        return directory + "/" + ReleaseQueue.runPrefix + "\(getpid())-\(runsMade)"
    }

    /// Whether nothing waits (every decision added has been released).
    var isEmpty: Bool { waiting.isEmpty && runs.isEmpty }

    /// Runs spilled to disk so far (for tests and the run's summary).
    var runsWritten: Int { runsMade }

    /// Removes the run files left (a run that stops early).
    func close() {
        for run in runs { run.remove() }
        runs.removeAll()
    }
}

/// The runs of a merge by their head rows, smallest on top (a binary heap): a national
/// run's release reads from about 80 runs, and finding the smallest head by looking at
/// each cost 80 comparisons a decision.
struct RunHeads {
    /// The runs not read to their end, in heap order.
    private(set) var runs: [SpillRun]

    init(_ runs: [SpillRun]) {
        self.runs = runs.filter { !$0.isEmpty }
        for i in stride(from: self.runs.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
    }

    /// The smallest head row, or Int.max when every run is read to its end.
    var smallestRow: Int { runs.first?.headRow ?? Int.max }

    /// Takes the smallest head; a run read to its end leaves the heap and its file is removed.
    mutating func take() -> ReleaseQueue.Item {
        let item = runs[0].take()
        if runs[0].isEmpty {
            runs[0].remove()
            runs.swapAt(0, runs.count - 1)
            runs.removeLast()
        }
        if !runs.isEmpty { siftDown(0) }
        return item
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < runs.count && runs[left].headRow < runs[smallest].headRow { smallest = left }
            if right < runs.count && runs[right].headRow < runs[smallest].headRow { smallest = right }
            guard smallest != i else { return }
            runs.swapAt(i, smallest)
            i = smallest
        }
    }
}

/// One sorted run of waiting decisions on disk, read back from its head: per decision its
/// row (Int64) and the decision (`SpillCodec.swift`).
final class SpillRun {
    /// 0 for a spill's run, n + 1 for a merge of runs of level n (`ReleaseQueue`).
    var level = 0
    private let file: MappedFile
    private var offset = 0
    /// The offset up to which the mapping's pages were let go (`MappedFile.release`).
    private var released = 0
    /// Read this far past `released`, the pages behind are let go: a run is read once. A
    /// release reads up to `mergeWidth` runs side by side, and the pages read count in the
    /// process's resident memory until let go: 8 MB each.
    private static let releaseStep = 8 << 20
    private var head: ReleaseQueue.Item?

    private init(path: String) throws {
        file = try MappedFile(path: path)
        head = decode()
    }

    /// Writes `items`, sorted by row, and opens them for reading. (The queue sorts its
    /// waiting decisions to release them, so they are spilled as they are, not copied.)
    static func write(_ items: [ReleaseQueue.Item], path: String) throws -> SpillRun {
        precondition(zip(items, items.dropFirst()).allSatisfy { $0.row < $1.row }, "a run is written in row order")
        let out = try Writer(path: path)
        try out.write(items)
        return try out.finish()
    }

    var isEmpty: Bool { head == nil }
    /// The head's row, or Int.max when the run is read to its end.
    var headRow: Int { head?.row ?? Int.max }

    /// The head, and the next record read as the new head.
    func take() -> ReleaseQueue.Item {
        guard let item = head else { preconditionFailure("take from an empty run") }
        head = decode()
        return item
    }

    func remove() { Sys.unlink(file.path) }

    private func decode() -> ReleaseQueue.Item? {
        var reader = SpillReader(file.bytes)
        reader.offset = offset
        guard !reader.atEnd else { return nil }
        let row = Int(reader.get(Int64.self))
        let decision = reader.getDecision()
        offset = reader.offset
        if offset - released >= SpillRun.releaseStep {
            file.release(before: offset)
            released = offset
        }
        return ReleaseQueue.Item(row: row, decision: decision)
    }

    /// Appends records to a new run file.
    final class Writer {
        let out: OutputFile

        init(path: String) throws { out = try OutputFile(path: path, bufferSize: 1 << 18) }

        /// Appends `items`, encoded a few thousand at a time: one buffer the size of a
        /// national batch's spill (160 MB) cost its page faults and copies on every batch.
        func write(_ items: [ReleaseQueue.Item]) throws {
            var out = SpillWriter()
            out.bytes.reserveCapacity(Self.chunk * 256)
            for start in stride(from: 0, to: items.count, by: Self.chunk) {
                out.bytes.removeAll(keepingCapacity: true)
                for item in items[start..<min(items.count, start + Self.chunk)] {
                    out.put(Int64(item.row))
                    out.put(item.decision)
                }
                try self.out.write(out.bytes)
            }
        }

        static let chunk = 4096

        /// Puts the file in place and opens it for reading.
        func finish() throws -> SpillRun {
            try out.commit()
            return try SpillRun(path: out.path)
        }
    }
}
