#if canImport(Glibc)
import Glibc
#endif

/// A file that grows by appending and is made durable step by step: everything written
/// before a `sync()` survives a crash or power loss (the directory entry included), which
/// is what a write-ahead file needs. `OutputFile` is the other kind: it appears only whole.
///
/// A crash may leave bytes written after the last `sync()`, possibly a torn last line: a
/// reader of such a file must accept only what it can check. Not thread-safe: one writer
/// owns it.
public final class AppendFile {
    /// Where the file is now (`rename(to:)` moves it).
    public private(set) var path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    /// Whether the directory entry has changed since the directory was last synced.
    private var directoryChanged: Bool

    /// Opens `path` for appending, creating it if needed with `mode`.
    /// - Parameters:
    ///   - truncating: start empty even if the file exists.
    ///   - mode: the permission bits of a new file; personal data by default.
    /// - Throws: `VaxError` (.environment on I/O faults, .badInput for a missing directory
    ///   or a symlink at `path`).
    /// C: `open(2)` with `O_APPEND | O_CREAT | O_NOFOLLOW`.
    public init(path: String, truncating: Bool, mode: UInt32 = FileMode.personal) throws {
        self.path = path
        let existed = fileExists(path)
        fd = try Sys.open(
            path, flags: O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | (truncating ? O_TRUNC : 0), mode: mode)
        directoryChanged = !existed
        buffer.reserveCapacity(1 << 16)
    }

    deinit { if fd >= 0 { Sys.close(fd) } }

    /// Appends bytes (buffered until `sync()` or 1 MB).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(fd >= 0, "write after close")
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends a byte array.
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try Sys.writeAll(fd, $0, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and waits until it is on disk, with the file's directory
    /// entry if it was created or renamed since the last sync. C: `fsync(2)`.
    public func sync() throws {
        precondition(fd >= 0, "sync after close")
        try flush()
        try Sys.fsync(fd, path: path)
        if directoryChanged {
            Sys.syncDirectory(of: path)
            directoryChanged = false
        }
    }

    /// Syncs, then renames the file to `newPath` (atomically replacing any file there) and
    /// syncs the directory; writing may go on. C: `rename(2)`.
    public func rename(to newPath: String) throws {
        try sync()
        try Sys.rename(path, newPath)
        path = newPath
        directoryChanged = true
        try sync()
    }

    /// Syncs and closes the file. After this, no more writes.
    public func close() throws {
        try sync()
        Sys.close(fd)
        fd = -1
    }
}
