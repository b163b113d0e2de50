// The one syscall layer (docs/STYLE.md §2): retries EINTR, reads errno at once, turns
// environment faults into VaxError(.environment) naming the file, and traps on
// EBADF/EFAULT, which only a bug of ours can cause. Tests inject faults (ENOSPC, EIO)
// through `Sys.injectFault` (docs/STYLE.md §7, after SQLite's `aSyscall[]`): every call below
// that can fail asks `SyscallFaults` first.
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
        let kind: VaxError.Kind =
            (code == ENOENT || code == EISDIR || code == ENOTDIR || code == ELOOP) ? .badInput : .environment
        return VaxError(kind, "cannot \(what): \(describe(code))", file: path)
    }

    /// C: `open(2)`. `O_CLOEXEC` is always added.
    package static func open(_ path: String, flags: Int32, mode: UInt32 = 0o644) throws -> Int32 {
        if let code = SyscallFaults.check(.open, path) { throw fail("open", path, code) }
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode_t(mode))
            if fd >= 0 { return fd }
            let code = errno
            if code != EINTR { throw fail("open", path, code) }
        }
    }

    /// C: `read(2)`; returns 0 at end of file.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        if let code = SyscallFaults.check(.read, path) { throw fail("read", path, code) }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code != EINTR { throw fail("read", path, code) }
        }
    }

    /// C: `pread(2)` at `offset`, repeated until `buffer` is full; fewer bytes only at the end of the file.
    package static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws -> Int {
        if let code = SyscallFaults.check(.read, path) { throw fail("read", path, code) }
        var done = 0
        while done < buffer.count {
            let n = Glibc.pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n == 0 { break }
            if n > 0 { done += n; continue }
            let code = errno
            if code != EINTR { throw fail("read", path, code) }
        }
        return done
    }

    /// C: `write(2)`, repeated until every byte is written.
    package static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        if let code = SyscallFaults.check(.write, path) { throw fail("write", path, code) }
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
        if let code = SyscallFaults.check(.fsync, path) { throw fail("sync", path, code) }
        while Glibc.fsync(fd) != 0 {
            let code = errno
            if code != EINTR { throw fail("sync", path, code) }
        }
    }

    /// C: `close(2)`. A failed close after fsync cannot lose data we rely on.
    package static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// C: `rename(2)`.
    package static func rename(_ from: String, _ to: String) throws {
        if let code = SyscallFaults.check(.rename, to) { throw fail("rename to \(to)", from, code) }
        if Glibc.rename(from, to) != 0 { throw fail("rename to \(to)", from, errno) }
    }

    /// Gives the file at `from` the second name `to`, failing if `to` exists: the one way to
    /// put a file in place without replacing another. C: `link(2)`.
    /// - Throws: `VaxError(.badInput)` if `to` exists, `.environment` otherwise.
    package static func link(_ from: String, _ to: String) throws {
        if let code = SyscallFaults.check(.link, to) { throw fail("create \(to)", from, code) }
        if Glibc.link(from, to) != 0 {
            let code = errno
            if code == EEXIST { throw VaxError(.badInput, "exists; refusing to replace it", file: to) }
            throw fail("create \(to)", from, code)
        }
    }

    /// C: `unlink(2)`; a missing file is not an error.
    package static func unlink(_ path: String) { _ = Glibc.unlink(path) }

    /// The status of an open file. C: `fstat(2)`.
    static func status(_ fd: Int32, path: String) throws -> stat {
        var info = stat()
        if fstat(fd, &info) != 0 { throw fail("stat", path, errno) }
        return info
    }

    /// The size of an open file in bytes. C: `fstat(2)`.
    package static func size(_ fd: Int32, path: String) throws -> Int {
        Int(try status(fd, path: path).st_size)
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

    /// The directory that holds `path` ("." for a bare name).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Syncs a directory so that a rename in it survives power loss.
    package static func syncDirectory(of path: String) {
        let fd = Glibc.open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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
