public import VaxCore
import VaxCrypto

extension CBOR {
    /// The JSON form of the item, as DCC payloads are shown: map entries in CBOR order, text
    /// keys as they are and integer keys as their decimal text, byte strings as base64, tagged
    /// items as their content (a tag-0 date-time stays the string it is), dates as in CBOR.
    public var json: JSONText {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int.max) ? .int(Int(n)) : .double(Double(n))
        case .negative(let n): return n < UInt64(Int.max) ? .int(-1 - Int(n)) : .double(-1 - Double(n))
        case .bytes(let bytes): return .string(Base64.encode(bytes))
        case .text(let text): return .string(text)
        case .array(let items): return .array(items.map(\.json))
        case .map(let entries): return .object(entries.map { ($0.key.jsonKey, $0.value.json) })
        case .tagged(_, let item): return item.json
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .double(let value):
            return value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
        }
    }

    /// A map key as JSON object keys must be: text.
    var jsonKey: String {
        switch self {
        case .text(let text): return text
        case .unsigned, .negative: return integerValue.map { String($0) } ?? hexString(encoded())
        default: return hexString(encoded())
        }
    }
}
