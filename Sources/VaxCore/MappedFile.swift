#if canImport(Glibc)
import Glibc
#endif

/// A whole file mapped read-only into memory. Files are write-once (temp name, fsync,
/// rename), so a mapping is never truncated under us.
///
/// `@unchecked Sendable`: the mapping is immutable for the object's lifetime and only read.
public final class MappedFile: @unchecked Sendable {
    /// The path, for messages.
    public let path: String
    /// The mapped bytes; valid while this object lives.
    public let bytes: UnsafeRawBufferPointer

    /// Maps `path` read-only. An empty file maps to an empty buffer.
    /// - Throws: `VaxError` (.badInput if missing, .environment on I/O faults).
    /// C: `mmap(2)` with `PROT_READ`, `MAP_PRIVATE`.
    public init(path: String) throws {
        self.path = path
        let fd = try Sys.open(path, flags: O_RDONLY | O_NONBLOCK)
        defer { Sys.close(fd) }
        try InputFile.requireRegular(fd, path: path)
        let size = try Sys.size(fd, path: path)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw VaxError(.environment, "cannot map: \(Sys.describe(errno))", file: path)
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Lets go of the pages of the first `offset` bytes, for a file read once from front to
    /// back: they leave this process's resident memory (a national match's waiting decisions,
    /// 13 GB read back through a mapping, counted 9 GB of it), and are read from the file
    /// again if touched. Whole pages only; the bytes stay valid to read.
    /// C: `madvise(2)` with `MADV_DONTNEED`, which on a private read-only file mapping drops
    /// the process's page-table entries and nothing else.
    public func release(before offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, bytes.count) / page * page
        guard length > 0, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED)
    }
}
