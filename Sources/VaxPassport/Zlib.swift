internal import CZlib
import VaxCore

/// zlib (RFC 1950) compression as the HC1 envelope and PNG images use it; the only importer of zlib.
public enum Zlib {
    /// Compresses `bytes` into one zlib stream at the given level (0...9; 9 is what DCC issuers use).
    public static func compress(_ bytes: [UInt8], level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        // safe: deflateInit only fails on a bad level or out of memory, neither recoverable here.
        precondition(vax_deflate_init(&stream, level) == Z_OK, "zlib deflateInit failed")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                // safe: deflateBound sized the output for a single Z_FINISH call.
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib deflate did not finish in its bound")
                return Int(stream.total_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Decompresses one zlib stream; throws when it is not valid zlib, is truncated, has bytes
    /// after the stream's end, or would
    /// inflate beyond `limit` bytes (a guard against decompression bombs in scanned codes).
    public static func decompress(_ bytes: [UInt8], limit: Int = 1 << 20) throws -> [UInt8] {
        var stream = z_stream()
        guard vax_inflate_init(&stream) == Z_OK else {
            throw VaxError(.environment, "zlib inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var input = bytes
        return try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkBuffer.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit {
                    throw VaxError(.badInput, "zlib data inflates to more than \(limit) bytes")
                }
                switch status {
                case Z_STREAM_END:
                    // One zlib stream and nothing after it: bytes behind the Adler-32 trailer
                    // are not covered by the checksum and would let two texts carry one message.
                    guard stream.avail_in == 0 else {
                        throw VaxError(.badInput, "\(stream.avail_in) bytes after the end of the zlib stream")
                    }
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw VaxError(.badInput, "zlib data is truncated")
                default:
                    throw VaxError(.badInput, "not valid zlib data (inflate status \(status))")
                }
            }
        }
    }

    /// CRC-32 (ISO-HDLC) of `bytes`, continuing from `previous`, as PNG chunks need.
    public static func crc32(_ bytes: [UInt8], previous: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(uLong(previous), buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
