/// A block of up to 65,536 rows' legacy IDs: most citizens have none, so a presence
/// bitmap and the present values bit-packed at 30 bits cost about 1.3 bytes a row, against
/// 4 for a plain column that LZ4 barely shrinks.
///
///   u32 row count n | n bits of presence, in u64 words | 30-bit values of present rows in row order
enum LegacyBlock {
    /// Encodes `values` (legacy + 1, 0 = none).
    static func encode(_ values: [UInt32]) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLE(UInt32(values.count))
        var words = [UInt64](repeating: 0, count: (values.count + 63) / 64)
        var packed = BitPackedWriter(width: 30)
        for (i, v) in values.enumerated() where v != 0 {
            words[i / 64] |= 1 << UInt64(i % 64)
            packed.append(UInt64(v - 1))
        }
        for w in words { out.appendLE(w) }
        out.append(contentsOf: packed.bytes)
        return out
    }

    /// The legacy ID of row `i`: `.some(nil)` when it has none, nil when the block is damaged.
    static func value(in bytes: [UInt8], at i: Int) -> UInt32?? {
        bytes.withUnsafeBytes { raw -> UInt32?? in
            guard raw.count >= 4 else { return nil }
            let n = Int(raw.loadLE(UInt32.self, at: 0))
            let wordCount = (n + 63) / 64
            guard i < n, raw.count >= 4 + 8 * wordCount + 8 else { return nil }
            func word(_ k: Int) -> UInt64 { raw.loadLE(UInt64.self, at: 4 + 8 * k) }
            let w = word(i / 64)
            guard w >> UInt64(i % 64) & 1 == 1 else { return .some(nil) }
            var rank = 0
            for k in 0..<(i / 64) { rank += word(k).nonzeroBitCount }
            rank += (w & ((1 << UInt64(i % 64)) - 1)).nonzeroBitCount
            let values = UnsafeRawBufferPointer(rebasing: raw[(4 + 8 * wordCount)...])
            guard (rank + 1) * 30 / 8 + 8 <= values.count else { return nil }
            return .some(UInt32(BitPackedColumn(bytes: values, width: 30, count: rank + 1)[rank]))
        }
    }
}
