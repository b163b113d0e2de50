public import VaxCore
import VaxCrypto

// Streaming RFC 4180 reader (docs/interchange.md: UTF-8 CSV, header line, comma-separated,
// fields with a comma, quote or line break quoted, quotes doubled).
//
// Memory: one read buffer of `bufferSize` bytes, one scratch buffer of the same size for
// unescaped fields, one array of field ranges. A record that does not end inside the
// buffered bytes is moved to the buffer's start and more is read; a record that grows past
// `maxRecordBytes` is a `record_too_long` reject and the reader skips to the next line
// feed, hashing what it skips, so no input makes memory grow.
//
// Grammar accepted, per record: fields separated by `,`, ended by LF, CRLF or the end of
// the file. A field is either unquoted (no `"`, no LF; a CR just before the line end is
// dropped) or quoted (`"` ... `"` with `""` for a quote, any bytes including line breaks).
// Line numbers are physical: a record's line is one more than the line feeds before it.
// A UTF-8 byte order mark at the very start is skipped.
//
// Malformed quoting (a `"` inside an unquoted field, text after a closing quote, a quote
// left open at the end of the file) gives a `bad_quoting` record whose raw bytes run from
// the record's start to the first line feed after the fault; reading resumes after it.

/// Reads a CSV file record by record with bounded memory.
///
/// One owner; not thread-safe. Records are handed to a callback as borrowed views.
public final class CSVReader {
    /// The file's path, for messages.
    public let path: String
    /// The longest record accepted, in bytes.
    public let maxRecordBytes: Int

    private let file: InputFile
    private let buffer: UnsafeMutableRawBufferPointer
    private let scratch: UnsafeMutableRawBufferPointer
    private var fields: UnsafeMutablePointer<UnsafeRawBufferPointer>
    private var fieldCapacity = 64
    private var fieldCount = 0
    private var scratchUsed = 0
    // The unread bytes are buffer[start..<end]; `discarded` bytes of the file came before buffer[0].
    private var start = 0
    private var end = 0
    private var discarded = 0
    private var atEOF = false
    private var started = false
    private var nextLine = 1
    // Hashes the bytes of a record too long to hold.
    private lazy var hasher = SHA256Hasher()
    // Hashes every byte read, when asked: the file's digest from the same pass that parses it.
    private let contentHasher: SHA256Hasher?
    private var contentDigest: SHA256Digest?

    /// Opens `path` for reading.
    /// - Parameters:
    ///   - bufferSize: bytes per read; must exceed `maxRecordBytes` and be at least 8.
    ///   - maxRecordBytes: the longest record accepted; longer ones are `record_too_long`.
    ///   - hashingContent: also hash every byte read, for `contentSHA256`.
    /// - Throws: `VaxError` if the file cannot be opened.
    public init(path: String, bufferSize: Int = 8 << 20, maxRecordBytes: Int = 1 << 20, hashingContent: Bool = false)
        throws
    {
        precondition(maxRecordBytes > 0 && bufferSize > maxRecordBytes, "the buffer must hold the longest record")
        precondition(bufferSize >= 8, "the buffer must hold a byte order mark")
        self.path = path
        self.maxRecordBytes = maxRecordBytes
        file = try InputFile(path: path)
        contentHasher = hashingContent ? SHA256Hasher() : nil
        buffer = .allocate(byteCount: bufferSize, alignment: 64)
        scratch = .allocate(byteCount: bufferSize, alignment: 64)
        fields = .allocate(capacity: fieldCapacity)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        fields.deallocate()
    }

    /// The file offset of the next unread record, for progress reports.
    public var offset: Int { discarded + start }

    /// The physical line where the next record starts.
    public var line: Int { nextLine }

    /// SHA-256 of every byte of the file, hashed as it was read for parsing (so it is the
    /// digest of exactly what was parsed); nil before the end of the file is reached or
    /// without `hashingContent`. spec: issue 12 finding 8.
    public var contentSHA256: SHA256Digest? {
        guard atEOF, let contentHasher else { return nil }
        if contentDigest == nil { contentDigest = contentHasher.finish() }
        return contentDigest
    }

    /// Reads the next record and passes it to `body`.
    /// - Returns: `body`'s result, or nil at the end of the file.
    /// - Throws: `VaxError` on a read error, or what `body` throws.
    public func readRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        if !started { try begin() }
        while true {
            if start >= end {
                if atEOF { return nil }
                try refill()
                continue
            }
            let scan = scanRecord()
            switch scan.outcome {
            case .complete:
                let raw = UnsafeRawBufferPointer(rebasing: buffer[start..<scan.next])
                let record = CSVRecord(line: nextLine, raw: raw, count: fieldCount, fields: fields, malformation: nil)
                nextLine += scan.lines
                start = scan.next
                return try body(record)
            case .needMore:
                if end - start > maxRecordBytes { return try body(skipTooLongRecord()) }
                try refill()
            case .quoteInUnquotedField, .textAfterClosingQuote, .unclosedQuote:
                // safe: buffer.baseAddress is non-nil for a non-empty allocation
                let lf = findNewline(buffer.baseAddress!, scan.next, end)
                if lf == end && !atEOF {
                    if end - start > maxRecordBytes { return try body(skipTooLongRecord()) }
                    try refill()
                    continue
                }
                let stop = lf == end ? end : lf + 1
                let raw = UnsafeRawBufferPointer(rebasing: buffer[start..<stop])
                let malformation = CSVMalformation(code: "bad_quoting", message: scan.outcome.message, rawSHA256: nil)
                let record = CSVRecord(line: nextLine, raw: raw, count: 0, fields: fields, malformation: malformation)
                nextLine += countNewlines(raw)
                start = stop
                return try body(record)
            }
        }
    }

    // MARK: Buffer management

    private func begin() throws {
        started = true
        while end < 3 && !atEOF { try refill() }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    }

    // Makes room after `end` (moving the unread bytes to the front when the buffer is full)
    // and reads once; sets `atEOF` when the file has no more bytes.
    private func refill() throws {
        if end == buffer.count || start == end {
            let unread = end - start
            if unread > 0 && start > 0 {
                // safe: both ranges lie inside buffer; memmove semantics allow overlap
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: unread)
            }
            discarded += start
            start = 0
            end = unread
        }
        precondition(end < buffer.count, "a record longer than maxRecordBytes must have been skipped")
        let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        contentHasher?.update(UnsafeRawBufferPointer(rebasing: buffer[end..<(end + n)]))
        if n == 0 { atEOF = true }
        end += n
    }

    // Skips the record at `start` up to and including the next line feed (or the end of the
    // file), hashing the bytes skipped. The record's raw view is empty.
    private func skipTooLongRecord() throws -> CSVRecord {
        let line = nextLine
        while true {
            // safe: buffer.baseAddress is non-nil for a non-empty allocation
            let lf = findNewline(buffer.baseAddress!, start, end)
            let stop = lf == end ? end : lf + 1
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[start..<stop]))
            start = stop
            if lf != end {
                nextLine += 1
                break
            }
            if atEOF { break }
            try refill()
        }
        let malformation = CSVMalformation(
            code: "record_too_long", message: "the record is longer than \(maxRecordBytes) bytes",
            rawSHA256: hasher.finish())
        return CSVRecord(
            line: line, raw: UnsafeRawBufferPointer(start: nil, count: 0), count: 0, fields: fields,
            malformation: malformation)
    }

    // MARK: Record scanning

    // A plain enum, not a String, so that returning a Scan costs no reference counting.
    private enum Outcome {
        case complete, needMore, quoteInUnquotedField, textAfterClosingQuote, unclosedQuote

        var message: String {
            switch self {
            case .quoteInUnquotedField: return "a quote appears inside an unquoted field"
            case .textAfterClosingQuote: return "text follows a closing quote"
            case .unclosedQuote: return "a quote is not closed before the end of the file"
            case .complete, .needMore: return ""
            }
        }
    }

    private struct Scan {
        var outcome: Outcome
        // complete: the index after the record; malformed: where to look for the resync line feed.
        var next: Int = 0
        var lines: Int = 0
    }

    // Adds a quoted field's content with each `""` turned into `"`, copied into scratch.
    private func addUnescapedField(_ from: Int, _ to: Int) {
        if fieldCount == fieldCapacity { growFields() }
        let out = scratchUsed
        var i = from
        while i < to {
            let b = buffer[i]
            // safe: scratch.count == buffer.count and the unescaped bytes of one scan never
            // outnumber the buffered bytes scanned
            scratch[scratchUsed] = b
            scratchUsed += 1
            i += b == 0x22 ? 2 : 1
        }
        fields[fieldCount] = UnsafeRawBufferPointer(rebasing: scratch[out..<scratchUsed])
        fieldCount += 1
    }

    private func growFields() {
        let bigger = UnsafeMutablePointer<UnsafeRawBufferPointer>.allocate(capacity: fieldCapacity * 2)
        bigger.moveInitialize(from: fields, count: fieldCount)
        fields.deallocate()
        fields = bigger
        fieldCapacity *= 2
    }

    // Splits the record at `start` into `fields`, or says that more bytes are needed or that
    // the quoting is malformed. Restarts from scratch on every call: only records that cross
    // a buffer boundary are scanned twice.
    private func scanRecord() -> Scan {
        scratchUsed = 0
        // safe: buffer.baseAddress is non-nil for a non-empty allocation
        let p = UnsafeRawPointer(buffer.baseAddress!)
        // The field list is kept in locals during the scan: stored properties of a class are
        // reloaded and access-checked on every use, which cost a third of the scan time.
        var n = 0
        var out = fields
        var capacity = fieldCapacity
        defer { fieldCount = n }
        @inline(__always) func add(_ from: Int, _ to: Int) {
            if n == capacity {
                fieldCount = n
                growFields()
                out = fields
                capacity = fieldCapacity
            }
            // safe: n < capacity; from <= to <= end
            (out + n).initialize(to: UnsafeRawBufferPointer(start: p + from, count: to - from))
            n += 1
        }
        let limit = end
        let eof = atEOF
        var lines = 0
        var i = start
        nextField: while true {
            if i < limit && p.load(fromByteOffset: i, as: UInt8.self) == 0x22 {
                // Quoted field: find the closing quote, counting line feeds inside.
                var j = i + 1
                var escaped = false
                while true {
                    j = findQuoteOrNewline(p, j, limit)
                    if j >= limit {
                        return eof
                            ? Scan(outcome: .unclosedQuote, next: i)
                            : Scan(outcome: .needMore)
                    }
                    if p.load(fromByteOffset: j, as: UInt8.self) == 0x0A {
                        lines += 1
                        j += 1
                        continue
                    }
                    if j + 1 >= limit {
                        if !eof { return Scan(outcome: .needMore) }
                        break
                    }
                    if p.load(fromByteOffset: j + 1, as: UInt8.self) == 0x22 {
                        escaped = true
                        j += 2
                        continue
                    }
                    break
                }
                if escaped {
                    fieldCount = n
                    addUnescapedField(i + 1, j)
                    n = fieldCount
                    out = fields
                    capacity = fieldCapacity
                } else {
                    add(i + 1, j)
                }
                let k = j + 1
                if k >= limit { return Scan(outcome: .complete, next: k, lines: lines) }
                let c = p.load(fromByteOffset: k, as: UInt8.self)
                if c == 0x2C {
                    i = k + 1
                    continue
                }
                if c == 0x0A { return Scan(outcome: .complete, next: k + 1, lines: lines + 1) }
                if c == 0x0D {
                    if k + 1 < limit {
                        if p.load(fromByteOffset: k + 1, as: UInt8.self) == 0x0A {
                            return Scan(outcome: .complete, next: k + 2, lines: lines + 1)
                        }
                    } else if eof {
                        return Scan(outcome: .complete, next: k + 1, lines: lines)
                    } else {
                        return Scan(outcome: .needMore)
                    }
                }
                return Scan(outcome: .textAfterClosingQuote, next: k)
            }
            // Unquoted fields: walk the delimiter bits of each 8-byte word, so a run of short
            // fields costs one load per 8 bytes and a few operations per field. A quote at a
            // field's start hands over to the quoted branch above.
            var fieldStart = i
            var base = i
            while base &+ 8 <= limit {
                var m = delimiterMask(p, base)
                while m != 0 {
                    let pos = base &+ m.trailingZeroBitCount >> 3
                    m &= m &- 1
                    let c = p.load(fromByteOffset: pos, as: UInt8.self)
                    if c == 0x2C {
                        add(fieldStart, pos)
                        fieldStart = pos &+ 1
                    } else if c == 0x0A {
                        var e = pos
                        if e > fieldStart && p.load(fromByteOffset: e - 1, as: UInt8.self) == 0x0D { e -= 1 }
                        add(fieldStart, e)
                        return Scan(outcome: .complete, next: pos + 1, lines: lines + 1)
                    } else if pos == fieldStart {
                        i = pos
                        continue nextField
                    } else {
                        return Scan(outcome: .quoteInUnquotedField, next: pos)
                    }
                }
                base &+= 8
            }
            // Fewer than 8 bytes remain; bytes from fieldStart to base hold no delimiter.
            i = fieldStart
            let j = findFieldEnd(p, max(base, fieldStart), limit)
            if j >= limit {
                guard eof else { return Scan(outcome: .needMore) }
                var e = limit
                if e > i && p.load(fromByteOffset: e - 1, as: UInt8.self) == 0x0D { e -= 1 }
                add(i, e)
                return Scan(outcome: .complete, next: limit, lines: lines)
            }
            let c = p.load(fromByteOffset: j, as: UInt8.self)
            if c == 0x2C {
                add(i, j)
                i = j + 1
                continue
            }
            if c == 0x0A {
                var e = j
                if e > i && p.load(fromByteOffset: e - 1, as: UInt8.self) == 0x0D { e -= 1 }
                add(i, e)
                return Scan(outcome: .complete, next: j + 1, lines: lines + 1)
            }
            if j == i { continue }
            return Scan(outcome: .quoteInUnquotedField, next: j)
        }
    }
}
