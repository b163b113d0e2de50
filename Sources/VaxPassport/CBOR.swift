// CBOR data items (RFC 8949) as the EU Digital COVID Certificate uses them: the CWT claims,
// the COSE headers and the certificate payload. The encoder writes definite lengths and the
// shortest heads (RFC 8949 §4.2.1, "preferred serialization"); floats shrink to the shortest
// IEEE 754 width that keeps their value. Map entries keep the order they are given in.

/// One key/value pair of a CBOR map, in encoding order.
public struct CBORMapEntry: Sendable, Hashable {
    /// The key.
    public var key: CBOR
    /// The value.
    public var value: CBOR

    /// An entry `key: value`.
    public init(_ key: CBOR, _ value: CBOR) {
        self.key = key
        self.value = value
    }
}

/// A CBOR data item.
public indirect enum CBOR: Sendable, Hashable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the negative integer −1 − n.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array.
    case array([CBOR])
    /// Major type 5: a map, entries in order.
    case map([CBORMapEntry])
    /// Major type 6: a tagged item.
    case tagged(UInt64, CBOR)
    /// Simple values 20 and 21.
    case bool(Bool)
    /// Simple value 22.
    case null
    /// Major type 7 floats (half, single or double precision when decoded).
    case double(Double)

    /// The integer `value`: `.unsigned` when it is ≥ 0, else `.negative`.
    public static func int(_ value: Int64) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }

    /// The value of `key` in a map (the first entry with that key); nil if this is no map or
    /// has no such key. Complexity: O(entries).
    public subscript(key: CBOR) -> CBOR? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The value of integer key `key` in a map.
    public subscript(key: Int64) -> CBOR? { self[.int(key)] }

    /// The value of text key `key` in a map.
    public subscript(key: String) -> CBOR? { self[.text(key)] }

    /// The integer value if this is an integer that fits Int64.
    public var integerValue: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The string if this is a text string.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The bytes if this is a byte string.
    public var bytesValue: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    /// The item inside any tags (e.g. the text of a tag-0 date-time).
    public var untagged: CBOR {
        var item = self
        while case .tagged(_, let inner) = item { item = inner }
        return item
    }

    /// The elements if this is an array.
    public var arrayValue: [CBOR]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The entries if this is a map.
    public var mapEntries: [CBORMapEntry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    /// The encoding: definite lengths, shortest argument heads, floats in the shortest
    /// width that keeps the value. Complexity: O(size of the item).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        encode(into: &out)
        return out
    }

    /// Appends the encoding to `out`.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .unsigned(let n): CBOR.appendHead(0, n, to: &out)
        case .negative(let n): CBOR.appendHead(1, n, to: &out)
        case .bytes(let bytes):
            CBOR.appendHead(2, UInt64(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        case .text(let text):
            CBOR.appendHead(3, UInt64(text.utf8.count), to: &out)
            out.append(contentsOf: text.utf8)
        case .array(let items):
            CBOR.appendHead(4, UInt64(items.count), to: &out)
            for item in items { item.encode(into: &out) }
        case .map(let entries):
            CBOR.appendHead(5, UInt64(entries.count), to: &out)
            for entry in entries {
                entry.key.encode(into: &out)
                entry.value.encode(into: &out)
            }
        case .tagged(let tag, let item):
            CBOR.appendHead(6, tag, to: &out)
            item.encode(into: &out)
        case .bool(let value): out.append(value ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .double(let value): CBORFloat.append(value, to: &out)
        }
    }

    /// Appends a head: major type in the top 3 bits, the argument in the shortest form.
    static func appendHead(_ major: UInt8, _ argument: UInt64, to out: inout [UInt8]) {
        let type = major << 5
        switch argument {
        case 0..<24:
            out.append(type | UInt8(argument))
        case 24...0xFF:
            out.append(type | 24)
            out.append(UInt8(argument))
        case 0x100...0xFFFF:
            out.append(type | 25)
            appendBigEndian(argument, bytes: 2, to: &out)
        case 0x1_0000...0xFFFF_FFFF:
            out.append(type | 26)
            appendBigEndian(argument, bytes: 4, to: &out)
        default:
            out.append(type | 27)
            appendBigEndian(argument, bytes: 8, to: &out)
        }
    }

    static func appendBigEndian(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
