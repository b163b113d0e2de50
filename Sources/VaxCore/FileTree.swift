#if canImport(Glibc)
import Glibc
#endif

/// This process's ID, for unique temporary names.
public func processID() -> Int { Int(getpid()) }

/// Removes a file or a directory with its files (one level deep, as store directories are).
public func removeTree(_ path: String) {
    if let dir = opendir(path) {
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { _ = unlink(path + "/" + name) }
        }
        closedir(dir)
        _ = rmdir(path)
    } else {
        _ = unlink(path)
    }
}

/// Puts the finished directory `temporary` in place of `path`, replacing any previous one:
/// the old one is moved aside first and moved back if the new one cannot take its place,
/// so `path` is always the old directory or the new one, complete.
public func replaceDirectory(_ path: String, with temporary: String) throws {
    let aside = path + ".old-\(processID())"
    let hadOld = access(path, F_OK) == 0
    if hadOld {
        try Sys.rename(path, aside)
    }
    do {
        try Sys.rename(temporary, path)
    } catch {
        if hadOld { _ = Glibc.rename(aside, path) }
        throw error
    }
    Sys.syncDirectory(of: path)
    removeTree(aside)
}
