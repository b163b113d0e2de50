#if canImport(Glibc)
    import Glibc
#endif

/// A buffered file written under a temporary name and put in place by `commit()`, so that a
/// crash or a failed write never leaves a file that looks complete.
///
/// The temporary is created in one `open(O_CREAT | O_EXCL | O_NOFOLLOW, mode)` under an
/// unpredictable name (`TemporaryName`), so the file has its final mode from the first byte
/// and a planted file or symlink makes the open fail. The first file made in a folder
/// removes the stale temporaries of earlier runs there.
///
/// Not thread-safe: one writer owns it.
public final class OutputFile {
    /// The final path.
    public let path: String
    private let temporaryPath: String
    private let replacing: Bool
    private var fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var committed = false
    /// Bytes written so far, buffered or not.
    public private(set) var bytesWritten = 0

    /// Creates `path`'s temporary sibling for writing.
    /// - Parameters:
    ///   - mode: the permission bits (`FileMode`); personal data by default.
    ///   - replacing: whether `commit()` may replace a file already at `path`; keys pass false.
    ///   - bufferSize: bytes gathered before each write(2).
    /// - Throws: `VaxError` (.badInput for a missing folder, .environment on I/O faults).
    public init(path: String, mode: UInt32 = FileMode.personal, replacing: Bool = true, bufferSize: Int = 1 << 20)
        throws
    {
        self.path = path
        self.replacing = replacing
        TemporaryName.removeStale(in: Sys.directory(of: path))
        self.temporaryPath = TemporaryName.make(for: path)
        self.fd = try Sys.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
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

    /// Flushes, fsyncs and puts the file in place: renamed over `path`, or, when not
    /// `replacing`, linked to `path` only if nothing is there. After this, no more writes.
    /// - Throws: `VaxError`; the temporary is removed and `path` left as it was.
    public func commit() throws {
        precondition(fd >= 0, "commit twice")
        try flush()
        try Sys.fsync(fd, path: temporaryPath)
        Sys.close(fd)
        fd = -1
        if replacing {
            try Sys.rename(temporaryPath, path)
        } else {
            try Sys.link(temporaryPath, path)
            Sys.unlink(temporaryPath)
        }
        committed = true
        Sys.syncDirectory(of: path)
    }
}

extension OutputFile {
    /// Writes `bytes` as the whole of a new file at `path` (see `init` and `commit()`).
    public static func write(
        _ bytes: [UInt8], to path: String, mode: UInt32 = FileMode.personal,
        replacing: Bool = true
    ) throws {
        let file = try OutputFile(path: path, mode: mode, replacing: replacing, bufferSize: max(bytes.count, 64))
        try file.write(bytes)
        try file.commit()
    }
}

extension OutputFile {
    /// Commits `files` in order as one set: if one fails, those already put in place are
    /// removed again, so a failed run never leaves part of a set looking finished.
    /// - Throws: the first commit's `VaxError`.
    public static func commitAll(_ files: [OutputFile]) throws {
        var done: [String] = []
        do {
            for file in files {
                try file.commit()
                done.append(file.path)
            }
        } catch {
            for path in done { Sys.unlink(path) }
            throw error
        }
    }
}
