import VaxCore

// A strict CBOR decoder for untrusted input (a scanned QR code). It never traps: every length
// is checked against the bytes that remain before anything is allocated, nesting is bounded,
// text must be valid UTF-8, map keys must be unique, and the item must use all the bytes.
// Indefinite-length strings, arrays and maps are accepted (RFC 8949 §3.2); simple values other
// than false/true/null, `undefined` and reserved additional-information values are rejected.

extension CBOR {
    /// The deepest nesting of arrays, maps and tags the decoder accepts.
    public static let maximumDepth = 64

    /// Decodes exactly one data item that spans all of `bytes`.
    /// - Throws: `VaxError(.badInput)` naming the byte offset, for malformed, truncated,
    ///   too deeply nested or trailing input. Complexity: O(bytes · log entries).
    public static func decode(_ bytes: [UInt8]) throws -> CBOR {
        var reader = CBORReader(bytes: bytes)
        let item = try reader.readItem(depth: 0)
        guard reader.position == bytes.count else {
            throw reader.failure("\(bytes.count - reader.position) bytes after the data item")
        }
        return item
    }
}

/// A cursor over the input; `read…` calls advance it.
struct CBORReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    func failure(_ what: String) -> VaxError {
        VaxError(.badInput, "CBOR: \(what) (at byte \(position))")
    }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw failure("truncated data item") }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a big-endian unsigned integer of `count` bytes (1, 2, 4 or 8).
    mutating func readBigEndian(_ count: Int) throws -> UInt64 {
        guard remaining >= count else { throw failure("truncated argument") }
        var value: UInt64 = 0
        for offset in 0..<count { value = value << 8 | UInt64(bytes[position + offset]) }
        position += count
        return value
    }

    /// Reads the argument of a head whose additional information is `info` (< 28);
    /// nil means indefinite length (31), which only some major types allow.
    mutating func readArgument(_ info: UInt8) throws -> UInt64? {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return try readBigEndian(1)
        case 25: return try readBigEndian(2)
        case 26: return try readBigEndian(4)
        case 27: return try readBigEndian(8)
        case 31: return nil
        default: throw failure("reserved additional information \(info)")
        }
    }

    /// A length that must fit in what is left, at `unit` bytes per element at least.
    func checkedLength(_ argument: UInt64, unit: Int) throws -> Int {
        guard argument <= UInt64(remaining / unit) else {
            throw failure("length \(argument) exceeds the \(remaining) bytes left")
        }
        return Int(argument)
    }

    mutating func readItem(depth: Int) throws -> CBOR {
        guard depth <= CBOR.maximumDepth else { throw failure("nesting deeper than \(CBOR.maximumDepth)") }
        let initial = try readByte()
        let major = initial >> 5
        let info = initial & 0x1F
        if major == 7 { return try readSimple(info) }
        let argument = try readArgument(info)
        switch major {
        case 0:
            guard let argument else { throw failure("indefinite length on an integer") }
            return .unsigned(argument)
        case 1:
            guard let argument else { throw failure("indefinite length on an integer") }
            return .negative(argument)
        case 2:
            return .bytes(try readString(major: 2, argument: argument))
        case 3:
            let raw = try readString(major: 3, argument: argument)
            guard let text = String(validating: raw, as: UTF8.self) else { throw failure("text is not valid UTF-8") }
            return .text(text)
        case 4:
            var items: [CBOR] = []
            if let argument {
                let count = try checkedLength(argument, unit: 1)
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try readItem(depth: depth + 1)) }
            } else {
                while try !readBreak() { items.append(try readItem(depth: depth + 1)) }
            }
            return .array(items)
        case 5:
            var entries: [CBORMapEntry] = []
            var keys: Set<CBOR> = []
            func readEntry() throws {
                let keyStart = position
                let key = try readItem(depth: depth + 1)
                guard keys.insert(key).inserted else {
                    position = keyStart
                    throw failure("duplicate map key")
                }
                entries.append(CBORMapEntry(key, try readItem(depth: depth + 1)))
            }
            if let argument {
                let count = try checkedLength(argument, unit: 2)
                entries.reserveCapacity(count)
                for _ in 0..<count { try readEntry() }
            } else {
                while try !readBreak() { try readEntry() }
            }
            return .map(entries)
        default:  // 6
            guard let argument else { throw failure("indefinite length on a tag") }
            return .tagged(argument, try readItem(depth: depth + 1))
        }
    }

    /// Consumes a break byte (0xFF) if one is next; a missing one at the end is truncation.
    mutating func readBreak() throws -> Bool {
        guard position < bytes.count else { throw failure("indefinite-length item without a break") }
        guard bytes[position] == 0xFF else { return false }
        position += 1
        return true
    }

    /// A definite string, or the concatenation of an indefinite string's definite chunks.
    mutating func readString(major: UInt8, argument: UInt64?) throws -> [UInt8] {
        if let argument {
            let count = try checkedLength(argument, unit: 1)
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }
        var joined: [UInt8] = []
        while try !readBreak() {
            let head = try readByte()
            guard head >> 5 == major, head & 0x1F != 31 else {
                position -= 1
                throw failure("an indefinite string chunk must be a definite string of the same type")
            }
            let count = try checkedLength(try readArgument(head & 0x1F)!, unit: 1)
            joined.append(contentsOf: bytes[position..<(position + count)])
            position += count
        }
        return joined
    }

    mutating func readSimple(_ info: UInt8) throws -> CBOR {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 25: return .double(CBORFloat.double(fromHalf: UInt16(try readBigEndian(2))))
        case 26: return .double(Double(Float(bitPattern: UInt32(try readBigEndian(4)))))
        case 27: return .double(Double(bitPattern: try readBigEndian(8)))
        case 31: throw failure("unexpected break")
        default: throw failure("unsupported simple value \(info)")
        }
    }
}
