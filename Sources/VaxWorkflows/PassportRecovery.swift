import VaxCore
import VaxCrypto
import VaxLedger
import VaxPassport

/// Resumes an unfinished `passport issue`: keeps exactly the rows of DIR/passports.csv.partial
/// that the ledger vouches for and reports the ledger's passports that have no row.
///
/// A row is kept iff some passport entry at or after the resume point's `startSeq` has the
/// row's citizen, its UVCI, and the SHA-256 of the CWT payload inside its HC1 text (decoded:
/// Base45, zlib, COSE_Sign1; zlib's Adler-32 covers the signature bytes too), each entry
/// vouching for one row. Other rows (a batch whose ledger transaction never committed, a torn
/// last line) are dropped: their citizens are not in the ledger, so they are issued again.
/// An entry without a row is lost: its certificate was never kept anywhere (only if the
/// partial file was deleted or damaged, since rows are written ahead of their batch).
struct PassportRecovery {
    /// Citizens whose rows were kept, ascending.
    var kept: [UInt64] = []
    /// Rows dropped.
    var dropped = 0
    /// Passports the ledger records since the resume point without a row, in ledger order.
    var lost: [(citizenID: CitizenID, uvci: String)] = []
    /// `lost`'s citizens, ascending.
    var lostCitizens: [UInt64] = []

    /// A ledger passport entry of this directory, by what identifies its row.
    private struct Voucher {
        var citizen: UInt64
        var seq: Int
        /// SHA-256(uvci ‖ 0x00 ‖ payload SHA-256): one comparison checks both.
        var binding: SHA256Digest
    }

    /// A row of the partial file as read: its bytes (with the LF) and, if it decodes, its binding.
    private struct ParsedRow {
        var range: Range<Int>
        var citizen: UInt64
        var binding: SHA256Digest?
    }

    /// Rewrites DIR/passports.csv.partial with the kept rows (under a temporary name, then an
    /// atomic rename) and returns the journal to go on appending to, with what was found.
    /// With `images`, draws the QR codes of kept rows whose image is missing.
    /// - Throws: `.badInput` for a partial file that is not one; I/O faults.
    /// - Complexity: O(rows + passport entries since the resume point), rows decoded on `threads`.
    static func recover(
        paths: PassportIssuePaths, point: PassportResumePoint, ledger: LedgerReader,
        images: PassportImages?, threads: Int
    ) throws -> (PassportJournal, PassportRecovery) {
        var vouchers: [Voucher] = []
        try ledger.forEachPassport(fromSeq: point.startSeq) { seq, record in
            vouchers.append(
                Voucher(
                    citizen: record.citizenID.rawValue, seq: seq,
                    binding: binding(uvci: Array(record.uvci.utf8), payloadSHA256: record.payloadSHA256.bytes)))
        }
        vouchers.sort { ($0.citizen, $0.seq) < ($1.citizen, $1.seq) }
        var used = [Bool](repeating: false, count: vouchers.count)
        var recovery = PassportRecovery()

        let file = try AppendFile(path: paths.partial + ".new", truncating: true)
        try file.write(PassportJournal.header)
        if fileExists(paths.partial) {
            let mapped = try MappedFile(path: paths.partial)
            let bytes = mapped.bytes
            let header = Array(PassportJournal.header.utf8)
            // A file shorter than its header died before its first sync: no row can count.
            guard bytes.starts(with: header) || header.starts(with: bytes) else {
                throw VaxError(
                    .badInput, "not a passport in-progress file (its header is not \"citizen_id,uvci,hc1\")",
                    file: paths.partial)
            }
            var start = min(header.count, bytes.count)
            while start < bytes.count {
                // Windows of about 64 MB, ending after an LF, bound the memory of parsed rows.
                var end = min(start + (64 << 20), bytes.count)
                while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
                for row in parse(mapped, start..<end, threads: threads) {
                    guard let binding = row.binding,
                        let index = unusedVoucher(vouchers, used, citizen: row.citizen, binding: binding)
                    else {
                        recovery.dropped += 1
                        continue
                    }
                    used[index] = true
                    // safe: row.range lies within bytes (parse cuts it from start..<end)
                    try file.write(UnsafeRawBufferPointer(rebasing: bytes[row.range]))
                    recovery.kept.append(row.citizen)
                    if let images { try drawIfMissing(bytes, row.range, images) }
                }
                start = end
            }
        }
        try file.rename(to: paths.partial)
        recovery.kept.sort()

        let lostSeqs = Set(vouchers.indices.filter { !used[$0] }.map { vouchers[$0].seq })
        if !lostSeqs.isEmpty {
            try ledger.forEachPassport(fromSeq: point.startSeq) { seq, record in
                if lostSeqs.contains(seq) { recovery.lost.append((record.citizenID, record.uvci)) }
            }
            recovery.lostCitizens = recovery.lost.map(\.citizenID.rawValue).sorted()
        }
        return (PassportJournal(paths: paths, file: file), recovery)
    }

    /// SHA-256(uvci ‖ 0x00 ‖ payloadSHA256). A UVCI holds no NUL, so the pair is unambiguous.
    static func binding(uvci: [UInt8], payloadSHA256: [UInt8]) -> SHA256Digest {
        SHA256.hash(uvci + [0] + payloadSHA256)
    }

    /// The index of an unused voucher for `citizen` with `binding`, if any (binary search).
    private static func unusedVoucher(
        _ vouchers: [Voucher], _ used: [Bool], citizen: UInt64, binding: SHA256Digest
    ) -> Int? {
        var lo = 0
        var hi = vouchers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if vouchers[mid].citizen < citizen { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < vouchers.count && vouchers[i].citizen == citizen {
            if !used[i] && vouchers[i].binding == binding { return i }
            i += 1
        }
        return nil
    }

    /// The rows of `range` (which starts a line), decoded in parallel, in file order. A
    /// last piece without its LF is a torn row: returned without a binding.
    private static func parse(_ mapped: MappedFile, _ range: Range<Int>, threads: Int) -> [ParsedRow] {
        let bytes = mapped.bytes
        // Chunk boundaries moved forward to line starts, so that each row is in one chunk.
        var cuts = makeChunks(count: range.count, parts: threads * 4).map { range.lowerBound + $0.lowerBound }
        cuts.append(range.upperBound)
        for i in 1..<(cuts.count - 1) {
            var c = max(cuts[i], cuts[i - 1])
            while c < range.upperBound && bytes[c - 1] != 0x0A { c += 1 }
            cuts[i] = c
        }
        let chunks = (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }.filter { !$0.isEmpty }
        let parts = mapChunks(chunks, threads: threads) { chunk -> [ParsedRow] in
            let bytes = mapped.bytes
            var rows: [ParsedRow] = []
            var lineStart = chunk.lowerBound
            while lineStart < chunk.upperBound {
                var lineEnd = lineStart
                while lineEnd < chunk.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let complete = lineEnd < chunk.upperBound
                let next = complete ? lineEnd + 1 : lineEnd
                // safe: lineStart..<lineEnd lies within chunk, within the mapping
                let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                var row = ParsedRow(range: lineStart..<next, citizen: 0, binding: nil)
                if complete, let (citizen, binding) = decode(line) {
                    row.citizen = citizen
                    row.binding = binding
                }
                rows.append(row)
                lineStart = next
            }
            return rows
        }
        return Array(parts.joined())
    }

    /// The citizen and binding of one row "citizen_id,uvci,HC1:…", or nil if it does not decode.
    private static func decode(_ line: UnsafeRawBufferPointer) -> (UInt64, SHA256Digest)? {
        let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false)
        guard fields.count == 3, (1...12).contains(fields[0].count),
            fields[0].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            fields[2].starts(with: HC1.prefix.utf8)
        else { return nil }
        let citizen = fields[0].reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
        guard let compressed = try? Base45.decode(Array(fields[2].dropFirst(HC1.prefix.utf8.count))),
            let message = try? Zlib.decompress(compressed),
            let cose = try? COSESign1.decode(message)
        else { return nil }
        return (citizen, binding(uvci: Array(fields[1]), payloadSHA256: SHA256.hash(cose.payload).bytes))
    }

    /// Draws the QR code of a kept row if its image is not there (it is written before the
    /// batch commits, but not synced).
    private static func drawIfMissing(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ images: PassportImages
    ) throws {
        // safe: range lies within bytes; the row decoded, so it has three fields
        let fields = UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<(range.upperBound - 1)])
            .split(separator: 0x2C, omittingEmptySubsequences: false)
        let uvci = String(decoding: fields[1], as: UTF8.self)
        guard !fileExists(images.directory + "/" + PassportImages.fileName(uvci: uvci)) else { return }
        let hc1 = String(decoding: fields[2], as: UTF8.self)
        try images.write(png: try QRCode.encode(hc1, level: .quartile).pngImage(), uvci: uvci)
    }
}
