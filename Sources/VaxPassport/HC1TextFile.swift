// The HC1 texts of a file for `passport verify --file`: one text per line, or the hc1 column
// of a CSV whose header names it (what `passport issue` writes). Only line ends are trimmed:
// a Base45 text may end in a space. Reading never stops at a bad line: every line becomes a
// text to check, so one damaged line fails its own verification and not the whole file.

import VaxCore

/// Splits a file of HC1 texts into the texts to verify.
public enum HC1TextFile {
    /// One text to verify and the line it came from.
    public struct Entry: Sendable, Equatable {
        /// The 1-based line number in the file.
        public var line: Int
        /// The text to verify (for a CSV row without an hc1 field: the whole row, which then
        /// fails at the prefix stage).
        public var text: String
    }

    /// The texts of `bytes`, in file order; empty lines are left out.
    /// - Throws: `VaxError(.badInput)` (line 1) if the first line is neither an HC1 text nor a
    ///   CSV header with an hc1 column: then no line can be read as intended.
    /// - Complexity: O(bytes).
    public static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        var lines: [(Int, String)] = []
        var number = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let trimmed = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if !trimmed.isEmpty { lines.append((number, String(decoding: trimmed, as: UTF8.self))) }
        }
        guard let header = lines.first, !header.1.hasPrefix(HC1.prefix) else {
            return lines.map { Entry(line: $0.0, text: $0.1) }
        }
        // A CSV: no HC1 text holds a comma or a quote (neither is in Base45).
        guard let column = header.1.split(separator: ",", omittingEmptySubsequences: false).firstIndex(of: "hc1")
        else {
            throw VaxError(.badInput, "neither an HC1 text nor a CSV header with an hc1 column", line: header.0)
        }
        return lines.dropFirst().map { number, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return Entry(line: number, text: column < fields.count ? String(fields[column]) : line)
        }
    }
}
