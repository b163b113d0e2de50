#if canImport(Glibc)
import Glibc
#endif

/// Removes a file or a directory with its files (one level deep, as store directories are).
/// A symlink is removed itself, never followed: a planted link cannot make this empty
/// another folder.
public func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR, let dir = opendir(path) {
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

/// Makes a new, empty directory beside `path` under an unpredictable temporary name
/// (`TemporaryName`), failing rather than reusing anything already there; returns its path.
/// - Throws: `VaxError` (.badInput for a missing parent folder, .environment otherwise).
public func makeTemporaryDirectory(for path: String) throws -> String {
    let temporary = TemporaryName.make(for: path)
    TemporaryName.removeStale(in: Sys.directory(of: path))
    if mkdir(temporary, 0o750) != 0 { throw Sys.fail("create directory", temporary, errno) }
    return temporary
}

/// Puts the finished directory `temporary` in place of `path`, replacing any previous one:
/// the old one is moved aside first and moved back if the new one cannot take its place,
/// so `path` is always the old directory or the new one, complete.
public func replaceDirectory(_ path: String, with temporary: String) throws {
    let aside = TemporaryName.make(for: path)
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
