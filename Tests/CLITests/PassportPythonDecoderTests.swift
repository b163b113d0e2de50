import Foundation
import Testing
import VaxCrypto
import VaxTestSupport

/// An independent decoder: Python's cbor2 and pycose (and `cryptography` for the X.509
/// certificate) decode and verify what `passport issue` wrote.
@Suite struct PassportPythonDecoderTests {
    /// Decodes HC1 texts from passports.csv (argv 1) with the signer certificate (argv 2):
    /// Base45 (RFC 9285, written here), zlib, COSE_Sign1 verified by pycose with the
    /// certificate's key, kid = SHA-256(DER)[:8], and the payload's ci = the CSV's uvci.
    static let script = #"""
        import csv, hashlib, sys, zlib
        import cbor2
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec, rsa
        from pycose.messages import Sign1Message
        from pycose.keys import EC2Key, RSAKey
        from pycose.keys.curves import P256
        from pycose.headers import KID

        ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
        def base45(text):
            out = bytearray()
            for i in range(0, len(text), 3):
                chunk = [ALPHABET.index(c) for c in text[i:i + 3]]
                n = sum(v * 45 ** k for k, v in enumerate(chunk))
                out += n.to_bytes(2 if len(chunk) == 3 else 1, "big")
            return bytes(out)

        pem = open(sys.argv[2], "rb").read()
        cert = x509.load_pem_x509_certificate(pem)
        der = cert.public_bytes(serialization.Encoding.DER)
        public = cert.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey):
            numbers = public.public_numbers()
            key = EC2Key(crv=P256, x=numbers.x.to_bytes(32, "big"), y=numbers.y.to_bytes(32, "big"))
        else:
            numbers = public.public_numbers()
            key = RSAKey(n=numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big"),
                         e=numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))
        checked = 0
        for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
            assert row["hc1"].startswith("HC1:")
            # cbor2 gives a tagged array as a tuple with a frozendict, which Sign1Message.decode
            # rejects: decode the tag here and build the message from the COSE array.
            tagged = cbor2.loads(zlib.decompress(base45(row["hc1"][4:])))
            assert tagged.tag == 18
            protected, unprotected, payload, signature = tagged.value
            message = Sign1Message.from_cose_obj([protected, dict(unprotected), payload, signature], True)
            message.key = key
            assert message.verify_signature(), row["citizen_id"]
            assert message.phdr[KID] == hashlib.sha256(der).digest()[:8]
            claims = cbor2.loads(message.payload)
            dcc = claims[-260][1]
            assert claims[1] == "VN" and claims[4] > claims[6]
            assert dcc["ver"] == "1.3.0" and dcc["v"][0]["ci"] == row["uvci"], row["uvci"]
            checked += 1
            if checked == int(sys.argv[3]):
                break
        print("verified", checked)
        """#

    /// Whether python3 with cbor2, pycose and cryptography can run here.
    static let pythonAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import cbor2, pycose, cryptography"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(
        .enabled(if: pythonAvailable, "skipped: python3 with cbor2, pycose and cryptography is not installed"),
        arguments: [SignatureAlgorithm.es256, .ps256])
    func pythonDecodesAndVerifiesIssuedPassports(algorithm: SignatureAlgorithm) throws {
        try withTemporaryDirectory { dir in
            let run = try PassportFixture(dir: dir)
            let key = try run.makeKey(algorithm, name: "k")
            let issue = try run.issue(key: key, out: dir + "/p")
            try #require(issue.status == 0, "\(issue.stderr)")
            let scriptPath = dir + "/decode.py"
            try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", scriptPath, dir + "/p/passports.csv", key.1, "200"]
            let out = Pipe()
            let err = Pipe()
            python.standardOutput = out
            python.standardError = err
            try python.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            python.waitUntilExit()
            #expect(python.terminationStatus == 0, "\(stderr)")
            #expect(stdout.contains("verified 200"), "\(stdout)")
        }
    }
}
