#if canImport(Glibc)
import Glibc
#endif

/// A buffered file written under a temporary name and renamed into place by `commit()`,
/// so that a crash never leaves a file that looks complete.
///
/// Not thread-safe: one writer owns it.
public final class OutputFile {
    /// The final path.
    public let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var committed = false
    /// Bytes written so far, buffered or not.
    public private(set) var bytesWritten = 0

    /// Creates `path`'s temporary sibling for writing.
    /// - Parameter bufferSize: bytes gathered before each write(2).
    public init(path: String, bufferSize: Int = 1 << 20) throws {
        self.path = path
        self.temporaryPath = path + ".partial-\(getpid())"
        self.fd = try Sys.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC)
        self.buffer = .allocate(byteCount: bufferSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { Sys.close(fd) }
        if !committed { Sys.unlink(temporaryPath) }
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(fd >= 0, "write after commit")
        bytesWritten += bytes.count
        if used + bytes.count > buffer.count {
            try flush()
            if bytes.count > buffer.count {
                try Sys.writeAll(fd, bytes, path: temporaryPath)
                return
            }
        }
        // safe: used + bytes.count <= buffer.count, checked above
        (buffer.baseAddress! + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    /// Appends a byte array.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    private func flush() throws {
        guard used > 0 else { return }
        try Sys.writeAll(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<used]), path: temporaryPath)
        used = 0
    }

    /// Flushes, fsyncs and renames the file into place. After this, no more writes.
    public func commit() throws {
        try flush()
        try Sys.fsync(fd, path: temporaryPath)
        Sys.close(fd)
        fd = -1
        try Sys.rename(temporaryPath, path)
        committed = true
        Sys.syncDirectory(of: path)
    }
}
