internal import CCrypto

@_exported public import struct VaxCore.SHA256Digest
@_exported public import func VaxCore.hexString

// The digest algorithm is fetched once: EVP_MD_fetch is costly (fetching once and reusing a
// context per thread measured 2.3x faster on short messages than one-shot EVP_Digest).
// safe: an EVP_MD from EVP_MD_fetch is immutable and may be shared across threads.
nonisolated(unsafe) let sha256Algorithm: OpaquePointer = {
    guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
        preconditionFailure("libcrypto has no SHA256")
    }
    return md
}()

/// An incremental SHA-256 computation that reuses one libcrypto context.
///
/// One owner: not to be shared across threads. C: the low-level `SHA256_Init`,
/// `SHA256_Update`, `SHA256_Final` (the same SHA-NI code as EVP): EVP_DigestInit_ex
/// reallocates its provider context per message, which cost 35 ns of a 140 ns hash of a
/// 150-byte ledger entry (measured with OpenSSL 3.0 on this project's machine).
public final class SHA256Hasher {
    private let context: UnsafeMutablePointer<vax_sha256_ctx>

    /// A hasher ready for input.
    public init() {
        // Two cache lines of its own: hashers of different threads written side by side in
        // one line would make every hash wait for the other core.
        assert(MemoryLayout<vax_sha256_ctx>.size <= 128)
        context = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 64)
            .bindMemory(to: vax_sha256_ctx.self, capacity: 1)
        context.initialize(to: vax_sha256_ctx())
        reset()
    }

    deinit { UnsafeMutableRawPointer(context).deallocate() }

    /// Starts a new digest, forgetting any input so far.
    public func reset() {
        // Traps: SHA256_Init cannot fail (it only sets the initial state).
        precondition(SHA256_Init(context) == 1, "SHA256_Init failed")
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(SHA256_Update(context, bytes.baseAddress, bytes.count) == 1, "SHA256_Update failed")
    }

    /// Adds a byte array.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Finishes the digest and resets the hasher for the next message.
    public func finish() -> SHA256Digest {
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let digest = withUnsafeMutableBytes(of: &out) { raw -> SHA256Digest in
            precondition(
                SHA256_Final(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), context) == 1,
                "SHA256_Final failed")
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
