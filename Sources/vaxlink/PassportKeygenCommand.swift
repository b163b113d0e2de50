import VaxWorkflows

/// `vaxlink passport keygen`: a passport signing key and its self-signed document signer certificate.
enum PassportKeygenCommand: Command {
    static let name = "passport keygen"
    static let summary = "Make a passport signing key (PS256 or ES256) and its signer certificate."
    static let help = """
        USAGE: vaxlink passport keygen --algorithm ps256|es256 --out DIR [--country CC]
                                       [--name NAME] [--days N]

        Writes DIR/passport-key.pem (the private key, PKCS#8 PEM, mode 0600) and
        DIR/passport-cert.pem (a self-signed X.509 document signer certificate, PEM) and
        prints the certificate's kid (the first 8 bytes of SHA-256 of its DER form), which
        every certificate it signs names. Refuses to overwrite either file.

        OPTIONS:
          --algorithm  ps256: RSA 2048 with RSASSA-PSS (SHA-256); es256: ECDSA P-256
          --out DIR    the folder for both files (created if missing)
          --country    the issuing country, ISO 3166-1 alpha-2 (default VN)
          --name       the certificate's common name (default "<CC> DSC vaxlink")
          --days       the certificate's lifetime in days (default 730)

        A self-signed certificate suits tests and demos; a national deployment has its
        signer certificate issued by the country signing CA instead.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let algorithmText = try arguments.required("algorithm")
        let directory = try arguments.required("out")
        let country = try arguments.option("country") ?? "VN"
        let commonName = try arguments.option("name") ?? "\(country) DSC vaxlink"
        let days = try arguments.integer("days", default: 730, in: 1...36_500)!
        try arguments.finish()
        return emit(try PassportKeys.generate(algorithmName: algorithmText, directory: directory, country: country,
                                              commonName: commonName, days: days))
    }
}
