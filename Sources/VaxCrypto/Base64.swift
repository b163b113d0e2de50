internal import CCrypto

/// Standard base64 (RFC 4648 §4, with padding), over libcrypto's block coder.
///
/// C: `EVP_EncodeBlock`, `EVP_DecodeBlock`.
public enum Base64 {
    /// The padded base64 text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        let outCount = 4 * ((bytes.count + 2) / 3)
        var out = [UInt8](repeating: 0, count: outCount + 1)
        let written = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                // safe: output holds 4*ceil(n/3)+1 bytes, what EVP_EncodeBlock writes (with its NUL)
                EVP_EncodeBlock(output.baseAddress!, input.baseAddress!, Int32(bytes.count))
            }
        }
        precondition(Int(written) == outCount, "EVP_EncodeBlock wrote an unexpected length")
        return String(decoding: out[0..<outCount], as: UTF8.self)
    }

    /// The bytes of padded base64 `text`, or nil if it is not canonical padded base64.
    public static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else { return nil }
        guard !input.isEmpty else { return [] }
        for b in input {
            let ok =
                (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == 0x2B || b == 0x2F || b == 0x3D
            guard ok else { return nil }
        }
        let padding = input.reversed().prefix(while: { $0 == 0x3D }).count
        guard padding <= 2, !input.dropLast(padding).contains(0x3D) else { return nil }
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3)
        let written = input.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                // safe: target holds 3 bytes per 4 input characters, the most EVP_DecodeBlock writes
                EVP_DecodeBlock(target.baseAddress!, source.baseAddress!, Int32(input.count))
            }
        }
        guard written >= 0 else { return nil }
        // EVP_DecodeBlock counts the padding as zero bytes; drop them.
        let result = Array(out[0..<(Int(written) - padding)])
        // Canonical form only: re-encoding must give the same text (no stray bits).
        return encode(result) == text ? result : nil
    }
}
