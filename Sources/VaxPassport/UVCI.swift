public import VaxCore
import VaxCrypto

// The Unique Vaccination Certificate Identifier (eHealth Network guidelines on verifiable
// vaccination certificates, Annex 2; DCC schema FAQ "UVCI checksum"):
//   URN:UVCI:01:VN:<opaque identifier>#<check character>
// The check character is Luhn mod N over the whole UVCI before "#" with the 38-character
// alphabet A-Z 0-9 / : (N = 38). Published certificates confirm it, e.g.
// URN:UVCI:01:SE:EHM/V12907267LAJW#E.

/// Makes and checks UVCIs.
public enum UVCI {
    /// The Luhn mod N alphabet of the DCC's UVCI checksum.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:".utf8)
    /// RFC 4648 base32 letters, all within the UVCI's A-Z 0-9.
    static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The check character of `uvci` (the text before "#"), or nil if it holds a character
    /// outside A-Z 0-9 / :.
    /// - Complexity: O(length).
    public static func checkCharacter(_ uvci: String) -> Character? {
        let n = alphabet.count
        var factor = 2
        var sum = 0
        for byte in uvci.utf8.reversed() {
            guard let code = alphabet.firstIndex(of: byte) else { return nil }
            let addend = factor * code
            sum += addend / n + addend % n
            factor = factor == 2 ? 1 : 2
        }
        return Character(Unicode.Scalar(alphabet[(n - sum % n) % n]))
    }

    /// Whether `text` is "<uvci>#<its check character>".
    public static func hasValidCheckCharacter(_ text: String) -> Bool {
        guard let hash = text.lastIndex(of: "#"), text.index(after: hash) != text.endIndex,
            text.index(after: text.index(after: hash)) == text.endIndex
        else { return false }
        return checkCharacter(String(text[..<hash])) == text[text.index(after: hash)]
    }

    /// `URN:UVCI:01:<country>:<identifier>#<check>`.
    /// - Precondition: `country` and `identifier` use only A-Z 0-9 /.
    public static func make(country: String, identifier: String) -> String {
        let body = "URN:UVCI:01:\(country):\(identifier)"
        guard let check = checkCharacter(body) else {
            preconditionFailure("a UVCI's country and identifier are A-Z 0-9 /")
        }
        return body + "#" + String(check)
    }

    /// An opaque identifier of 24 base32 characters (120 bits): SHA-256 of `secret`,
    /// `context` and the citizen ID, so that the same inputs give the same UVCI and nobody
    /// without `secret` can tell whose certificate a UVCI is.
    public static func opaqueIdentifier(secret: SHA256Digest, context: SHA256Digest, citizenID: CitizenID)
        -> String
    {
        var message = secret.bytes + context.bytes
        withUnsafeBytes(of: citizenID.rawValue.bigEndian) { message.append(contentsOf: $0) }
        let digest = SHA256.hash(message).bytes
        var out: [UInt8] = []
        out.reserveCapacity(24)
        // 15 bytes = 120 bits = 24 groups of 5 bits, most significant first.
        var buffer = 0
        var bits = 0
        for byte in digest.prefix(15) {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(base32[(buffer >> bits) & 31])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
