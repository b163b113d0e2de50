internal import CLZ4
import VaxCore

/// LZ4 block compression (C: `LZ4_compress_default`, `LZ4_decompress_safe`).
///
/// Only the safe decoder is ever used: a damaged block is a thrown corruption, never a crash.
enum LZ4Codec {
    /// Compresses `input` into a new buffer sized by `LZ4_compressBound`.
    static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        guard input.count > 0 else { return [] }
        precondition(input.count <= Int(LZ4_MAX_INPUT_SIZE), "LZ4 block too large")
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            LZ4_compress_default(input.baseAddress!.assumingMemoryBound(to: CChar.self),
                                 out.baseAddress!.assumingMemoryBound(to: CChar.self),
                                 Int32(input.count), Int32(bound))
        }
        // > LZ4_compress_default: returns 0 only if compression fails, which cannot happen
        // > when dstCapacity >= LZ4_compressBound(srcSize). https://github.com/lz4/lz4/blob/dev/lib/lz4.h
        precondition(written > 0, "LZ4_compress_default failed with a bound-sized buffer")
        output.removeSubrange(Int(written)...)
        return output
    }

    /// Decompresses exactly `rawSize` bytes from `input` into `output`.
    /// - Throws: `VaxError(.corruption)` if the block does not decode to exactly `rawSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                           file: String, what: String) throws {
        guard output.count > 0 else { return }
        let n = LZ4_decompress_safe(input.baseAddress?.assumingMemoryBound(to: CChar.self),
                                    output.baseAddress!.assumingMemoryBound(to: CChar.self),
                                    Int32(input.count), Int32(output.count))
        guard n == Int32(output.count) else {
            throw VaxError(.corruption, "LZ4 block \(what) does not decode (\(n))", file: file)
        }
    }

    /// The LZ4 library version, recorded by `store info`.
    static var version: String { String(cString: LZ4_versionString()) }
}
