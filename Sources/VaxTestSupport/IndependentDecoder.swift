import Foundation

/// python3 with cbor2, pycose and cryptography, if this machine has them.
public enum IndependentDecoder {
    public static let absentMessage = "python3 with cbor2, pycose and cryptography not found: independent round trip skipped"

    public static let isAvailable: Bool = {
        (try? run(["-c", "import cbor2, pycose, cryptography"]).status) == 0
    }()

    public static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
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

    /// Runs the decoder on `input` (HC1 texts one a line, or a passports.csv) with the signer
    /// certificate `certificatePEM`; returns one decoded object per certificate, in order.
    /// - Parameter limit: decode at most this many (0: all).
    public static func decode(input: String, certificatePEM: String, limit: Int = 0) throws
        -> (status: Int32, stderr: String, results: [[String: Any]])
    {
        try withTemporaryDirectory { directory in
            try script.write(toFile: directory + "/crosscheck.py", atomically: true, encoding: .utf8)
            let output = try run([directory + "/crosscheck.py", certificatePEM, input, String(limit)])
            let results = output.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return (output.status, output.stderr, results)
        }
    }

    /// The decoder script, written to a temporary folder by the test.
    static let script = #"""
        # Independent decoder for vaxlink's HC1 round-trip test: Base45 (RFC 9285, written here),
        # zlib (Python's), CBOR (cbor2), COSE_Sign1 (pycose) and RSA-PSS/ECDSA (cryptography).
        # Usage: crosscheck.py CERT.pem INPUT LIMIT -> one JSON line per certificate on stdout.
        # INPUT holds HC1 texts one a line, or is a passports.csv (citizen_id,uvci,hc1), whose
        # uvci is echoed as "rowUVCI". LIMIT 0 decodes them all.
        import csv, json, sys, zlib, hashlib
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

        def inputs():
            with open(sys.argv[2], encoding="utf-8") as f:
                if f.readline().startswith("citizen_id,"):
                    f.seek(0)
                    for row in csv.DictReader(f):
                        yield row["hc1"], row["uvci"]
                else:
                    f.seek(0)
                    for line in f.read().split("\n"):
                        if line:
                            yield line, None

        limit = int(sys.argv[3])
        for count, (line, row_uvci) in enumerate(inputs()):
            if limit and count == limit:
                break
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
                "rowUVCI": row_uvci,
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
