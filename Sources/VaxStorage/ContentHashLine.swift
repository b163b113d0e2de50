import VaxCore
import VaxNames

// spec: store-format.md "Content hash": the one spelling of a register row as the content
// hash reads it, used by the builder (from the parsed register) and by the recomputation
// from a built store (PopulationStore.recomputedContentHash), so that the two cannot drift:
// both write a line's fields through `writeHead` and `writeTail` below and its name through
// `ContentHashNames` (or the exact spelling).

/// The line of one citizen in the content hash:
/// `citizen_id(12),legacy_id(9 or empty),full name,YYYY[-MM[-DD]],F|M,province(2)\n`.
enum ContentHashLine {
    /// The first bytes hashed, naming this line format.
    static let preamble = Array("vaxlink-register-v1\n".utf8)

    /// The most bytes a line holds besides the full name: `writeHead` plus `writeTail`.
    static let maxFixedBytes = headBytes + tailBytes
    static let headBytes = 12 + 1 + 9 + 1
    static let tailBytes = 1 + 10 + 1 + 1 + 1 + 2 + 1

    /// Writes `citizen_id,legacy_id,` (at most `headBytes`) at `p`; returns the end.
    @inline(__always)
    static func writeHead(citizenID: UInt64, legacyID: UInt32?, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        writeDigits(citizenID / 1_000_000, pairs: 3, to: p)
        writeDigits(citizenID % 1_000_000, pairs: 3, to: p + 6)
        p[12] = 0x2C
        var q = p + 13
        if let legacyID {
            q[0] = 48 + UInt8(legacyID / 100_000_000 % 10)
            writeDigits(UInt64(legacyID % 100_000_000), pairs: 4, to: q + 1)
            q += 9
        }
        q[0] = 0x2C
        return q + 1
    }

    /// Writes `,YYYY[-MM[-DD]],F|M,province\n` (at most `tailBytes`) at `p`, the date given
    /// as `PartialDate.packed` (year << 9 | month << 5 | day, 0 for a missing part); returns the end.
    @inline(__always)
    static func writeTail(packedDate: UInt32, female: Bool, provinceCode: Int, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p[0] = 0x2C
        writeDigits(UInt64(packedDate >> 9), pairs: 2, to: p + 1)
        var q = p + 5
        let month = packedDate >> 5 & 15, day = packedDate & 31
        if month != 0 {
            q[0] = UInt8(ascii: "-")
            writeDigits(UInt64(month), pairs: 1, to: q + 1)
            q += 3
            if day != 0 {
                q[0] = UInt8(ascii: "-")
                writeDigits(UInt64(day), pairs: 1, to: q + 1)
                q += 3
            }
        }
        q[0] = 0x2C
        q[1] = female ? UInt8(ascii: "F") : UInt8(ascii: "M")
        q[2] = 0x2C
        writeDigits(UInt64(provinceCode % 100), pairs: 1, to: q + 3)
        q[5] = 0x0A
        return q + 6
    }

    /// Writes `value` as exactly `2 * pairs` decimal digits, zero-padded (higher digits dropped).
    @inline(__always)
    static func writeDigits(_ value: UInt64, pairs: Int, to p: UnsafeMutablePointer<UInt8>) {
        var v = value
        var i = pairs
        while i > 0 {
            i -= 1
            let pair = Int(v % 100)
            v /= 100
            p[2 * i] = 48 + UInt8(pair / 10)
            p[2 * i + 1] = 48 + UInt8(pair % 10)
        }
    }

    /// The lines of local rows `rows` of one shard, from its hot columns: what
    /// `PopulationStore.recomputedContentHash` hashes, block by block.
    /// - Parameters:
    ///   - legacy: per local row, 0 for no legacy ID, else the legacy ID + 1.
    ///   - exceptionRows, exact: the rows whose name is spelled exactly, and those spellings.
    static func spell(rows: Range<Int>, hot: ShardColumns, legacy: UnsafeBufferPointer<UInt32>,
                      exceptionRows: [UInt32], exact: StringTable, names: ContentHashNames) -> [UInt8] {
        guard !rows.isEmpty else { return [] }
        // The exact spellings in this block: the first at or after its first row.
        var nextExact = 0, hi = exceptionRows.count
        while nextExact < hi {
            let mid = (nextExact + hi) >> 1
            if Int(exceptionRows[mid]) < rows.lowerBound { nextExact = mid + 1 } else { hi = mid }
        }
        var lastExact = nextExact
        while lastExact < exceptionRows.count && Int(exceptionRows[lastExact]) < rows.upperBound { lastExact += 1 }
        let exactBytes = lastExact > nextExact ? exact.range(lastExact - 1).upperBound - exact.range(nextExact).lowerBound : 0
        let capacity = rows.count * (maxFixedBytes + names.maxFullName) + exactBytes + ContentHashNames.copySlack
        // The ID prefix of the first row; later rows step to the next prefix as they pass its start.
        var prefix = 0
        var lo = 0, top = hot.prefixes.count - 1
        while lo < top {
            let mid = (lo + top + 1) >> 1
            if Int(hot.prefixStarts[mid]) <= rows.lowerBound { lo = mid } else { top = mid - 1 }
        }
        prefix = lo
        return exact.bytes.withUnsafeBufferPointer { exactText in
            [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var p = buffer.baseAddress!
                for local in rows {
                    while prefix + 1 < hot.prefixes.count && Int(hot.prefixStarts[prefix + 1]) <= local { prefix += 1 }
                    let id = UInt64(hot.prefixes[prefix]) * 1_000_000 + hot.serials[local]
                    let l = legacy[local]
                    p = writeHead(citizenID: id, legacyID: l == 0 ? nil : l - 1, to: p)
                    if nextExact < lastExact && Int(exceptionRows[nextExact]) == local {
                        let r = exact.range(nextExact)
                        p.update(from: exactText.baseAddress! + r.lowerBound, count: r.count)
                        p += r.count
                        nextExact += 1
                    } else {
                        p = names.write(family: Int(truncatingIfNeeded: hot.tokens.family[local]),
                                        middle: Int(truncatingIfNeeded: hot.tokens.middle[local]),
                                        given: Int(truncatingIfNeeded: hot.tokens.given[local]), to: p)
                    }
                    let sp = PackedFields.sexProvince(hot.sexProvince[local])
                    p = writeTail(packedDate: UInt32(truncatingIfNeeded: hot.dates[local]) &+ PackedFields.dateBase,
                                  female: PackedFields.sex(sp) == .female, provinceCode: PackedFields.provinceCode(sp), to: p)
                }
                count = p - buffer.baseAddress!
                precondition(count <= capacity, "content hash block overran its buffer")
            }
        }
    }
}

/// The registered (original) name tokens of each part as plain buffers, for spelling full
/// names without reference counting: `TokenDictionaries.appendFullName` for many rows.
/// `@unchecked Sendable`: written once in init, read-only until `deallocate`.
final class ContentHashNames: @unchecked Sendable {
    private let bytes: [UnsafeMutableBufferPointer<UInt8>]
    private let ends: [UnsafeMutableBufferPointer<UInt32>]
    private let flat: UnsafeMutablePointer<(UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt32>, Int)>
    /// The longest full name the tokens can spell: the longest token of each part and two spaces.
    let maxFullName: Int
    /// Bytes a name's copy may write past its end, and read past a token's.
    static let copySlack = 8

    init(_ dictionaries: TokenDictionaries) {
        var bytes: [UnsafeMutableBufferPointer<UInt8>] = [], ends: [UnsafeMutableBufferPointer<UInt32>] = []
        var longest = 2
        for part in NamePart.allCases {
            let table = dictionaries[part].original
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: table.bytes.count + Self.copySlack)
            b.initialize(repeating: 0)
            _ = b.initialize(from: table.bytes)
            let e = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, table.ends.count))
            _ = e.initialize(from: table.ends)
            bytes.append(b)
            ends.append(e)
            longest += (0..<table.count).map { table.range($0).count }.max() ?? 0
        }
        self.bytes = bytes
        self.ends = ends
        maxFullName = longest
        flat = .allocate(capacity: 3)
        for p in 0..<3 { (flat + p).initialize(to: (bytes[p].baseAddress!, ends[p].baseAddress!, 0)) }
    }

    func deallocate() {
        bytes.forEach { $0.deallocate() }
        ends.forEach { $0.deallocate() }
        flat.deallocate()
    }

    /// Writes the full name of three original token IDs at `p`: the non-empty parts joined
    /// by one space (as `TokenDictionaries.appendFullName`); returns the end.
    @inline(__always)
    func write(family: Int, middle: Int, given: Int, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var q = p
        @inline(__always) func put(_ part: Int, _ id: Int) {
            let (b, e, _) = flat[part]
            let start = id == 0 ? 0 : Int(e[id - 1]), end = Int(e[id])
            if start == end { return }
            if q != p { q[0] = 0x20; q += 1 }
            // Tokens are a few bytes: copied 8 at a time, which may write up to 7 bytes past the
            // token (the caller's buffer has `copySlack` to spare) and read past it (the token
            // bytes are padded by as much).
            var k = 0
            let n = end - start
            while k < n {
                UnsafeMutableRawPointer(q + k).storeBytes(
                    of: UnsafeRawPointer(b + start + k).loadUnaligned(as: UInt64.self), as: UInt64.self)
                k += 8
            }
            q += n
        }
        put(0, family)
        put(1, middle)
        put(2, given)
        return q
    }
}
