import VaxCore

// spec: ledger-format.md "Verification" step 4, the part that needs no hash: the entries
// are read once, in seq order, into column buffers that the hashing tasks share.

/// Column buffers for a run of consecutive entries: for each, `0x00 ‖ canonical(seq)` in one
/// byte arena (the leaf hash's input as it stands; the chain hash skips the first byte), the
/// first 8 bytes of its stored tag.
///
/// `@unchecked Sendable`: the reader fills a chunk while no task uses it (`EntryPipeline`
/// refills a buffer only after its chain walk and ranges ended); then tasks only read it.
final class EntryChunk: @unchecked Sendable {
    /// The seq of entry 0 of the chunk.
    private(set) var first = 0
    private(set) var count = 0
    private var arena: UnsafeMutableRawPointer
    private var arenaCapacity: Int
    private var used = 0
    /// Entry i's bytes are arena[starts[i] ..< starts[i + 1]].
    private let starts: UnsafeMutablePointer<Int>
    /// The stored tag's 8 bytes as loaded from memory; `tagValid[i]` is false for a tag of
    /// another length (it matches no chain hash).
    private let tags: UnsafeMutablePointer<UInt64>
    private let tagValid: UnsafeMutablePointer<Bool>
    let capacity: Int

    init(capacity: Int, bytes: Int) {
        self.capacity = capacity
        arenaCapacity = max(bytes, 1)
        arena = .allocate(byteCount: arenaCapacity, alignment: 16)
        starts = .allocate(capacity: capacity + 1)
        starts[0] = 0
        tags = .allocate(capacity: capacity)
        tagValid = .allocate(capacity: capacity)
    }

    deinit {
        arena.deallocate()
        starts.deallocate()
        tags.deallocate()
        tagValid.deallocate()
    }

    /// Empties the chunk; the next entry appended is `first`.
    func reset(first: Int) {
        self.first = first
        count = 0
        used = 0
    }

    var isFull: Bool { count == capacity }
    var byteCount: Int { used }

    /// Appends entry `first + count`.
    func append(seq: Int, shotID: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) {
        precondition(count < capacity && seq == first + count && shotID.count <= 255, "EntryChunk.append misused")
        let size = 10 + shotID.count + body.count
        if used + size > arenaCapacity { grow(to: used + size) }
        let out = arena + used
        out.storeBytes(of: 0, as: UInt8.self)
        out.storeBytes(of: UInt64(seq).bigEndian, toByteOffset: 1, as: UInt64.self)
        out.storeBytes(of: UInt8(shotID.count), toByteOffset: 9, as: UInt8.self)
        if let base = shotID.baseAddress { (out + 10).copyMemory(from: base, byteCount: shotID.count) }
        if let base = body.baseAddress { (out + 10 + shotID.count).copyMemory(from: base, byteCount: body.count) }
        used += size
        tagValid[count] = tag.count == LedgerFormat.tagSize
        tags[count] = tagValid[count] ? tag.loadUnaligned(as: UInt64.self) : 0
        count += 1
        starts[count] = used
    }

    private func grow(to needed: Int) {
        let capacity = max(needed, arenaCapacity * 2)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bigger.copyMemory(from: arena, byteCount: used)
        arena.deallocate()
        arena = bigger
        arenaCapacity = capacity
    }

    /// Entry i (0-based in the chunk): `leafInput` = 0x00 ‖ canonical, `canonical`, `shotID`
    /// (empty for NULL) and `body` (never empty: the reader refuses an entry without a kind).
    @inline(__always)
    func entry(_ i: Int) -> Entry {
        let start = starts[i]
        let all = UnsafeRawBufferPointer(start: arena + start, count: starts[i + 1] - start)
        let shotCount = Int(all[9])
        return Entry(
            seq: first + i, leafInput: all,
            shotID: UnsafeRawBufferPointer(rebasing: all[10..<(10 + shotCount)]),
            body: UnsafeRawBufferPointer(rebasing: all[(10 + shotCount)...]))
    }

    /// Whether entry i's stored tag is the first 8 bytes of `chain` (the digest's first word
    /// written big-endian is those bytes in memory, as the tag was loaded).
    @inline(__always)
    func tagMatches(_ i: Int, chain: SHA256Digest) -> Bool {
        tagValid[i] && tags[i] == chain.words.0.bigEndian
    }

    struct Entry {
        let seq: Int
        let leafInput: UnsafeRawBufferPointer
        let shotID: UnsafeRawBufferPointer
        let body: UnsafeRawBufferPointer
        var canonical: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: leafInput[1...]) }
        var kind: EntryKind { EntryKind(rawValue: body[0])! }
        /// The shot_id to name in a failure: decisions have one (the reader checked the column).
        var shotText: String? { kind == .decision ? String(decoding: shotID, as: UTF8.self) : nil }
    }
}

/// Reads the entries 0..<size in seq order into chunks, one pass with one prepared
/// statement, and checks what each row alone must meet before any hash is taken: no gap, the
/// column types, a known kind, shot_id on decisions only, the header at seq 0 only, a
/// shot_id of at most 255 bytes. It stops at the first row that fails.
///
/// `@unchecked Sendable`: `EntryPipeline` runs one read at a time (the next read becomes
/// ready when the previous one ended), on whichever thread is free.
final class EntryChunkReader: @unchecked Sendable {
    private let database: SQLiteDatabase
    private let statement: SQLiteStatement
    private let size: Int
    private(set) var next = 0
    /// The first row that fails, or the first missing seq; reading stops there.
    private(set) var failure: VerificationReport.Failure?
    /// A fault reading the file (damage, I/O).
    private(set) var thrown: VaxError?
    private(set) var isDone = false

    /// Reads `path` through its own read-only connection (the caller may read in parallel).
    init(path: String, size: Int) throws {
        database = try SQLiteDatabase(path: path, readOnly: true)
        // Reading through a memory map saves a copy per page.
        try database.execute("PRAGMA mmap_size=1099511627776")
        statement = try database.prepare(
            "SELECT seq, shot_id, tag, body FROM entry WHERE seq >= 0 AND seq < ?1 ORDER BY seq")
        statement.bind(1, Int64(size))
        self.size = size
    }

    /// Fills `chunk` with the next entries, up to its capacity or about `bytes` bytes.
    func read(into chunk: EntryChunk, bytes: Int) {
        chunk.reset(first: next)
        guard !isDone else { return }
        do {
            while !chunk.isFull && chunk.byteCount < bytes {
                guard try statement.step() else {
                    if next != size { stop(next, nil, "the entry is missing (deleted)") }
                    isDone = true
                    return
                }
                let columns = (statement.value(0), statement.value(1), statement.value(2), statement.value(3))
                let seq = Int(columns.0.int64)
                guard seq == next else { return stop(next, nil, "the entry is missing (deleted)") }
                let shotIsText = columns.1.type == .text
                guard columns.0.type == .integer, shotIsText || columns.1.type == .null, columns.2.type == .blob,
                    columns.3.type == .blob
                else { return stop(seq, "a column has the wrong type") }
                let (shot, body) = (columns.1.bytes, columns.3.bytes)
                guard let kind = body.first.flatMap(EntryKind.init(rawValue:)) else {
                    return stop(seq, "the entry's kind is unknown")
                }
                if (kind == .decision) != shotIsText { return stop(seq, "shot_id is set on a non-decision or missing") }
                if kind == .header && seq != 0 || kind != .header && seq == 0 {
                    return stop(seq, "the header is out of place")
                }
                // canonical() spends one byte on the length: a longer shot_id is no entry of
                // this format (and must not reach the hasher).
                // spec: ledger-format.md "Validity rules" R3
                if shot.count > 255 { return stop(seq, "the shot_id is longer than 255 bytes") }
                chunk.append(seq: seq, shotID: shot, body: body, tag: columns.2.bytes)
                next += 1
            }
        } catch let error as VaxError {
            thrown = error
            isDone = true
        } catch {
            stop(next, nil, "\(error)")
        }
    }

    /// Ends reading at the current row, naming its shot_id if it has a text one.
    private func stop(_ seq: Int, _ message: String) {
        stop(seq, statement.type(1) == .text ? statement.text(1) : nil, message)
    }

    private func stop(_ seq: Int, _ shotID: String?, _ message: String) {
        failure = .init(seq: seq, shotID: shotID, message: message)
        isDone = true
    }
}
