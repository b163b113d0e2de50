
#if canImport(Glibc)
    import Glibc
#endif

// Temporary names (issue 12 finding 5): `FINAL.partial-PID-RANDOM`, RANDOM 64 bits from the
// system's generator, so another local user cannot plant a file or symlink there in
// advance; files are opened with O_EXCL | O_NOFOLLOW, so a planted name fails instead of
// being followed. The PID lets a later run tell a stale temporary (its writer is gone)
// from a live one of a run beside it.

/// Unpredictable temporary names and the removal of stale ones.
package enum TemporaryName {
    private static let marker = ".partial-"
    private static let swept = Protected<Set<String>>([])

    /// A fresh temporary name beside `path`.
    package static func make(for path: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next(), radix: 16)
        return path + marker + "\(getpid())-" + random
    }

    /// The writer's PID if `name` is one of our temporary names, old (`.partial-PID`) or new.
    static func writerPID(_ name: String) -> pid_t? {
        let bytes = Array(name.utf8)
        let key = Array(marker.utf8)
        guard bytes.count > key.count,
            let at = (0...(bytes.count - key.count)).reversed().first(where: {
                bytes[$0..<($0 + key.count)].elementsEqual(key)
            })
        else { return nil }
        let tail = String(decoding: bytes[(at + key.count)...], as: UTF8.self)
            .split(separator: "-", omittingEmptySubsequences: false)
        guard tail.count == 1 || tail.count == 2, let pid = pid_t(tail[0]), pid > 0 else { return nil }
        if tail.count == 2 {
            guard !tail[1].isEmpty, tail[1].allSatisfy({ $0.isHexDigit }) else { return nil }
        }
        return pid
    }

    /// Removes, once per process and folder, the temporaries in `directory` left by runs
    /// that are gone: files and store folders, owned by this user, whose writer PID is not
    /// alive (symlinks are left alone).
    /// Returns the names removed.
    @discardableResult
    package static func removeStale(in directory: String) -> [String] {
        let first = swept.withLock { $0.insert(directory).inserted }
        guard first, let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var removed: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let pid = writerPID(name), pid != getpid() else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == geteuid() else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                if Glibc.unlink(path) == 0 { removed.append(name) }
            case S_IFDIR:
                // A store being built or moved aside (`makeTemporaryDirectory`).
                removeTree(path)
                if access(path, F_OK) != 0 { removed.append(name) }
            default:
                continue
            }
        }
        return removed
    }

    /// Forgets which folders were swept (tests).
    package static func forgetSweeps() { swept.withLock { $0.removeAll() } }
}
