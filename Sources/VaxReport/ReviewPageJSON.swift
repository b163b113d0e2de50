// Builds the review page's data as JSON bytes that are safe inside an HTML <script> element:
// besides JSON's own escapes, `<`, `>` and `&` are written as \u003c, \u003e, \u0026 (so no
// `</script>` or `<!--` can appear) and U+2028 / U+2029 as \u2028 / \u2029 (line ends in
// older JavaScript). The page parses it with JSON.parse, so the values arrive unchanged.

/// An append-only JSON text for the review page.
struct ReviewPageJSON {
    private(set) var bytes: [UInt8] = []
    private var needsComma = [false]

    init(reservingCapacity n: Int = 1 << 16) { bytes.reserveCapacity(n) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object, as a member `key` when one is given.
    mutating func openObject(_ key: String? = nil) {
        key.map { self.key($0) } ?? separate()
        bytes.append(0x7B)
        needsComma.append(false)
    }

    mutating func closeObject() {
        bytes.append(0x7D)
        needsComma.removeLast()
    }

    /// Opens an array, as a member `key` when one is given.
    mutating func openArray(_ key: String? = nil) {
        key.map { self.key($0) } ?? separate()
        bytes.append(0x5B)
        needsComma.append(false)
    }

    mutating func closeArray() {
        bytes.append(0x5D)
        needsComma.removeLast()
    }

    private mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(0x3A)
    }

    /// A string member `key` (or an array element when `key` is nil).
    mutating func string(_ key: String?, _ value: String) {
        if let key { self.key(key) } else { separate() }
        appendString(value)
    }

    /// An integer member.
    mutating func int(_ key: String?, _ value: Int64) {
        if let key { self.key(key) } else { separate() }
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A Boolean member.
    mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// `null` as member `key`.
    mutating func null(_ key: String) {
        self.key(key)
        bytes.append(contentsOf: "null".utf8)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscape(_ unit: UInt32) {
        bytes.append(contentsOf: [0x5C, 0x75])  // \u
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hex[Int((unit >> UInt32(shift)) & 0xF)]) }
    }

    /// Appends `value` as a quoted, escaped JSON string.
    mutating func appendString(_ value: String) {
        bytes.append(0x22)
        var utf8 = Array(value.utf8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20, 0x7F, 0x3C, 0x3E, 0x26: appendEscape(UInt32(b))
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                appendEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default: bytes.append(b)
            }
            i += 1
        }
        utf8.removeAll()
        bytes.append(0x22)
    }
}
