import VaxCore

// Base45 (RFC 9285): every 2 bytes [a, b] become n = a·256 + b = c + d·45 + e·45², written as
// the characters c d e; a last single byte a = c + d·45 becomes c d. Decoding is strict: only
// the 45 alphabet characters, no length ≡ 1 (mod 3), and no group worth more than its bytes.

/// The Base45 encoding of RFC 9285, the text form of the HC1 payload.
public enum Base45 {
    /// The 45 characters in value order.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Character → value, 0xFF for characters outside the alphabet.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The Base45 text of `bytes` (ASCII, ⌈3n/2⌉ characters). Complexity: O(n).
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 * 3 + 2)
        var index = 0
        while index + 1 < bytes.count {
            var n = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            for _ in 0..<3 {
                out.append(alphabet[n % 45])
                n /= 45
            }
            index += 2
        }
        if index < bytes.count {
            let n = Int(bytes[index])
            out.append(alphabet[n % 45])
            out.append(alphabet[n / 45])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of Base45 `text`.
    /// - Throws: `VaxError(.badInput)` naming the character position of the first problem.
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        try decode(Array(text.utf8))
    }

    /// The bytes of Base45 characters given as ASCII bytes.
    /// - Throws: `VaxError(.badInput)` for a character outside the alphabet, a length of the
    ///   form 3k + 1, or a group whose value does not fit its bytes. Complexity: O(n).
    public static func decode(_ characters: [UInt8]) throws -> [UInt8] {
        guard characters.count % 3 != 1 else {
            throw VaxError(.badInput, "Base45: \(characters.count) characters cannot be a whole number of bytes")
        }
        var out: [UInt8] = []
        out.reserveCapacity(characters.count / 3 * 2 + 1)
        var index = 0
        func value(_ offset: Int) throws -> Int {
            let v = values[Int(characters[offset])]
            guard v != 0xFF else {
                throw VaxError(.badInput, "Base45: character \(offset + 1) is not in the Base45 alphabet")
            }
            return Int(v)
        }
        while index < characters.count {
            let group = min(3, characters.count - index)
            var n = 0
            var weight = 1
            for offset in 0..<group {
                n += try value(index + offset) * weight
                weight *= 45
            }
            if group == 3 {
                guard n <= 0xFFFF else {
                    throw VaxError(.badInput, "Base45: the group at character \(index + 1) exceeds two bytes")
                }
                out.append(UInt8(n >> 8))
                out.append(UInt8(n & 0xFF))
            } else {
                guard n <= 0xFF else {
                    throw VaxError(.badInput, "Base45: the last group at character \(index + 1) exceeds one byte")
                }
                out.append(UInt8(n))
            }
            index += group
        }
        return out
    }
}
