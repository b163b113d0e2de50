import Foundation
import VaxCore
import VaxCrypto
import VaxPassport

/// `vaxlink passport verify`: vaccine passports (HC1 texts) checked stage by stage.
public enum PassportVerification {
    /// Checks every text (those given and those of `filePath`) with the given signer
    /// certificates at `timeText` (ISO 8601; nil is now). Any certificate that fails a stage
    /// makes a found problem, each named on standard error.
    /// - Parameter filePath: one text a line, or a CSV with an hc1 column; "-" is standard input.
    /// - Throws: `VaxError(.usage)` for no texts or a bad time; `.badInput` for an unreadable
    ///   file or certificate.
    /// - Complexity: O(texts).
    public static func verify(texts given: [String], filePath: String?, certificatePaths: [String], timeText: String?,
                              json: Bool) throws -> WorkflowReport {
        var texts = given
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
        var output: String
        if json {
            output = JSONText.object([
                ("total", .int(results.count)), ("valid", .int(validCount)),
                ("validatedAt", .string(DCCTime.format(time))),
                ("results", .array(results.map(\.jsonReport))),
            ]).render()
        } else {
            // A certificate's fields (issuer, names) are someone else's text: escaped for the terminal.
            output = results.map { terminalEscaped($0.textReport, keepingLineFeeds: true) }.joined(separator: "\n\n")
            if results.count > 1 { output += "\n\n\(validCount) of \(results.count) certificates valid" }
        }
        var diagnostics = ""
        for (index, result) in results.enumerated() where !result.isValid {
            let which = results.count > 1 ? "certificate \(index + 1): " : ""
            diagnostics += "vaxlink passport verify: \(which)\(result.verdict)\n"
        }
        return WorkflowReport(output: output, diagnostics: diagnostics, foundProblem: validCount != results.count)
    }

    /// The HC1 texts of a file (`HC1TextFile`): a bad line becomes a text that fails its own
    /// checks, never an error that stops the file.
    /// - Throws: `VaxError(.badInput)` for an unreadable file or a CSV without an hc1 column.
    static func readCertificateTexts(_ path: String) throws -> [String] {
        // A regular file, or standard input as documented; at most 64 MiB either way.
        let data = try InputFile.readAll(path, limit: 64 << 20, allowingStandardInput: true)
        do { return try HC1TextFile.entries(Array(data)).map(\.text) } catch let error as VaxError {
            throw VaxError(.badInput, error.message, file: path, line: error.line)
        }
    }
}
