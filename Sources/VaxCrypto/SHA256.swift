internal import CCrypto

/// A SHA-256 digest: 32 bytes held inline.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The digest bytes as four big-endian words, so equality is four compares.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    /// A digest from exactly 32 bytes.
    public init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == 32, "a SHA-256 digest is 32 bytes")
        func word(_ i: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
        }
        words = (word(0), word(1), word(2), word(3))
    }

    /// A digest from 32 bytes.
    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Digest(bytes: $0) }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for w in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: w >> UInt64(shift))) }
        }
        return out
    }

    /// Lowercase hex, 64 characters.
    public var hex: String { hexString(bytes) }
    public var description: String { hex }

    public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}

/// Lowercase hex of bytes.
public func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}

// The digest algorithm is fetched once: EVP_MD_fetch is costly (notes/machine-facts.md).
// safe: an EVP_MD from EVP_MD_fetch is immutable and may be shared across threads.
nonisolated(unsafe) private let sha256Algorithm: OpaquePointer = {
    guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
        preconditionFailure("libcrypto has no SHA256")
    }
    return md
}()

/// An incremental SHA-256 computation that reuses one libcrypto context.
///
/// One owner: not to be shared across threads. C: `EVP_DigestInit_ex`, `EVP_DigestUpdate`,
/// `EVP_DigestFinal_ex`.
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// A hasher ready for input.
    public init() {
        guard let ctx = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed: out of memory") }
        context = ctx
        reset()
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Starts a new digest, forgetting any input so far.
    public func reset() {
        // Traps: only a bug (or memory exhaustion) makes init fail.
        precondition(EVP_DigestInit_ex(context, sha256Algorithm, nil) == 1, "EVP_DigestInit_ex failed")
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// Adds a byte array.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Finishes the digest and resets the hasher for the next message.
    public func finish() -> SHA256Digest {
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let digest = withUnsafeMutableBytes(of: &out) { raw -> SHA256Digest in
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &length) == 1
                && length == 32, "EVP_DigestFinal_ex failed")
            return SHA256Digest(bytes: UnsafeRawBufferPointer(raw))
        }
        reset()
        return digest
    }

    /// The digest of one message.
    public func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        update(bytes)
        return finish()
    }
}

/// One-shot SHA-256.
public enum SHA256 {
    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { SHA256Hasher().hash($0) }
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> SHA256Digest { hash(Array(text.utf8)) }
}
