#if canImport(Glibc)
import Glibc
#endif

/// A file opened for sequential reading in caller-sized chunks.
///
/// Not thread-safe: one reader owns it.
public final class InputFile {
    /// The path as given, for messages.
    public let path: String
    private let fd: Int32

    /// Opens `path` read-only.
    /// - Throws: `VaxError` (.badInput if missing, .environment otherwise).
    public init(path: String) throws {
        self.path = path
        self.fd = try Sys.open(path, flags: O_RDONLY)
    }

    deinit { Sys.close(fd) }

    /// The file's size in bytes when it was opened.
    public func size() throws -> Int { try Sys.size(fd, path: path) }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try Sys.read(fd, buffer, path: path)
    }
}
