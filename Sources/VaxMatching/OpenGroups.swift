#if canImport(Glibc)
import Glibc
#endif
import VaxCore

/// The doses of the groups whose last dose is not read yet (`MatchRun`), in bounded memory.
///
/// A group (`ShotGroups`) is decided when its last dose is read; until then every dose of it
/// is kept (the rules read them all), a held one with its record and candidates. In a file
/// in date order most multi-dose persons have a group open for months. Beyond
/// `memoryLimit` doses in memory, every open group's doses are appended to a temporary file
/// (created in `directory` and unlinked at once, so nothing outlives the process), each
/// record pointing back to the previous record of its group; when the group's last dose
/// arrives its records are read back along that chain. What stays in memory per open
/// group after a spill is the offset of its last record.
final class OpenGroups {
    /// One dose of an open group.
    struct Member {
        var row: Int
        var dose: GroupDose
        /// The dose's record and decision when the group rules may change it.
        var held: HeldDose?
        var meta: ShotMeta?
    }

    private struct Group {
        var members: [Member] = []
        /// Offset of the group's last record in the file, or -1.
        var spilledTail: Int64 = -1
    }

    let memoryLimit: Int
    /// Bytes read at once for a spilled record: its header and, nearly always, its body.
    let firstRead: Int
    private let directory: String
    /// The spill file's name while it is created (unlinked at once), and in messages.
    private let spillPath: String
    private var groups: [Int: Group] = [:]
    private var inMemory = 0
    private var fd: Int32 = -1
    private var fileSize: Int64 = 0
    /// Times the members in memory were written out (for tests and measurements).
    private(set) var spills = 0

    init(directory: String, memoryLimit: Int = 1 << 20, firstRead: Int = 1024) {
        precondition(memoryLimit > 0, "room for one dose")
        precondition(firstRead >= 12, "a read holds a record's header")
        self.firstRead = firstRead
        self.directory = directory
        spillPath = directory + "/.open-groups-\(getpid())"
        self.memoryLimit = memoryLimit
    }

    deinit { if fd >= 0 { Sys.close(fd) } }

    /// Whether no group is open.
    var isEmpty: Bool { groups.isEmpty }

    /// Adds a dose to the open group `component`.
    /// - Throws: `VaxError(.environment)` when a spill cannot be written.
    func add(_ member: Member, to component: Int) throws {
        groups[component, default: Group()].members.append(member)
        inMemory += 1
        if inMemory > memoryLimit { try spill() }
    }

    /// Removes the open group `component` and returns its doses in the order they were
    /// added; none when the group is not open.
    /// - Throws: `VaxError(.environment)` when a spilled record cannot be read.
    func close(_ component: Int) throws -> [Member] {
        guard let group = groups.removeValue(forKey: component) else { return [] }
        inMemory -= group.members.count
        var spilled: [Member] = []
        var offset = group.spilledTail
        while offset >= 0 {
            // One read for the header and, nearly always, the whole record: two reads per
            // record made the national run's closing of groups a stream of small preads.
            let first = try read(upTo: min(firstRead, Int(fileSize - offset)), at: offset)
            defer { first.buffer.deallocate() }
            guard first.count >= 12 else { throw VaxError(.environment, "the open groups' spill file ends early", file: spillPath) }
            var header = SpillReader(UnsafeRawBufferPointer(start: first.buffer, count: 12))
            let previous = header.get(Int64.self)
            let length = Int(header.get(UInt32.self))
            // A record longer than the first read is read again whole.
            let long = 12 + length > first.count ? try read(count: length, at: offset + 12) : nil
            defer { long?.deallocate() }
            spilled.append(decodeMember(UnsafeRawBufferPointer(start: long ?? first.buffer + 12, count: length)))
            offset = previous
        }
        return spilled.reversed() + group.members
    }

    /// Appends every member in memory to the file, each record after its group's previous one.
    private func spill() throws {
        if fd < 0 {
            fd = try Sys.open(spillPath, flags: O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, mode: FileMode.personal)
            Sys.unlink(spillPath)  // the open descriptor keeps it; nothing is left behind
        }
        var out = SpillWriter()
        // Values are changed in place through their index: nothing is rehashed or copied.
        var index = groups.startIndex
        while index != groups.endIndex {
            defer { groups.formIndex(after: &index) }
            guard !groups.values[index].members.isEmpty else { continue }
            var tail = groups.values[index].spilledTail
            for m in groups.values[index].members {
                var body = SpillWriter()
                body.put(Int64(m.row))
                body.put(m.dose)
                body.put(m.held != nil)
                if let h = m.held, let meta = m.meta {
                    body.put(h.shot)
                    body.put(h.result)
                    body.put(meta)
                }
                let offset = fileSize + Int64(out.bytes.count)
                out.put(tail)
                out.put(UInt32(body.bytes.count))
                out.bytes.append(contentsOf: body.bytes)
                tail = offset
            }
            groups.values[index].members = []
            groups.values[index].spilledTail = tail
            // Written a megabyte or so at a time: one buffer of every dose in memory (300 MB
            // in a national run) cost its page faults and copies at every spill.
            if out.bytes.count >= 1 << 20 { try flush(&out) }
        }
        try flush(&out)
        inMemory = 0
        spills += 1
    }

    /// Appends the encoded records to the file and empties the buffer.
    private func flush(_ out: inout SpillWriter) throws {
        try out.bytes.withUnsafeBytes { try Sys.writeAll(fd, $0, path: spillPath) }
        fileSize += Int64(out.bytes.count)
        out.bytes.removeAll(keepingCapacity: true)
    }

    /// One spilled record's body decoded.
    private func decodeMember(_ bytes: UnsafeRawBufferPointer) -> Member {
        var r = SpillReader(bytes)
        let row = Int(r.get(Int64.self))
        let dose = r.getGroupDose()
        var member = Member(row: row, dose: dose, held: nil, meta: nil)
        if r.getBool() {
            let shot = r.getShot()
            member.held = HeldDose(shot: shot, result: r.getResult())
            member.meta = r.getMeta()
        }
        return member
    }

    /// Up to `count` bytes at `offset` of the file (fewer only at its end), in a buffer the
    /// caller deallocates.
    private func read(upTo count: Int, at offset: Int64) throws -> (buffer: UnsafeMutableRawPointer, count: Int) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        do {
            let n = try Sys.readAll(fd, UnsafeMutableRawBufferPointer(rebasing: buffer[0..<max(count, 0)]), at: Int(offset), path: spillPath)
            return (buffer.baseAddress!, n)
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    /// Exactly `count` bytes at `offset` of the file, in a buffer the caller deallocates.
    private func read(count: Int, at offset: Int64) throws -> UnsafeMutableRawPointer {
        let (buffer, n) = try read(upTo: count, at: offset)
        guard n == count else {
            buffer.deallocate()
            throw VaxError(.environment, "the open groups' spill file ends early", file: spillPath)
        }
        return buffer
    }
}
