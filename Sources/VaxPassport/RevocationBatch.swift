import VaxCore
import VaxCrypto

// A revocation batch in the EU DCC revocation format (eHealth Network, "Technical
// Specifications for EU Digital COVID Certificates, Volume 5"/revocation, and the DCC
// Gateway's RevocationBatchDto):
//
//   { "country": "VN", "expires": "2023-06-01T00:00:00Z", "hashType": "UCI",
//     "entries": [ { "hash": "<base64 of the first 16 bytes of SHA-256(UCI)>" }, ... ] }
//
// hashType UCI: the hash is SHA-256 over the UTF-8 bytes of the certificate's unique
// identifier (the `ci` field, "URN:UVCI:01:VN:...#c" as issued), truncated to its first 128
// bits, Base64 (RFC 4648, with padding): 24 characters. `expires` is when the batch may be
// deleted: the latest expiry of the certificates it names. `kid` is optional and needed only
// for hashType SIGNATURE, so it is left out. Entries are sorted and unique, so the batch is
// a pure function of the set of UVCIs.

/// An EU DCC revocation batch of hash type UCI.
public struct RevocationBatch: Sendable, Equatable {
    /// The issuing country.
    public var country: String
    /// When the batch may be deleted (Unix seconds).
    public var expires: Int64
    /// The entries' hashes, Base64, sorted and unique.
    public private(set) var hashes: [String]

    /// A batch naming `uvcis`.
    public init(country: String, expires: Int64, uvcis: [String]) {
        self.country = country
        self.expires = expires
        hashes = Array(Set(uvcis.map(Self.uciHash))).sorted()
    }

    /// The first 128 bits of SHA-256 of `uvci`, Base64 (the UCI hash type).
    public static func uciHash(_ uvci: String) -> String {
        let digest = SHA256.hash(uvci)
        return Base64.encode(Array(digest.bytes.prefix(16)))
    }

    /// The batch as JSON (the DCC Gateway's revocation batch).
    public var json: String {
        JSONText.object([
            ("country", .string(country)),
            ("expires", .string(DCCTime.format(expires))),
            ("hashType", .string("UCI")),
            ("entries", .array(hashes.map { .object([("hash", .string($0))]) })),
        ]).render()
    }
}
