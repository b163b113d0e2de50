public import VaxCore
import VaxCrypto

/// SHA-256 of a whole file, streamed in 1 MiB reads: how a run's ledger names its inputs.
/// - Throws: `VaxError` from opening or reading the file.
/// - Complexity: O(file size).
public func sha256(ofFile path: String) throws -> SHA256Digest {
    let input = try InputFile(path: path)
    let hasher = SHA256Hasher()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
        if n == 0 { break }
        buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
    return hasher.finish()
}
