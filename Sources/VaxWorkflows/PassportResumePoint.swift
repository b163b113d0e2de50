import VaxCore

/// DIR/passports.csv.start: what an unfinished `passport issue` into DIR needs to resume,
/// written (atomically) before its in-progress file and before its first ledger batch.
///
///     vaxlink passport issue: unfinished
///     origin: <the ledger's checkpoint origin>
///     kid: <hex of the signer certificate's kid>
///     start_seq: <the ledger's tree size before this DIR's first passport batch>
///
/// Every passport entry at `start_seq` or later was appended by this DIR's runs, so each must
/// have its row in DIR/passports.csv.partial (the rows are written ahead of their batch). The
/// origin and kid keep a resume to the same ledger and the same signer: one DIR's
/// passports.csv never mixes them.
struct PassportResumePoint: Equatable {
    var origin: String
    var kid: [UInt8]
    var startSeq: Int

    static let title = "vaxlink passport issue: unfinished"

    /// The file's text.
    var text: String {
        "\(Self.title)\norigin: \(origin)\nkid: \(hexString(kid))\nstart_seq: \(startSeq)\n"
    }

    /// Writes the file atomically (temp, fsync, rename, directory sync).
    func write(to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Reads the file at `path`.
    /// - Throws: `.badInput` for a file that is not a resume point.
    static func read(from path: String) throws -> PassportResumePoint {
        let text = try readTextFile(path, what: "passport resume point")
        var fields: [Substring: Substring] = [:]
        let lines = text.split(separator: "\n")
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon]] = line[line.index(after: colon)...].drop { $0 == " " }
        }
        guard lines.first.map(String.init) == title, let origin = fields["origin"], let kidHex = fields["kid"],
            let kid = Self.bytes(hex: kidHex), let start = fields["start_seq"].flatMap({ Int($0) }), start >= 0
        else {
            throw VaxError(
                .badInput, "not a passport resume point; remove the directory's in-progress files", file: path)
        }
        return PassportResumePoint(origin: String(origin), kid: kid, startSeq: start)
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
