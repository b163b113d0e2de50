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
}
