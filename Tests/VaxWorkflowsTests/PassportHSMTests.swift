import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxPassport
import VaxTestSupport
import VaxWorkflows

/// Passport keys in a hardware module: SoftHSM 2 through OpenSSL's pkcs11 engine.
@Suite(.serialized) struct PassportHSMTests {
    static let tools = ["/usr/bin/softhsm2-util", "/usr/bin/pkcs11-tool", PKCS11Setup.defaultEnginePath,
                        PKCS11Setup.defaultModulePath]
    static let missing = tools.filter { !FileManager.default.fileExists(atPath: $0) }
    static let skipMessage = "needs softhsm2, opensc and libengine-pkcs11-openssl (ops/ensure-deps.sh); missing: "
        + missing.joined(separator: ", ")

    /// Runs `arguments` and fails the test unless it exits 0.
    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(arguments[0]) failed: \(message)")
    }

    // spec: issue 14 "Keys in a hardware module": ES256 and PS256 keys in SoftHSM sign passports.
    @Test(.enabled(if: missing.isEmpty, Comment(rawValue: skipMessage)))
    func passportsSignedInSoftHSMVerify() throws {
        try withTemporaryDirectory { dir in
            // A token of our own: SoftHSM reads SOFTHSM2_CONF when the engine initializes it.
            try FileManager.default.createDirectory(atPath: dir + "/tokens", withIntermediateDirectories: true)
            try "directories.tokendir = \(dir)/tokens\nobjectstore.backend = file\nlog.level = ERROR\n"
                .write(toFile: dir + "/softhsm2.conf", atomically: true, encoding: .utf8)
            setenv("SOFTHSM2_CONF", dir + "/softhsm2.conf", 1)
            try Self.run([Self.tools[0], "--init-token", "--free", "--label", "VAXTEST", "--pin", "1234",
                          "--so-pin", "5678"])
            let run = try PassportRun(dir: dir + "/run")
            // Keys made in software and imported (a ministry would generate them in the HSM and
            // have the certificate signed by its CSCA); then only the URI is used.
            var certificates: [String] = []
            for (index, algorithm) in [SignatureAlgorithm.es256, .ps256].enumerated() {
                let (keyPath, certificatePath) = try run.makeKey(algorithm, name: algorithm.rawValue)
                try Self.run([Self.tools[1], "--module", PKCS11Setup.defaultModulePath, "--token-label", "VAXTEST",
                              "--login", "--pin", "1234", "--write-object", keyPath, "--type", "privkey",
                              "--label", "passport-\(algorithm.rawValue)", "--id", "0\(index + 1)"])
                certificates.append(certificatePath)
            }
            let setup = PKCS11Setup()
            let es = try SigningKey(pkcs11URI: "pkcs11:token=VAXTEST;object=passport-ES256?pin-value=1234", setup: setup)
            #expect(es.algorithm == .es256 && es.isHardwareKey)
            #expect(throws: VaxError.self) { try es.privateKeyPEM() }
            #expect(throws: VaxError.self) {
                try SigningKey(pkcs11URI: "pkcs11:token=VAXTEST;object=no-such-key?pin-value=1234", setup: setup)
            }

            // ES256 with the PIN in the URI.
            var session = run.session(
                key: ("pkcs11:token=VAXTEST;object=passport-ES256?pin-value=1234", certificates[0]), out: dir + "/es")
            session.pkcs11 = setup
            let first = try session.run()
            #expect(first.issued > 500 && first.algorithm == .es256)
            // PS256 with the PIN from the setup (VAXLINK_PKCS11_PIN), renewing everyone.
            session = run.session(key: ("pkcs11:token=VAXTEST;object=passport-PS256", certificates[1]), out: dir + "/ps")
            session.pkcs11 = PKCS11Setup(pin: "1234")
            session.renew = true
            let second = try session.run()
            #expect(second.issued == first.issued && second.algorithm == .ps256)

            let now = Int64(Date().timeIntervalSince1970)
            for (out, certificatePath) in [("es", certificates[0]), ("ps", certificates[1])] {
                let certificate = try SignerCertificate(pemOrDER: Array(try Workflow.file(certificatePath)))
                let verifier = HC1Verifier(certificates: [certificate])
                let rows = try Workflow.rows(dir + "/\(out)/passports.csv")
                #expect(rows.count == first.issued)
                for row in rows.prefix(200) {
                    let result = verifier.verify(row[2], at: now)
                    #expect(result.isValid, "\(out) \(row[0]): \(result.checks.filter { !$0.passed })")
                }
            }
        }
    }
}
