public import VaxCore
import VaxCrypto

extension HC1Verification {
    /// The verdict line: "valid", or "INVALID at <stage>: <detail>".
    public var verdict: String {
        guard let failed = checks.first(where: { !$0.passed }) else {
            return isValid ? "valid" : "INVALID: not every stage ran"
        }
        return "INVALID at \(failed.stage.rawValue): \(failed.detail)"
    }

    /// A report for people: the verdict, one line per stage, warnings, the claims and the
    /// payload as pretty JSON in CBOR key order.
    public var textReport: String {
        var lines = ["HC1 certificate: \(verdict)"]
        for check in checks {
            let mark = check.passed ? "ok    " : "FAILED"
            lines.append("  \(mark) \(check.stage.rawValue.padded(to: 13)) \(check.detail)")
        }
        for warning in warnings { lines.append("  warning \(warning)") }
        var claimsLine: [String] = []
        if let issuer { claimsLine.append("issuer \(issuer)") }
        if let issuedAt { claimsLine.append("issued \(DCCTime.format(issuedAt))") }
        if let expiresAt { claimsLine.append("expires \(DCCTime.format(expiresAt))") }
        if let kid { claimsLine.append("kid \(hexString(kid).uppercased())") }
        if let identifier = message?.algorithmIdentifier {
            claimsLine.append("alg \(algorithm?.rawValue ?? "unsupported") (\(identifier))")
        }
        if !claimsLine.isEmpty { lines.append(claimsLine.joined(separator: ", ")) }
        if let dcc { lines.append("payload:\n" + dcc.json.render()) }
        return lines.joined(separator: "\n")
    }

    /// The machine-readable report: valid, failedStage, checks, warnings, claims and payload.
    public var jsonReport: JSONText {
        var fields: [(String, JSONText)] = [
            ("valid", .bool(isValid)),
            ("failedStage", failedStage.map { .string($0.rawValue) } ?? .null),
            (
                "checks",
                .array(
                    checks.map { check in
                        .object([
                            ("stage", .string(check.stage.rawValue)), ("passed", .bool(check.passed)),
                            ("detail", .string(check.detail)),
                        ])
                    })
            ),
            ("warnings", .array(warnings.map { .string($0) })),
        ]
        if let kid { fields.append(("kid", .string(hexString(kid).uppercased()))) }
        if let identifier = message?.algorithmIdentifier { fields.append(("alg", .int(identifier))) }
        if let issuer { fields.append(("iss", .string(issuer))) }
        if let issuedAt { fields.append(("iat", .int(Int(issuedAt)))) }
        if let expiresAt { fields.append(("exp", .int(Int(expiresAt)))) }
        if let dcc { fields.append(("payload", dcc.json)) }
        return .object(fields)
    }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
