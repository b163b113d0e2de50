import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport

/// Round trip through an independent decoder: Python's zlib, cbor2 and pycose (with a Base45
/// decoder written in the script), and `cryptography` for an exact PS256 salt-length check.
@Suite(.enabled(if: IndependentDecoder.isAvailable, Comment(rawValue: IndependentDecoder.absentMessage)))
struct IndependentDecoderTests {
    @Test(arguments: [SignatureAlgorithm.es256, .ps256])
    func pythonDecodesAndVerifiesWhatHC1Issues(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let certificate = try SignerCertificate.selfSigned(
            key: key, commonName: "VN DSC test", country: "VN", validDays: 30)
        let names = ["Nguyễn", "Trần", "Lê", "Phạm"]
        let issued = try names.map { name in
            try HC1.issue(
                dcc: sampleDCC(name: name), issuerCountry: "VN", issuedAt: 1_700_000_000,
                expiresAt: 1_731_536_000, key: key, certificate: certificate)
        }
        let lines = try withTemporaryDirectory { directory -> [[String: Any]] in
            try IndependentDecoder.script.write(toFile: directory + "/crosscheck.py", atomically: true, encoding: .utf8)
            try Data(certificate.pem()).write(to: URL(fileURLWithPath: directory + "/cert.pem"))
            try (issued.map(\.text).joined(separator: "\n") + "\n")
                .write(toFile: directory + "/hc1.txt", atomically: true, encoding: .utf8)
            let output = try IndependentDecoder.run([
                directory + "/crosscheck.py", directory + "/cert.pem", directory + "/hc1.txt",
            ])
            #expect(output.status == 0, "crosscheck.py failed: \(output.stderr)")
            return output.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        #expect(lines.count == names.count)
        for (index, line) in lines.enumerated() {
            #expect(line["tag"] as? Int == 18)
            #expect(line["kidMatches"] as? Bool == true)
            #expect(line["alg"] as? Int == algorithm.coseIdentifier)
            #expect(line["pycoseVerifies"] as? Bool == true)
            if algorithm == .ps256 { #expect(line["pssSalt32"] as? Bool == true) }
            #expect(line["iss"] as? String == "VN")
            #expect(line["iat"] as? Int == 1_700_000_000)
            #expect(line["exp"] as? Int == 1_731_536_000)
            #expect(line["payloadSHA256"] as? String == hexString(issued[index].payloadSHA256))
            let dcc = line["dcc"] as? [String: Any]
            let nam = dcc?["nam"] as? [String: Any]
            #expect(nam?["fn"] as? String == names[index])
            #expect(dcc?["ver"] as? String == "1.3.0")
            let vaccination = (dcc?["v"] as? [[String: Any]])?.first
            #expect(vaccination?["dn"] as? Int == 2)
            #expect(vaccination?["ci"] as? String == "URN:UVCI:01:VN:ABC123DEF456#K")
        }
    }
}

/// python3 with cbor2, pycose and cryptography, if this machine has them.
enum IndependentDecoder {
    static let absentMessage = "python3 with cbor2, pycose and cryptography not found: independent round trip skipped"

    static let isAvailable: Bool = {
        (try? run(["-c", "import cbor2, pycose, cryptography"]).status) == 0
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    /// The decoder script, written to a temporary folder by the test.
    static let script = #"""
        # Independent decoder for vaxlink's HC1 round-trip test: Base45 (RFC 9285, written here),
        # zlib (Python's), CBOR (cbor2), COSE_Sign1 (pycose) and RSA-PSS/ECDSA (cryptography).
        # Usage: crosscheck.py CERT.pem HC1TEXTFILE -> one JSON line per text on stdout.
        import json, sys, zlib, hashlib
        import cbor2
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.serialization import Encoding
        from cryptography.hazmat.primitives.asymmetric import ec, padding
        from pycose.messages import Sign1Message
        from pycose.keys import EC2Key, RSAKey
        from pycose.keys.curves import P256
        from pycose.headers import Algorithm, KID

        ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

        def base45_decode(text):
            out = bytearray()
            for i in range(0, len(text), 3):
                chunk = [ALPHABET.index(c) for c in text[i:i + 3]]
                value = sum(v * 45 ** k for k, v in enumerate(chunk))
                out += value.to_bytes(2 if len(chunk) == 3 else 1, "big")
            return bytes(out)

        cert = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
        kid = hashlib.sha256(cert.public_bytes(Encoding.DER)).digest()[:8]
        public = cert.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey):
            numbers = public.public_numbers()
            cose_key = EC2Key(crv=P256, x=numbers.x.to_bytes(32, "big"), y=numbers.y.to_bytes(32, "big"))
        else:
            numbers = public.public_numbers()
            cose_key = RSAKey(n=numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big"),
                              e=numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))

        for line in open(sys.argv[2], encoding="utf-8").read().split("\n"):
            if not line:
                continue
            assert line.startswith("HC1:")
            cose_bytes = zlib.decompress(base45_decode(line[4:]))
            tagged = cbor2.loads(cose_bytes)
            assert tagged.tag == 18
            # Sign1Message.decode wants a list and a dict, but cbor2 6 decodes arrays as tuples and
            # maps as frozendicts: build the message from converted parts.
            parts = list(tagged.value)
            parts[1] = dict(parts[1])
            message = Sign1Message.from_cose_obj(parts, True)
            message.key = cose_key
            result = {
                "tag": tagged.tag,
                "kidMatches": message.phdr.get(KID) == kid,
                "alg": message.phdr.get(Algorithm).identifier,
                "pycoseVerifies": message.verify_signature(),
            }
            if not isinstance(public, ec.EllipticCurvePublicKey):
                # RFC 8230: PS256 uses a salt as long as the hash (32 bytes); check exactly that.
                try:
                    # The Sig_structure of RFC 9052 §4.4, built here rather than taken from pycose.
                    to_be_signed = cbor2.dumps(["Signature1", tagged.value[0], b"", tagged.value[2]])
                    public.verify(tagged.value[3], to_be_signed, padding.PSS(
                        mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
                    result["pssSalt32"] = True
                except Exception:
                    result["pssSalt32"] = False
            claims = cbor2.loads(message.payload)
            result["iss"] = claims[1]
            result["iat"] = claims[6]
            result["exp"] = claims[4]
            result["dcc"] = claims[-260][1]
            result["payloadSHA256"] = hashlib.sha256(message.payload).hexdigest()
            print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        """#
}
