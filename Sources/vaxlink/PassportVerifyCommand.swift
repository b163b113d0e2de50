import Foundation
import VaxCore
import VaxCrypto
import VaxPassport

/// `vaxlink passport verify`: checks vaccine passports (EU DCC HC1 texts) stage by stage.
enum PassportVerifyCommand: Command {
    static let name = "passport verify"
    static let summary = "Check vaccine passports (HC1 texts): decoding, signature, expiry, schema."
    static let help = """
        USAGE: vaxlink passport verify HC1... [--file FILE] [--cert CERT]... [--at TIME] [--json]

        Checks each EU Digital COVID Certificate text ("HC1:..."), stage by stage:
          prefix         the text starts with HC1:
          base45         the rest is valid Base45 (RFC 9285)
          decompression  that is one zlib stream
          cose           that is a COSE_Sign1 message (tag 18) naming its algorithm
          cwt            its payload is a CWT with iss/iat/exp and the DCC under hcert (-260)
          signature      a given certificate has the message's kid and its key verifies the
                         PS256 or ES256 signature; without one: "signer key not available"
          key-usage      the certificate's key usage allows digitalSignature and its DCC
                         extended key usage (if it names any) allows this certificate type
          signer         the certificate was valid at iat and its country (C) is the issuer
          expiry         TIME lies between the iat and exp claims
          schema         the payload conforms to the DCC JSON schema 1.3.0
        Signature, expiry and schema are all judged once decoding succeeds. Prints each stage,
        warnings (dates not in RFC 3339 form, codes outside the EU value sets), the claims and
        the payload as JSON (keys in CBOR order, dates as they are in the certificate).

        OPTIONS:
          HC1...       certificate texts (quote them: Base45 contains spaces)
          --file FILE  more texts: one per line, or a CSV with an hc1 column (what
                       'passport issue' writes); '-' reads standard input
          --cert CERT  a document signer certificate, PEM or DER; may be repeated
          --at TIME    the validation time, ISO 8601 (2022-06-01T12:00:00Z, 2022-06-01);
                       default now
          --json       print {"total", "valid", "results": [...]} instead of text

        EXIT STATUS: 0 if every certificate passes every stage; 1 if any fails (stderr names
        the stage); 2 for bad usage or an unreadable file or certificate.
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        var certificatePaths: [String] = []
        while let path = try arguments.option("cert") { certificatePaths.append(path) }
        let filePath = try arguments.option("file")
        let timeText = try arguments.option("at")
        var texts: [String] = []
        while arguments.remaining.contains(where: { !$0.hasPrefix("--") }) {
            texts.append(try arguments.positional("an HC1 text"))
        }
        try arguments.finish()
        if let filePath { texts += try readCertificateTexts(filePath) }
        guard !texts.isEmpty else {
            throw VaxError(.usage, "give HC1 texts or --file (see 'vaxlink passport verify --help')")
        }

        let certificates = try certificatePaths.map { path -> SignerCertificate in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw VaxError(.badInput, "cannot read the signer certificate", file: path)
            }
            do { return try SignerCertificate(pemOrDER: Array(data)) } catch let error as VaxError {
                throw VaxError(.badInput, error.message, file: path)
            }
        }
        let time: Int64
        if let timeText {
            guard let parsed = DCCTime.parseInstant(timeText) else {
                throw VaxError(.usage, "--at must be an ISO 8601 time such as 2022-06-01T12:00:00Z, got '\(timeText)'")
            }
            time = parsed
        } else {
            time = Int64(Date().timeIntervalSince1970)
        }

        let verifier = HC1Verifier(certificates: certificates)
        let results = texts.map { verifier.verify($0, at: time) }
        let validCount = results.filter(\.isValid).count
        if json {
            print(
                JSONText.object([
                    ("total", .int(results.count)), ("valid", .int(validCount)),
                    ("validatedAt", .string(DCCTime.format(time))),
                    ("results", .array(results.map(\.jsonReport))),
                ]).render())
        } else {
            print(results.map(\.textReport).joined(separator: "\n\n"))
            if results.count > 1 { print("\n\(validCount) of \(results.count) certificates valid") }
        }
        for (index, result) in results.enumerated() where !result.isValid {
            let which = results.count > 1 ? "certificate \(index + 1): " : ""
            writeStderr("vaxlink passport verify: \(which)\(result.verdict)\n")
        }
        return validCount == results.count ? 0 : 1
    }

    /// The HC1 texts of a file (`HC1TextFile`): a bad line becomes a text that fails its own
    /// checks, never an error that stops the file.
    static func readCertificateTexts(_ path: String) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw VaxError(.badInput, "cannot read the certificate file", file: path)
            }
            data = contents
        }
        do { return try HC1TextFile.entries(Array(data)).map(\.text) } catch let error as VaxError {
            throw VaxError(.badInput, error.message, file: path, line: error.line)
        }
    }
}
