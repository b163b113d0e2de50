import VaxWorkflows

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
        return emit(try PassportVerification.verify(texts: texts, filePath: filePath, certificatePaths: certificatePaths,
                                                    timeText: timeText, json: json))
    }
}
