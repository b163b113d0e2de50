import VaxCore

#if canImport(Glibc)
    import Glibc
#endif

// One writer per ledger (issue 12 finding 4). LEDGER.lock, beside the ledger, is held with
// an exclusive flock(2) by the one process that writes the ledger, for the whole command:
// `match` takes it before it makes or reads the ledger key, `passport issue` before it
// reads the ledger, and `LedgerWriter.open` takes it itself when its caller did not, so no
// writer can skip it. flock locks belong to an open file description: a second acquire in
// the same process fails as one in another process does, and the kernel drops the lock
// when its holder exits or is killed, so a stale file never blocks a run.
//
// The lock file holds one line naming the holder, written after the lock is taken:
//   pid=<decimal> command=<text> since=<Unix seconds>
// A second writer reads it to name the holder in its error.

/// The exclusive lock that makes one process the only writer of a ledger.
///
/// Released when the object is freed (the descriptor is closed). One owner; not thread-safe.
public final class LedgerLock {
    /// The ledger this lock guards.
    public let ledgerPath: String
    /// The lock file's path, LEDGER.lock.
    public let lockPath: String
    private let fd: Int32

    private init(ledgerPath: String, lockPath: String, fd: Int32) {
        self.ledgerPath = ledgerPath
        self.lockPath = lockPath
        self.fd = fd
    }

    deinit { Sys.close(fd) }

    /// Takes the exclusive lock of the ledger at `ledgerPath`, without waiting.
    /// - Parameter command: the command that will write (e.g. `vaxlink match`), recorded for
    ///   a second writer's message.
    /// - Throws: `VaxError(.environment)` naming the holder (pid, command, since when) if
    ///   another writer holds it; `.badInput` if the lock file is a symlink or its folder is
    ///   missing; `.environment` for other I/O faults.
    public static func acquire(ledgerPath: String, command: String) throws -> LedgerLock {
        let lockPath = ledgerPath + ".lock"
        // O_NOFOLLOW: a planted symlink fails instead of making us lock (and write) its target.
        let fd = try Sys.open(lockPath, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: FileMode.personal)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = readHolder(fd)
            Sys.close(fd)
            if code == EWOULDBLOCK {
                throw VaxError(
                    .environment,
                    "the ledger is being written by another writer (\(holder)); one writer at a time: wait for "
                        + "it to finish", file: ledgerPath)
            }
            throw VaxError(.environment, "cannot lock the ledger: \(Sys.describe(code))", file: lockPath)
        }
        let line = "pid=\(getpid()) command=\(printable(command)) since=\(time(nil))\n"
        let bytes = Array(line.utf8)
        // The lock is ours: replace the last holder's line.
        if ftruncate(fd, 0) != 0 || bytes.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) != bytes.count {
            let code = errno
            Sys.close(fd)
            throw VaxError(.environment, "cannot write the lock file: \(Sys.describe(code))", file: lockPath)
        }
        return LedgerLock(ledgerPath: ledgerPath, lockPath: lockPath, fd: fd)
    }

    /// Creates the ledger file, empty and with mode 0640, if there is none yet, so that SQLite
    /// opens a file with the final mode and its -wal and -shm files (which take the database
    /// file's mode) follow. C: `open(2)` with `O_CREAT | O_EXCL | O_NOFOLLOW`.
    /// - Throws: `VaxError(.badInput)` if the path is a symlink or its folder is missing;
    ///   `.environment` for other I/O faults.
    public func createLedgerFileIfAbsent() throws {
        let fd = Glibc.open(ledgerPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(FileMode.personal))
        if fd >= 0 {
            Sys.close(fd)
            Sys.syncDirectory(of: ledgerPath)
            return
        }
        let code = errno
        guard code == EEXIST else {
            throw VaxError(
                code == ENOENT ? .badInput : .environment, "cannot create the ledger: \(Sys.describe(code))",
                file: ledgerPath)
        }
        // An existing path: a symlink is refused here, as SQLite would follow it.
        var info = stat()
        if lstat(ledgerPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            throw VaxError(.badInput, "the ledger is a symbolic link; refusing to follow it", file: ledgerPath)
        }
    }

    /// The holder's line from the lock file, made printable, or a note that it is unknown.
    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return "holder unknown" }
        let text = printable(String(decoding: buffer[0..<n], as: UTF8.self))
        return text.isEmpty ? "holder unknown" : text
    }

    /// `text` with anything but printable ASCII replaced by `?`, trimmed: the lock file is
    /// writable by its owner's group, so its line is never printed raw to a terminal.
    private static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar == "\n" { continue }
            out.unicodeScalars.append((0x20..<0x7F).contains(scalar.value) ? scalar : "?")
        }
        return out.trimmingSpaces()
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
