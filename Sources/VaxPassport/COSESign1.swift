import VaxCore
public import VaxCrypto

// COSE_Sign1 (RFC 9052 §4.2), the signed envelope of a DCC:
//
//   COSE_Sign1 = 18([ protected: bstr .cbor header_map / bstr .size 0,
//                     unprotected: header_map, payload: bstr, signature: bstr ])
//   Sig_structure = ["Signature1", protected, external_aad: h'', payload]
//
// The signature covers the encoded Sig_structure. Header labels: 1 alg, 4 kid. A verifier takes
// each from the protected header when it is there, else from the unprotected one (the DCC
// specification's rule for kid, which the EU test vectors check; they also carry alg unprotected).

/// A decoded or freshly signed COSE_Sign1 message.
public struct COSESign1: Sendable, Equatable {
    /// The CBOR tag of COSE_Sign1.
    public static let tag: UInt64 = 18
    /// The CBOR tag of a CWT (RFC 8392), which some issuers put around the COSE tag.
    public static let cwtTag: UInt64 = 61

    /// The protected header exactly as serialized (an encoded map, or empty).
    public var protectedBytes: [UInt8]
    /// The decoded protected header (an empty map when `protectedBytes` is empty).
    public var protectedHeader: CBOR
    /// The unprotected header map.
    public var unprotectedHeader: CBOR
    /// The payload (for a DCC, the encoded CWT claims).
    public var payload: [UInt8]
    /// The signature: raw r‖s for ES256, the RSA-PSS block for PS256.
    public var signature: [UInt8]

    /// The COSE `alg` value: the protected header's, else the unprotected header's (RFC 9052
    /// recommends protecting it, but issuers exist that do not, and the EU vectors accept them).
    public var algorithmIdentifier: Int? {
        (protectedHeader[Int64(1)] ?? unprotectedHeader[Int64(1)])?.integerValue.map { Int($0) }
    }

    /// The key identifier: the protected header's kid, or else the unprotected header's.
    public var kid: [UInt8]? {
        if let kid = protectedHeader[Int64(4)] { return kid.bytesValue }
        return unprotectedHeader[Int64(4)]?.bytesValue
    }

    /// The bytes the signature covers: the encoded Sig_structure.
    public var toBeSigned: [UInt8] {
        COSESign1.signatureStructure(protected: protectedBytes, payload: payload)
    }

    static func signatureStructure(protected: [UInt8], payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x84]  // an array of 4
        CBOR.text("Signature1").encode(into: &out)
        CBOR.bytes(protected).encode(into: &out)
        out.append(0x40)  // external_aad: the empty byte string
        CBOR.bytes(payload).encode(into: &out)
        return out
    }

    /// Signs `payload` with `key`: protected header {1: alg, 4: kid}, empty unprotected header.
    /// - Throws: `VaxError(.environment)` if signing fails.
    public static func sign(payload: [UInt8], key: SigningKey, kid: [UInt8]) throws -> COSESign1 {
        let protected = CBOR.map([
            CBORMapEntry(.unsigned(1), .int(Int64(key.algorithm.coseIdentifier))),
            CBORMapEntry(.unsigned(4), .bytes(kid)),
        ])
        let protectedBytes = protected.encoded()
        let signature = try key.sign(signatureStructure(protected: protectedBytes, payload: payload))
        return COSESign1(
            protectedBytes: protectedBytes, protectedHeader: protected, unprotectedHeader: .map([]),
            payload: payload, signature: signature)
    }

    /// The encoding, tagged 18.
    public func encoded() -> [UInt8] {
        CBOR.tagged(
            COSESign1.tag,
            .array([.bytes(protectedBytes), unprotectedHeader, .bytes(payload), .bytes(signature)])
        ).encoded()
    }

    /// Decodes a COSE_Sign1 message: tagged 18, untagged, or tagged 61 (CWT) around tag 18.
    /// - Throws: `VaxError(.badInput)` if the bytes are not CBOR or not a COSE_Sign1 structure.
    public static func decode(_ bytes: [UInt8]) throws -> COSESign1 {
        var item = try CBOR.decode(bytes)
        if case .tagged(cwtTag, let inner) = item { item = inner }
        if case .tagged(let tag, let inner) = item {
            guard tag == COSESign1.tag else { throw VaxError(.badInput, "COSE: tag \(tag) is not COSE_Sign1 (18)") }
            item = inner
        }
        guard let parts = item.arrayValue, parts.count == 4 else {
            throw VaxError(.badInput, "COSE: a COSE_Sign1 is an array of 4 items")
        }
        guard let protectedBytes = parts[0].bytesValue else {
            throw VaxError(.badInput, "COSE: the protected header is not a byte string")
        }
        let protectedHeader = protectedBytes.isEmpty ? CBOR.map([]) : try CBOR.decode(protectedBytes)
        guard protectedHeader.mapEntries != nil else {
            throw VaxError(.badInput, "COSE: the protected header is not a map")
        }
        guard parts[1].mapEntries != nil else { throw VaxError(.badInput, "COSE: the unprotected header is not a map") }
        guard let payload = parts[2].bytesValue else {
            throw VaxError(.badInput, "COSE: the payload is not an embedded byte string")
        }
        guard let signature = parts[3].bytesValue else {
            throw VaxError(.badInput, "COSE: the signature is not a byte string")
        }
        return COSESign1(
            protectedBytes: protectedBytes, protectedHeader: protectedHeader, unprotectedHeader: parts[1],
            payload: payload, signature: signature)
    }
}
