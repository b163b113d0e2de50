internal import CCrypto
internal import VaxCore

// Plumbing shared by the key and certificate wrappers: memory BIOs, error-queue hygiene,
// and the ECDSA signature format conversion between COSE (raw r‖s) and libcrypto (DER).

/// Runs `body` with a read-only memory BIO over `bytes`, then clears libcrypto's error queue
/// so a failed parse leaves nothing behind for the next call. C: `BIO_new_mem_buf`.
func withReadBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> T) rethrows -> T {
    try withNonNullBytes(bytes) { base, count in
        guard let bio = BIO_new_mem_buf(base, Int32(count)) else {
            preconditionFailure("BIO_new_mem_buf: out of memory")
        }
        defer {
            BIO_free(bio)
            ERR_clear_error()
        }
        return try body(bio)
    }
}

/// Runs `body` with a pointer to `bytes` and their count; the pointer is never null, even for
/// an empty array (whose buffer may have no address), as libcrypto's inputs require.
func withNonNullBytes<T>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> T) rethrows -> T {
    let storage = bytes.isEmpty ? [0] : bytes
    return try storage.withUnsafeBufferPointer { buffer in
        // safe: storage is never empty, so the buffer has an address; count ≤ its length
        try body(buffer.baseAddress!, bytes.count)
    }
}

/// The bytes that `body` writes into a fresh memory BIO; nil if `body` reports failure (≠ 1).
/// C: `BIO_new(BIO_s_mem())`, `BIO_get_mem_data`.
func bytesWrittenToBIO(_ body: (OpaquePointer) -> Int32) -> [UInt8]? {
    guard let bio = BIO_new(BIO_s_mem()) else { preconditionFailure("BIO_new: out of memory") }
    defer {
        BIO_free(bio)
        ERR_clear_error()
    }
    guard body(bio) == 1 else { return nil }
    var pointer: UnsafeMutablePointer<CChar>? = nil
    // BIO_get_mem_data is a macro for BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer).
    let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
    guard let pointer, length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
}

/// Whether the PEM text looks like PEM (starts, after blanks, with "-----BEGIN ").
func looksLikePEM(_ bytes: [UInt8]) -> Bool {
    let marker = Array("-----BEGIN ".utf8)
    guard let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
        return false
    }
    return bytes.count - start >= marker.count && Array(bytes[start..<(start + marker.count)]) == marker
}

/// Converts a DER `ECDSA-Sig-Value` into COSE's fixed-width r‖s (RFC 8152 §8.1).
/// C: `d2i_ECDSA_SIG`, `ECDSA_SIG_get0`, `BN_bn2binpad`.
/// - Returns: nil if the DER is malformed or a component does not fit `width` bytes.
func rawECDSASignature(fromDER der: [UInt8], width: Int) -> [UInt8]? {
    let signature: OpaquePointer? = withNonNullBytes(der) { base, count in
        var cursor: UnsafePointer<UInt8>? = base
        // safe: d2i reads at most `count` bytes from cursor
        return d2i_ECDSA_SIG(nil, &cursor, count)
    }
    guard let signature else {
        ERR_clear_error()
        return nil
    }
    defer { ECDSA_SIG_free(signature) }
    var r: OpaquePointer? = nil
    var s: OpaquePointer? = nil
    ECDSA_SIG_get0(signature, &r, &s)
    guard let r, let s else { return nil }
    var raw = [UInt8](repeating: 0, count: 2 * width)
    let ok = raw.withUnsafeMutableBufferPointer { out -> Bool in
        // safe: out holds 2·width bytes; each BN_bn2binpad writes exactly width bytes or fails
        BN_bn2binpad(r, out.baseAddress!, Int32(width)) == Int32(width)
            && BN_bn2binpad(s, out.baseAddress! + width, Int32(width)) == Int32(width)
    }
    return ok ? raw : nil
}

/// Converts COSE's r‖s into a DER `ECDSA-Sig-Value` for libcrypto's verifier.
/// C: `BN_bin2bn`, `ECDSA_SIG_set0`, `i2d_ECDSA_SIG`.
/// - Returns: nil if `raw` is empty or of odd length.
func derECDSASignature(fromRaw raw: [UInt8]) -> [UInt8]? {
    guard !raw.isEmpty, raw.count % 2 == 0 else { return nil }
    let half = raw.count / 2
    guard let signature = ECDSA_SIG_new() else { preconditionFailure("ECDSA_SIG_new: out of memory") }
    defer { ECDSA_SIG_free(signature) }
    let (r, s) = raw.withUnsafeBufferPointer { buffer in
        // safe: both halves lie inside buffer (count == 2·half)
        (BN_bin2bn(buffer.baseAddress!, Int32(half), nil), BN_bin2bn(buffer.baseAddress! + half, Int32(half), nil))
    }
    guard let r, let s else { preconditionFailure("BN_bin2bn: out of memory") }
    // ECDSA_SIG_set0 takes ownership of r and s.
    precondition(ECDSA_SIG_set0(signature, r, s) == 1, "ECDSA_SIG_set0 failed")
    let length = i2d_ECDSA_SIG(signature, nil)
    guard length > 0 else { return nil }
    var der = [UInt8](repeating: 0, count: Int(length))
    let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
        // safe: buffer holds the `length` bytes i2d_ECDSA_SIG said it needs
        return i2d_ECDSA_SIG(signature, &cursor)
    }
    return written == length ? der : nil
}

/// The Unix time of an ASN.1 UTCTime/GeneralizedTime. C: `ASN1_TIME_to_tm`.
func unixTime(_ time: UnsafePointer<ASN1_TIME>) -> Int64? {
    var parts = tm()
    guard ASN1_TIME_to_tm(time, &parts) == 1 else {
        ERR_clear_error()
        return nil
    }
    let days = daysSinceEpoch(
        year: Int64(parts.tm_year) + 1900, month: Int64(parts.tm_mon) + 1, day: Int64(parts.tm_mday))
    return days * 86_400 + Int64(parts.tm_hour) * 3600 + Int64(parts.tm_min) * 60 + Int64(parts.tm_sec)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it).
func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    // Counting from March makes the leap day the last day of the counted year.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = (month + 9) % 12
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
