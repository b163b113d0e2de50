// The one syscall layer (STYLE.md §2): retries EINTR, reads errno at once, turns
// environment faults into VaxError(.environment) naming the file, and traps on
// EBADF/EFAULT, which only a bug of ours can cause.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Thin, checked wrappers over POSIX calls.
package enum Sys {
    /// The text of an errno value. C: `strerror`.
    package static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func fail(_ what: String, _ path: String, _ code: Int32) -> VaxError {
        precondition(code != EBADF && code != EFAULT, "\(what) on \(path): bad descriptor or address")
        let kind: VaxError.Kind = (code == ENOENT || code == EISDIR || code == ENOTDIR) ? .badInput : .environment
        return VaxError(kind, "cannot \(what): \(describe(code))", file: path)
    }

    /// C: `open(2)`.
    package static func open(_ path: String, flags: Int32, mode: UInt32 = 0o644) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode_t(mode))
            if fd >= 0 { return fd }
            let code = errno
            if code != EINTR { throw fail("open", path, code) }
        }
    }

    /// C: `read(2)`; returns 0 at end of file.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code != EINTR { throw fail("read", path, code) }
        }
    }

    /// C: `write(2)`, repeated until every byte is written.
    package static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n >= 0 { offset += n; continue }
            let code = errno
            if code != EINTR { throw fail("write", path, code) }
        }
    }

    /// C: `fsync(2)`.
    package static func fsync(_ fd: Int32, path: String) throws {
        while Glibc.fsync(fd) != 0 {
            let code = errno
            if code != EINTR { throw fail("sync", path, code) }
        }
    }

    /// C: `close(2)`. A failed close after fsync cannot lose data we rely on.
    package static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// C: `rename(2)`.
    package static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw fail("rename to \(to)", from, errno) }
    }

    /// C: `unlink(2)`; a missing file is not an error.
    package static func unlink(_ path: String) { _ = Glibc.unlink(path) }

    /// The size of an open file in bytes. C: `fstat(2)`.
    package static func size(_ fd: Int32, path: String) throws -> Int {
        var info = stat()
        if fstat(fd, &info) != 0 { throw fail("stat", path, errno) }
        return Int(info.st_size)
    }

    /// Makes `path` a directory if it is not one yet, with its parents. C: `mkdir(2)`.
    package static func makeDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if Glibc.mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw fail("create directory", prefix, errno)
            }
            prefix += "/"
        }
    }

    /// Syncs a directory so that a rename in it survives power loss.
    package static func syncDirectory(of path: String) {
        let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = Glibc.open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = Glibc.fsync(fd); _ = Glibc.close(fd) }
    }
}

/// Whether a file or directory exists at `path`.
public func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

/// Creates `path` as a directory with its parents if needed.
/// - Throws: `VaxError` (.environment) when the directory cannot be made.
public func makeDirectory(_ path: String) throws { try Sys.makeDirectory(path) }
