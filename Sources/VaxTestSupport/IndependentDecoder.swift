import Foundation

/// Debian's python3 with cbor2 and cryptography (python3-cbor2, python3-cryptography, which
/// ops/ensure-deps.sh installs), if this machine has them: an independent decoder of HC1 texts.
public enum IndependentDecoder {
    public static let absentMessage =
        "python3 with cbor2 and cryptography not found (apt-get install python3-cbor2 python3-cryptography): independent round trip skipped"

    /// The first interpreter that imports both modules: Debian's /usr/bin/python3 before any
    /// python3 on PATH (a pyenv shim may shadow it without the Debian packages).
    static let interpreter: [String]? = {
        for candidate in [["/usr/bin/python3"], ["/usr/bin/env", "python3"]] {
            guard FileManager.default.isExecutableFile(atPath: candidate[0]) else { continue }
            if (try? launch(candidate + ["-c", "import cbor2, cryptography"]).status) == 0 { return candidate }
        }
        return nil
    }()

    public static var isAvailable: Bool { interpreter != nil }

    /// Runs the chosen interpreter with `arguments`.
    public static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try launch((interpreter ?? ["/usr/bin/env", "python3"]) + arguments)
    }

    static func launch(_ command: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
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
        # Independent decoder for vaxlink's HC1 round-trip test: Base45 (RFC 9285) and COSE_Sign1
        # (RFC 9052 §4.2-4.4) written here, zlib (Python's), CBOR (cbor2) and ECDSA / RSA-PSS
        # (cryptography): only Debian's python3-cbor2 and python3-cryptography, no pycose.
        # Usage: crosscheck.py CERT.pem INPUT LIMIT -> one JSON line per certificate on stdout.
        # INPUT holds HC1 texts one a line, or is a passports.csv (citizen_id,uvci,hc1), whose
        # uvci is echoed as "rowUVCI". LIMIT 0 decodes them all.
        import csv, json, sys, zlib, hashlib
        import cbor2
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.serialization import Encoding
        from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

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

        def verify_sign1(protected, payload, signature, alg):
            """COSE_Sign1 check: the signature over Sig_structure = ["Signature1", protected,
            external_aad h'', payload] (RFC 9052 §4.4) under the certificate's key."""
            to_be_signed = cbor2.dumps(["Signature1", protected, b"", payload])
            try:
                if alg == -7 and isinstance(public, ec.EllipticCurvePublicKey):
                    # ES256: raw r || s (RFC 9053 §2.1), 32 bytes each on P-256.
                    if public.curve.name != "secp256r1" or len(signature) != 64:
                        return False
                    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
                    public.verify(encode_dss_signature(r, s), to_be_signed, ec.ECDSA(hashes.SHA256()))
                    return True
                if alg == -37 and isinstance(public, rsa.RSAPublicKey):
                    # PS256 (RFC 8230 §2): MGF1-SHA-256, any salt length here; exactly 32 below.
                    public.verify(signature, to_be_signed, padding.PSS(
                        mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO), hashes.SHA256())
                    return True
            except InvalidSignature:
                return False
            return False

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
            decompressor = zlib.decompressobj()
            cose_bytes = decompressor.decompress(base45_decode(line[4:]))
            assert decompressor.eof and not decompressor.unused_data, "one zlib stream, nothing after it"
            tagged = cbor2.loads(cose_bytes)
            assert isinstance(tagged, cbor2.CBORTag) and tagged.tag == 18
            protected, unprotected, payload, signature = tagged.value
            assert isinstance(protected, bytes) and isinstance(payload, bytes) and isinstance(signature, bytes)
            header = cbor2.loads(protected) if protected else {}
            alg = header.get(1)
            result = {
                "tag": tagged.tag,
                "kidMatches": header.get(4) == kid,
                "alg": alg,
                "signatureVerifies": verify_sign1(protected, payload, signature, alg),
                "rowUVCI": row_uvci,
            }
            if isinstance(public, rsa.RSAPublicKey):
                # RFC 8230: PS256 uses a salt as long as the hash (32 bytes); check exactly that.
                try:
                    public.verify(signature, cbor2.dumps(["Signature1", protected, b"", payload]), padding.PSS(
                        mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
                    result["pssSalt32"] = True
                except InvalidSignature:
                    result["pssSalt32"] = False
            claims = cbor2.loads(payload)
            result["iss"] = claims[1]
            result["iat"] = claims[6]
            result["exp"] = claims[4]
            result["dcc"] = claims[-260][1]
            result["payloadSHA256"] = hashlib.sha256(payload).hexdigest()
            print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        """#
}
