#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private folder for the files a fuzz input becomes (the readers under test open paths).
///
/// One folder per process, in /dev/shm when it exists (no disk writes per execution), removed
/// at exit. Not thread-safe: libFuzzer and the replay test run one input at a time.
enum FuzzScratch {
    /// The folder's path.
    static let directory: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/vaxlink-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "cannot create a scratch folder in \(base)")
        atexit { FuzzScratch.removeAll() }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }()

    /// Writes `bytes` to `name` inside the folder (replacing it) and returns the path.
    static func write(_ bytes: UnsafeRawBufferPointer, to name: String) -> String {
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot write \(path)")
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            precondition(n > 0 || errno == EINTR, "cannot write \(path)")
            if n > 0 { done += n }
        }
        close(fd)
        return path
    }

    /// `write` for an array.
    static func write(_ bytes: [UInt8], to name: String) -> String {
        bytes.withUnsafeBytes { write($0, to: name) }
    }

    /// Creates the sub-folder `name` (if missing) and returns its path, emptied.
    static func emptyFolder(_ name: String) -> String {
        let path = directory + "/" + name
        removeFiles(in: path)
        mkdir(path, 0o700)
        return path
    }

    private static func removeFiles(in path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            if unlink(child) != 0 {
                removeFiles(in: child)
                rmdir(child)
            }
        }
        closedir(dir)
    }

    private static func removeAll() {
        removeFiles(in: directory)
        rmdir(directory)
    }
}
