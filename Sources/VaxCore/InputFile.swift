#if canImport(Glibc)
import Glibc
#endif

/// A file opened for sequential reading in caller-sized chunks.
///
/// Inputs are regular files (issue 12 finding 8): a FIFO, a device such as `/dev/zero` or a
/// directory is refused at open with `.badInput`, so no input can hang a run, spin forever
/// or be read twice differently. The open itself does not block on a FIFO (`O_NONBLOCK`,
/// which changes nothing for a regular file). Standard input, where a command documents
/// `-`, is read through `readAll(_:limit:allowingStandardInput:)` with a size bound.
///
/// Not thread-safe: one reader owns it.
public final class InputFile {
    /// The path as given, for messages.
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool

    /// Opens the regular file `path` read-only.
    /// - Throws: `VaxError` (.badInput if missing or not a regular file, .environment otherwise).
    public init(path: String) throws {
        self.path = path
        let fd = try Sys.open(path, flags: O_RDONLY | O_NONBLOCK)
        do {
            try Self.requireRegular(fd, path: path)
        } catch {
            Sys.close(fd)
            throw error
        }
        self.fd = fd
        self.ownsDescriptor = true
    }

    private init(standardInput: Void) {
        path = "-"
        fd = STDIN_FILENO
        ownsDescriptor = false
    }

    deinit { if ownsDescriptor { Sys.close(fd) } }

    /// Fails unless the open file `fd` is a regular file.
    static func requireRegular(_ fd: Int32, path: String) throws {
        let info = try Sys.status(fd, path: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw VaxError(.badInput, "not a regular file (\(kindName(info.st_mode))); give a file", file: path)
        }
    }

    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// The file's size in bytes when it was opened.
    public func size() throws -> Int { try Sys.size(fd, path: path) }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try Sys.read(fd, buffer, path: path)
    }

    /// The whole of a regular file, or of standard input when `path` is `-` and
    /// `allowingStandardInput`, refusing more than `limit` bytes.
    /// - Throws: `VaxError(.badInput)` for a file that is not regular or is longer than `limit`.
    public static func readAll(_ path: String, limit: Int, allowingStandardInput: Bool = false) throws -> [UInt8] {
        let file = allowingStandardInput && path == "-" ? InputFile(standardInput: ()) : try InputFile(path: path)
        return try file.readAll(limit: limit)
    }

    /// The rest of the file, refusing more than `limit` bytes.
    func readAll(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return bytes }
            guard bytes.count + n <= limit else {
                throw VaxError(.badInput, "longer than the \(limit) bytes accepted", file: path)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// The whole of a file that holds a secret (a private key), refusing one that the
    /// group or others may read or write: such a key may already be known to someone else.
    /// - Throws: `VaxError(.badInput)` naming the file and its mode.
    public static func readSecret(_ path: String, limit: Int = 1 << 20) throws -> [UInt8] {
        let file = try InputFile(path: path)
        let mode = try Sys.status(file.fd, path: path).st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw VaxError(
                .badInput,
                "the key file has mode 0\(String(mode, radix: 8)): group or others may use it; "
                    + "make it private (chmod 600) or make a new key", file: path)
        }
        return try file.readAll(limit: limit)
    }
}

/// Fails with `.badInput` unless `path` is a regular file (a directory, FIFO or device is
/// refused before any library, such as SQLite, opens it).
public func requireRegularFile(_ path: String) throws {
    _ = try InputFile(path: path)
}
